"""Property definitions written in code, in the shape of HubSpot's Properties API."""

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from hubspot_toolkit.properties.shape import TYPES
from hubspot_toolkit.testing.errors import StandInError

# The field type HubSpot's UI gives each type when none is named (the shipped definitions'
# pairs); checkbox makes an enumeration take several values separated by ";".
FIELD_TYPES = {
    "string": "text",
    "number": "number",
    "enumeration": "select",
    "bool": "booleancheckbox",
    "date": "date",
    "datetime": "date",
    "phone_number": "phonenumber",
}


def definition(
    name: str,
    type: str,
    *,
    field_type: str | None,
    options: Iterable[str],
    unique: bool,
    read_only: bool,
    label: str | None,
) -> dict[str, Any]:
    """One entry of a Properties API answer."""
    if type not in TYPES:
        raise StandInError(
            f"define_property({name!r}): type {type!r} is not one of {', '.join(TYPES)}"
        )
    choices = list(options)
    if type == "enumeration" and not choices:
        raise StandInError(f"define_property({name!r}): an enumeration needs options=[...]")
    return {
        "name": name,
        "label": label or name,
        "type": type,
        "fieldType": field_type or FIELD_TYPES[type],
        "options": [
            {"label": value, "value": value, "displayOrder": n, "hidden": False}
            for n, value in enumerate(choices)
        ],
        "hasUniqueValue": unique,
        "calculated": False,
        "hubspotDefined": False,
        "modificationMetadata": {"readOnlyValue": read_only},
    }


# Validation rules as define_property takes them: HubSpot's shape, or ruleType -> arguments.
Rules = Iterable[Mapping[str, Any]] | Mapping[str, Iterable[str] | str]


def rules(name: str, given: Rules | None) -> list[dict[str, Any]] | None:
    """given in the shape of HubSpot's Property Validations API (the stand-in checks them)."""
    if given is None:
        return None
    if isinstance(given, Mapping):
        return [
            {
                "ruleType": kind,
                "ruleArguments": [arguments] if isinstance(arguments, str) else list(arguments),
            }
            for kind, arguments in given.items()
        ]
    listed = [dict(rule) for rule in given]
    if not all(isinstance(rule.get("ruleType"), str) for rule in listed):
        raise StandInError(
            f"define_property({name!r}): each validation rule needs a ruleType, e.g. "
            '{"ruleType": "MAX_LENGTH", "ruleArguments": ["10"]}'
        )
    return listed


def read_document(source: str | Path | Mapping[str, Any]) -> tuple[Any, str]:
    """A Properties API answer from a file or as parsed JSON, and what to call it in errors."""
    if isinstance(source, Mapping):
        return dict(source), "use_properties"
    path = Path(source)
    try:
        return json.loads(path.read_text(encoding="utf-8")), str(path)
    except FileNotFoundError:
        raise StandInError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StandInError(f"{path}: cannot be read: {exc}") from None
    except ValueError as exc:
        raise StandInError(f"{path}: not valid JSON: {exc}") from None
