"""Deterministic repairs of the known defects of HubSpot's published specs (listed in the README).

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


REPAIRS = (
    drop_null_examples,
    json_error_content,
    string_examples_on_objects,
    private_app_scheme,
    nullable_association_labels,
)


def repair(document: Document) -> list[str]:
    reports: list[str] = []
    for fix in REPAIRS:
        reports += fix(document)
    return reports
