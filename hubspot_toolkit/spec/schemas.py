"""Turn OpenAPI 3.0 schema objects from the spec into plain JSON Schema.

Used wherever something must be checked against, or generated from, the spec: response
validation in the client, request validation in the server, hypothesis strategies in tests.
"""

from typing import Any

from hubspot_toolkit.spec.document import Document

INT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
# OpenAPI-only keywords that mean nothing to a JSON Schema validator or generator.
OPENAPI_ONLY = {"example", "discriminator", "xml", "externalDocs", "deprecated"}


def ref_keys(ref: str) -> list[str]:
    """The keys a local $ref walks, unescaped as JSON Pointer says (RFC 6901: `~1` is `/`, `~0`
    is `~`): '#/paths/~1crm~1v3~1x/post' → ['paths', '/crm/v3/x', 'post']. ValueError for a
    ref to another document."""
    if not ref.startswith("#/"):
        raise ValueError(f"only local $refs are supported, got {ref!r}")
    return [part.replace("~1", "/").replace("~0", "~") for part in ref[2:].split("/")]


def resolve(document: Document, ref: str) -> Any:
    """The node a local $ref ('#/components/...') points at."""
    node: Any = document
    for key in ref_keys(ref):
        node = node[key]
    return node


def component_of(ref: str) -> tuple[str, str]:
    """The section and name of a component's ref: '#/components/schemas/Error' → ('schemas',
    'Error')."""
    keys = ref_keys(ref)
    return keys[1], keys[2]


def to_json_schema(document: Document, schema: Any, seen: tuple[str, ...] = ()) -> Any:
    """schema with every $ref inlined and OpenAPI formats made explicit as bounds."""
    if isinstance(schema, list):
        return [to_json_schema(document, item, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        ref = schema["$ref"]
        if ref in seen:
            raise ValueError(f"recursive schema through {ref} is not supported")
        return to_json_schema(document, resolve(document, ref), (*seen, ref))
    converted: dict[str, Any] = {}
    for key, value in schema.items():
        if key in OPENAPI_ONLY or key.startswith("x-"):
            continue
        if key == "nullable":
            continue
        if key in ("properties", "patternProperties"):
            converted[key] = {k: to_json_schema(document, v, seen) for k, v in value.items()}
        else:
            converted[key] = to_json_schema(document, value, seen)
    if schema.get("nullable") is True and "type" in converted:
        converted["type"] = [converted["type"], "null"]
    if converted.get("type") == "integer" and schema.get("format") in INT_BOUNDS:
        low, high = INT_BOUNDS[schema["format"]]
        converted.setdefault("minimum", low)
        converted.setdefault("maximum", high)
    return converted
