"""Object types in path parameters: resolved as HubSpot resolves them, refused in its words."""

from collections.abc import Mapping

from hubspot_toolkit.crm.object_types import (
    CUSTOM_ID,
    LINE_ITEMS,
    NAMES_BY_ID,
    STANDARD_TYPES,
    resolve,
)
from hubspot_toolkit.server.errors import ApiError

__all__ = [
    "CUSTOM_ID",
    "LINE_ITEMS",
    "NAMES_BY_ID",
    "STANDARD_TYPES",
    "arranged_type",
    "canonical",
    "read_scope",
    "unknown_object_type",
]


def canonical(value: str, custom_types: Mapping[str, str] | None = None) -> str:
    """The object type id for value in any spelling HubSpot resolves; else HubSpot's 400, which
    has no category (captured: https://github.com/HubSpot/hubspot-api-php/issues/128, #233)."""
    type_id = resolve(value, custom_types)
    if type_id is None:
        raise unknown_object_type(value)
    return type_id


def arranged_type(value: object, custom_types: Mapping[str, str]) -> str | None:
    """The type id an arrangement (the ASSOCIATIONS file, a control call) names: a standard
    type's plural name or id, a custom `2-<n>` id, or a custom object's p_ name; else None.
    Stricter than what requests may spell (canonical): an arrangement is ours, not HubSpot's."""
    if not isinstance(value, str):
        return None
    if value in STANDARD_TYPES:
        return STANDARD_TYPES[value]
    if value in NAMES_BY_ID or CUSTOM_ID.match(value):
        return value
    return custom_types.get(value)


def unknown_object_type(value: str) -> ApiError:
    """HubSpot's 400 for a type it cannot infer: no category (ledger: unknown-object-type)."""
    return ApiError(400, None, f"Unable to infer object type from: {value}")


def read_scope(type_id: str) -> str:
    """The OAuth scope that grants reading records of type_id."""
    if CUSTOM_ID.match(type_id):
        return "crm.objects.custom.read"
    return f"crm.objects.{NAMES_BY_ID.get(type_id, type_id)}.read"
