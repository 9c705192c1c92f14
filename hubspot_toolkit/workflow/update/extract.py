"""Keep one operation of a whole published API, with everything it references."""

from typing import Any

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.document import Document, format_path
from hubspot_toolkit.spec.schemas import component_of, ref_keys


def refs(node: Any) -> set[str]:
    """Every `$ref` below node."""
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.add(ref)
        for value in node.values():
            found |= refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= refs(value)
    return found


def _resolve(document: Document, ref: str, source: str) -> Any:
    """schemas.resolve, with a SpecError naming where the ref leads nowhere."""
    try:
        keys = ref_keys(ref)
    except ValueError:
        raise SpecError(source, ref, "only local $refs are supported") from None
    node: Any = document
    for depth, key in enumerate(keys):
        if not isinstance(node, dict) or key not in node:
            where = format_path(keys[: depth + 1])
            raise SpecError(source, f"$ref {ref}", f"resolves nowhere ({where} does not exist)")
        node = node[key]
    return node


def extract_operation(document: Document, path: str, method: str, source: str) -> Document:
    """A document with just path+method and the components it reaches."""
    try:
        operation = document["paths"][path][method]
    except (KeyError, TypeError):
        raise SpecError(
            source, f"paths.{path}.{method}", "the operation is not in this document"
        ) from None
    components: dict[str, dict[str, Any]] = {}
    pending = refs(operation) | refs(document["paths"][path].get("parameters", []))
    seen: set[str] = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        target = _resolve(document, ref, source)
        section, name = component_of(ref)
        components.setdefault(section, {})[name] = target
        pending |= refs(target)
    schemes = document.get("components", {}).get("securitySchemes", {})
    used = {name for req in operation.get("security", document.get("security", [])) for name in req}
    if used:
        components["securitySchemes"] = {n: s for n, s in schemes.items() if n in used}
    return {
        "openapi": document.get("openapi"),
        "paths": {path: {method: operation}},
        "components": components,
    }
