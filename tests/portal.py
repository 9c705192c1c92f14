"""A test portal's line item properties: the shipped definitions plus custom ones."""

import json
from pathlib import Path
from typing import Any

from hubspot_toolkit.properties import DEFAULT_FILE

CUSTOM = {"options": [], "hubspotDefined": False, "calculated": False}


def custom_property(name: str, type_: str, field_type: str, **extra: Any) -> dict[str, Any]:
    """A custom definition as HubSpot's Properties API answers it."""
    return {"name": name, "label": name, "type": type_, "fieldType": field_type} | CUSTOM | extra


def portal_properties(path: Path, *custom: dict[str, Any]) -> Path:
    """Write the shipped definitions plus custom to path, for a server's --properties."""
    document = json.loads(DEFAULT_FILE.read_text())
    document["results"] += list(custom)
    path.write_text(json.dumps(document))
    return path
