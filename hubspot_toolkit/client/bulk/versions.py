"""The generated operation for an API version: `v3` or a dated one the client was generated
with (`2026-03`), found by name so that a version added to spec/ needs no edit here."""

import pkgutil
import re
from importlib import import_module
from types import ModuleType
from typing import Any, get_args, get_type_hints

from hubspot_toolkit.spec.lifecycle import warn_if_unsupported
from hubspot_toolkit.spec.versions import V3, versioned


def endpoint(tag: str, operation: str, version: str) -> ModuleType:
    """The generated module of operation in version (ValueError naming the versions it has);
    an UnsupportedVersionWarning when HubSpot no longer supports the version."""
    name = versioned(operation, version)
    try:
        module = import_module(f"hubspot_crm_client.api.{tag}.{name}")
    except ModuleNotFoundError:
        raise ValueError(
            f"API version {version!r}: the generated client has no {name} "
            "(track the version in spec/ and regenerate)"
        ) from None
    warn_if_unsupported(version)
    return module


def body_model(module: ModuleType) -> Any:
    """The request body model that module's operation takes."""
    return get_type_hints(module.sync_detailed)["body"]


def as_body(module: ModuleType, body: Any) -> Any:
    """body as the request model module's operation takes (v3's model when they are one)."""
    wanted = body_model(module)
    return body if isinstance(body, wanted) else wanted.from_dict(body.to_dict())


def dated_versions(tag: str, operation: str) -> list[str]:
    """The dated versions the generated client has of operation, oldest first."""
    package = import_module(f"hubspot_crm_client.api.{tag}")
    found = (
        re.fullmatch(rf"{operation}_(\d{{4}})_(\d{{2}})", module.name)
        for module in pkgutil.iter_modules(package.__path__)
    )
    return sorted(f"{match[1]}-{match[2]}" for match in found if match)


def batch_answers(tag: str, operation: str) -> tuple[type, ...]:
    """The batch answer models of operation in every version the client was generated with
    (`BatchResponse…`: a 200's, and a 207's where the version lists one), read from each
    version's generated return type, so that a version added to spec/ needs no edit here."""
    found: list[type] = []
    for version in [V3, *dated_versions(tag, operation)]:
        name = versioned(operation, version)
        module = import_module(f"hubspot_crm_client.api.{tag}.{name}")
        (answers,) = get_args(get_type_hints(module.sync_detailed)["return"])
        found += [
            kind
            for kind in get_args(answers)
            if kind.__name__.startswith("BatchResponse") and kind not in found
        ]
    return tuple(found)
