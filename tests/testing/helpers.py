"""Paths and bodies shared by the stand-in tests."""

from typing import Any

from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY

UPSERT = "/crm/v3/objects/line_items/batch/upsert"
UPSERT_DATED = "/crm/objects/2026-03/line_items/batch/upsert"
KEY = SHIPPED_UNIQUE_KEY


def read_path(from_type: str, to_type: str, version: str = "v3") -> str:
    if version == "v3":
        return f"/crm/v3/associations/{from_type}/{to_type}/batch/read"
    return f"/crm/associations/{version}/{from_type}/{to_type}/batch/read"


def keyed(*keys: str, key: str = KEY, **properties: str) -> dict[str, Any]:
    return {"inputs": [{"id": k, "idProperty": key, "properties": dict(properties)} for k in keys]}


def ids(*values: str) -> dict[str, Any]:
    return {"inputs": [{"id": v} for v in values]}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
