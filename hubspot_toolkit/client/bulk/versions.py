"""The generated operation for an API version: `v3` or a dated one the client was generated
with (`2026-03`), found by name so that a version added to spec/ needs no edit here."""

from importlib import import_module
from types import ModuleType
from typing import Any, get_type_hints

from hubspot_toolkit.spec.versions import versioned


def endpoint(tag: str, operation: str, version: str) -> ModuleType:
    """The generated module of operation in version (ValueError naming the versions it has)."""
    name = versioned(operation, version)
    try:
        return import_module(f"hubspot_crm_client.api.{tag}.{name}")
    except ModuleNotFoundError:
        raise ValueError(
            f"API version {version!r}: the generated client has no {name} "
            "(track the version in spec/ and regenerate)"
        ) from None


def as_body(module: ModuleType, body: Any) -> Any:
    """body as the request model module's operation takes (v3's model when they are one)."""
    wanted = get_type_hints(module.sync_detailed)["body"]
    return body if isinstance(body, wanted) else wanted.from_dict(body.to_dict())
