"""Object types by name or by id: `contacts` and `0-1` are the same type."""

import re

from hubspot_toolkit.server.errors import validation_error

# HubSpot's standard object type ids: the "Object type IDs" table of its CRM guide
# (https://developers.hubspot.com/docs/guides/crm/using-object-apis).
STANDARD_TYPES = {
    "contacts": "0-1",
    "companies": "0-2",
    "deals": "0-3",
    "tickets": "0-5",
    "products": "0-7",
    "line_items": "0-8",
    "quotes": "0-14",
    "calls": "0-48",
    "emails": "0-49",
    "meetings": "0-47",
    "notes": "0-46",
    "tasks": "0-27",
}
NAMES_BY_ID = {type_id: name for name, type_id in STANDARD_TYPES.items()}
CUSTOM_ID = re.compile(r"^2-[0-9]+$")
LINE_ITEMS = STANDARD_TYPES["line_items"]


def canonical(value: str, parameter: str, custom_types: frozenset[str] = frozenset()) -> str:
    """The object type id for a name or id; a 400 naming the parameter when unknown."""
    if value in STANDARD_TYPES:
        return STANDARD_TYPES[value]
    if value in NAMES_BY_ID or value in custom_types:
        return value
    raise validation_error(
        f"Unknown object type {value!r} in {parameter}; use a standard object type name "
        f"({', '.join(sorted(STANDARD_TYPES))}), its id (0-1, 0-2, …) or a custom object type "
        "id (2-…) that the server knows",
        parameter,
        "UNKNOWN_OBJECT_TYPE",
    )


def read_scope(type_id: str) -> str:
    """The OAuth scope that grants reading records of type_id."""
    if CUSTOM_ID.match(type_id):
        return "crm.objects.custom.read"
    return f"crm.objects.{NAMES_BY_ID.get(type_id, type_id)}.read"
