"""Keep one operation of a whole published API, with everything it references."""

import copy
from pathlib import Path
from typing import Any

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.document import Document, format_path
from hubspot_toolkit.spec.schemas import component_of, ref_keys
from hubspot_toolkit.workflow.update.versions import Tracked


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


def extract_operation(
    document: Document,
    path: str,
    method: str,
    source: str,
    fallback: Document | None = None,
    filled: list[str] | None = None,
) -> Document:
    """A document with just path+method and the components it reaches. A component document
    refers to but leaves out is taken from fallback when that has it (and named in filled)."""
    try:
        operation = document["paths"][path][method]
    except (KeyError, TypeError):
        raise SpecError(
            source, f"paths.{path}.{method}", "the operation is not in this document"
        ) from None
    components: dict[str, dict[str, Any]] = {}
    pending = refs(operation) | refs(document["paths"][path].get("parameters", []))
    seen: set[str] = set()
    ours: set[str] = set()  # refs met inside what fallback gave: not the document's omissions
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        try:
            target = _resolve(document, ref, source)
        except SpecError:
            target = _absent(fallback, ref)
            if target is None:
                raise
            if filled is not None and ref not in ours:
                filled.append(ref)
            ours |= refs(target)
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


def _absent(fallback: Document | None, ref: str) -> Any:
    """fallback's component for ref, a copy, or None."""
    try:
        keys = ref_keys(ref)
    except ValueError:
        return None
    if fallback is None or len(keys) != 3 or keys[0] != "components":
        return None
    found = fallback.get("components", {}).get(keys[1], {}).get(keys[2])
    return copy.deepcopy(found) if found is not None else None


def sliced(
    upstream: Document, source: Path | str, operation: Tracked, fallback: Document | None = None
) -> tuple[Document, list[str]]:
    """operation alone out of upstream (left as it was), under the path spec/ writes; and the
    repairs of that: HubSpot once published a document whose operation referred to components
    it left out (Line Items v3 on 2026-06-15, for some hours); what it leaves out is taken from
    fallback (spec/'s document), since HubSpot said nothing new about it."""
    filled: list[str] = []
    theirs = extract_operation(
        copy.deepcopy(upstream), operation.upstream_path, "post", str(source), fallback, filled
    )
    if operation.is_generic:  # under our path, so that it pairs with ours
        theirs["paths"] = {operation.path: theirs["paths"][operation.upstream_path]}
    notes = [
        f"took {ref[2:].replace('/', '.')} from spec/: the document refers to it but leaves it out"
        for ref in sorted(filled)
    ]
    return theirs, notes
