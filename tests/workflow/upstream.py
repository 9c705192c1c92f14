"""Build HubSpot-shaped upstream documents from our own spec plus HubSpot's published defects
(the repairs in hubspot_toolkit.workflow.update.repairs): no HubSpot document is committed."""

import copy
from pathlib import Path
from typing import Any

import yaml

UPSERT_PATH = "/crm/v3/objects/line_items/batch/upsert"
UGLY_ID = "post-/crm/v3/objects/line_items/batch/upsert_upsert"


def _null_examples(node: Any) -> None:
    if isinstance(node, dict):
        if "type" in node and "example" not in node:
            node["example"] = None
        for value in node.values():
            _null_examples(value)
    elif isinstance(node, list):
        for value in node:
            _null_examples(value)


def upstream_from(spec_file: Path, path: str = UPSERT_PATH) -> dict[str, Any]:
    """HubSpot's published document for the operation at path, as spec_file would be."""
    doc: dict[str, Any] = yaml.safe_load(spec_file.read_text())
    doc = copy.deepcopy(doc)
    operation = doc["paths"][path]["post"]
    operation["operationId"] = f"post-{path}_upsert" if path != UPSERT_PATH else UGLY_ID
    operation["description"] = "Create or update records identified by a unique property value."
    # HubSpot lumps every error into `default`, declared as */*
    for status in [s for s in operation["responses"] if s[0] in "45"]:
        del operation["responses"][status]
    operation["responses"]["default"] = {
        "description": "An error occurred.",
        "content": {"*/*": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    # the private-app scheme as an API-key header, and a longer scope list (noise)
    schemes = doc["components"]["securitySchemes"]
    del schemes["private_apps"]
    schemes["private-app"] = {"type": "apiKey", "in": "header", "name": "private-app"}
    operation["security"] = [
        {"private-app": []},
        {"oauth2": ["crm.objects.line_items.write"]},
        {"oauth2": ["e-commerce"]},
        {"oauth2": ["crm.objects.line_items.read"]},
    ]
    doc["security"] = [{"private-app": []}]
    schemas = doc["components"]["schemas"]
    # HubSpot inlines the status enum rather than naming it (a factoring difference only)
    for name in (
        "BatchResponseSimplePublicUpsertObject",
        "BatchResponseSimplePublicUpsertObjectWithErrors",
    ):
        if name in schemas and "BatchStatus" in schemas:
            schemas[name]["properties"]["status"] = copy.deepcopy(schemas["BatchStatus"])
    schemas["StringArrayMap"]["example"] = "{missingScopes=[scope1, scope2]}"
    _null_examples(doc["components"])
    # the rest of the Line Items API around our one operation
    doc["paths"]["/crm/v3/objects/line_items/batch/read"] = {
        "post": {
            "operationId": "post-/crm/v3/objects/line_items/batch/read_read",
            "requestBody": {
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/BatchReadInput"}}
                }
            },
            "responses": {"200": {"description": "ok"}},
        }
    }
    doc["paths"]["/crm/v3/objects/line_items/{lineItemId}"] = {
        "get": {
            "operationId": "get-/crm/v3/objects/line_items/{lineItemId}_getById",
            "parameters": [
                {"name": "lineItemId", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"200": {"description": "ok"}},
        }
    }
    schemas["BatchReadInput"] = {
        "type": "object",
        "properties": {"inputs": {"type": "array", "items": {"type": "string"}}},
        "example": None,
    }
    return doc


def write(doc: dict[str, Any], path: Path, as_json: bool = False) -> Path:
    import json

    path.write_text(json.dumps(doc) if as_json else yaml.safe_dump(doc, sort_keys=False))
    return path
