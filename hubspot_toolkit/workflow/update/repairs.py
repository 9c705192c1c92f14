"""Deterministic repairs of the known defects of HubSpot's published specs (listed in
docs/spec-workflow.md).

Each repair edits the document in place and returns one line per kind of fix it made.
"""

from collections.abc import Iterator
from typing import Any

from hubspot_toolkit.spec.document import Document

PRIVATE_APPS = "private_apps"
BEARER_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "A private app access token, sent as `Authorization: Bearer <token>`.",
}


def _nodes(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _nodes(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{path}[{index}]")


def drop_null_examples(document: Document) -> list[str]:
    count = 0
    for _, node in _nodes(document):
        if "example" in node and node["example"] is None:
            del node["example"]
            count += 1
    return [f"removed {count} `example: null`"] if count else []


def json_error_content(document: Document) -> list[str]:
    fixed = []
    for path, node in _nodes(document):
        content = node.get("content")
        if isinstance(content, dict) and "*/*" in content and "application/json" not in content:
            content["application/json"] = content.pop("*/*")
            fixed.append(path)
    return [f"declared `*/*` content as application/json at {p}" for p in fixed]


def _is_object_schema(node: dict[str, Any]) -> bool:
    return node.get("type") == "object" or "properties" in node or "additionalProperties" in node


def string_examples_on_objects(document: Document) -> list[str]:
    fixed = []
    for path, node in _nodes(document):
        if _is_object_schema(node) and isinstance(node.get("example"), str):
            del node["example"]
            fixed.append(path)
    return [f"removed a string example from an object schema at {p}" for p in fixed]


def private_app_scheme(document: Document) -> list[str]:
    """The `private-app` API-key header scheme is really Authorization: Bearer."""
    schemes = document.get("components", {}).get("securitySchemes", {})
    renamed = [
        name
        for name, scheme in list(schemes.items())
        if isinstance(scheme, dict)
        and scheme.get("type") == "apiKey"
        and (name == "private-app" or scheme.get("name") == "private-app")
    ]
    for name in renamed:
        del schemes[name]
        schemes[PRIVATE_APPS] = dict(BEARER_SCHEME)
    if not renamed:
        return []
    for _, node in _nodes(document):
        security = node.get("security")
        if isinstance(security, list):
            for requirement in security:
                for name in renamed:
                    if isinstance(requirement, dict) and name in requirement:
                        requirement[PRIVATE_APPS] = requirement.pop(name)
    return [
        f"replaced the apiKey scheme {name!r} by HTTP bearer {PRIVATE_APPS!r}" for name in renamed
    ]


def nullable_association_labels(document: Document) -> list[str]:
    """`AssociationSpecWithLabel.label` is a plain string in the spec, but HubSpot answers
    `"label": null` for an association type without a label (the example response in HubSpot's
    associations v4 guide, https://developers.hubspot.com/docs/api-reference/legacy/crm/
    associations/associate-records/guide), so a client that trusts the spec fails on it."""
    spec = document.get("components", {}).get("schemas", {}).get("AssociationSpecWithLabel")
    label = (spec or {}).get("properties", {}).get("label")
    if not isinstance(label, dict) or label.get("nullable") is True:
        return []
    label["nullable"] = True
    return ["made AssociationSpecWithLabel.label nullable (HubSpot answers null for no label)"]


def _schemas(document: Document) -> dict[str, Any]:
    schemas = document.get("components", {}).get("schemas", {})
    return schemas if isinstance(schemas, dict) else {}


def _not_required(schema: Any, names: tuple[str, ...]) -> list[str]:
    """Drop names from schema's required list (removing the list when it empties)."""
    required = schema.get("required") if isinstance(schema, dict) else None
    if not isinstance(required, list):
        return []
    dropped = [name for name in names if name in required]
    schema["required"] = [name for name in required if name not in dropped]
    if not schema["required"]:
        del schema["required"]
    return dropped


def observed_standard_errors(document: Document) -> list[str]:
    """HubSpot's batch error entries carry no `errors` and no `links` and a string subCategory,
    though its StandardError requires the two and types subCategory as an object: captured in
    the 207 of an association read of a record without associations (`crm.associations.
    NO_ASSOCIATIONS_FOUND`; ledger: standard-error-fields-optional, no-associations-207-*)."""
    schema = _schemas(document).get("StandardError")
    if not isinstance(schema, dict):
        return []
    reports = [
        f"made StandardError.{name} optional (HubSpot's 207 entries omit it)"
        for name in _not_required(schema, ("errors", "links"))
    ]
    sub_category = schema.get("properties", {}).get("subCategory")
    if isinstance(sub_category, dict) and sub_category.get("type") == "object":
        sub_category["type"] = "string"
        reports.append("typed StandardError.subCategory as the string HubSpot sends")
    return reports


def observed_error_category(document: Document) -> list[str]:
    """HubSpot's `Error` has no `category` when it cannot infer an object type or read the
    JSON body (captured: https://github.com/HubSpot/hubspot-api-php/issues/128, #40; ledger:
    unknown-object-type, invalid-json-*), though its schema requires one."""
    schema = _schemas(document).get("Error")
    dropped = _not_required(schema, ("category",))
    return ["made Error.category optional (HubSpot omits it on some 400s)"] if dropped else []


def observed_requested_at(document: Document) -> list[str]:
    """`requestedAt` comes as null in some batch answers (captured: https://github.com/HubSpot/
    hubspot-api-nodejs/issues/656; ledger: batch-requested-at-absent-or-null)."""
    fixed = []
    for name, schema in _schemas(document).items():
        node = schema.get("properties", {}).get("requestedAt") if isinstance(schema, dict) else None
        if isinstance(node, dict) and node.get("type") == "string" and not node.get("nullable"):
            node["nullable"] = True
            fixed.append(name)
    return [f"made {name}.requestedAt nullable (HubSpot answers null)" for name in fixed]


def observed_numeric_to_object_ids(document: Document) -> list[str]:
    """Dated answers give `toObjectId` as a JSON number (a recorded answer in amp-labs/
    connectors' HubSpot fixtures; HubSpot's own Node SDK types it as a number), though the
    schema says string: either is accepted (ledger: dated-to-object-id-is-number)."""
    schema = _schemas(document).get("MultiAssociatedObjectWithLabel")
    node = schema.get("properties", {}).get("toObjectId") if isinstance(schema, dict) else None
    if not isinstance(node, dict) or node.get("type") != "string":
        return []
    node.clear()
    node["anyOf"] = [{"type": "string"}, {"type": "integer", "format": "int64"}]
    return ["accepted a number or a string as MultiAssociatedObjectWithLabel.toObjectId"]


REPAIRS = (
    drop_null_examples,
    json_error_content,
    string_examples_on_objects,
    private_app_scheme,
    nullable_association_labels,
    observed_standard_errors,
    observed_error_category,
    observed_requested_at,
    observed_numeric_to_object_ids,
)


def repair(document: Document) -> list[str]:
    reports: list[str] = []
    for fix in REPAIRS:
        reports += fix(document)
    return reports
