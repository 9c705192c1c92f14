"""Combine the per-endpoint documents of spec/ into one document for the generator.

Each document in spec/ stands on its own, so components they share (errors, status enum,
security schemes) appear in each. Combining them must not silently pick one copy: a shared
name whose definitions differ stops the bundle, naming both files and the first difference.
"""

from pathlib import Path
from typing import Any

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.document import Document, format_path
from hubspot_toolkit.spec.loading import load_document, locate, spec_files

BUNDLE_TITLE = "HubSpot CRM: associations batch read and line items batch upsert"


def first_difference(a: Any, b: Any, parts: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """The path of the first place where a and b differ, or None when they are equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a or key not in b:
                return (*parts, key)
            found = first_difference(a[key], b[key], (*parts, key))
            if found is not None:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, (*parts, index))
            if found is not None:
                return found
        return None if len(a) == len(b) else (*parts, min(len(a), len(b)))
    return None if a == b else parts


def _merge_named(
    merged: dict[str, Any],
    owners: dict[str, Path],
    incoming: dict[str, Any],
    source: Path,
    section: tuple[str, ...],
) -> None:
    """Add incoming's entries to merged; an entry already there must be identical."""
    for name, value in incoming.items():
        if name not in merged:
            merged[name] = value
            owners[name] = source
            continue
        where = first_difference(merged[name], value)
        if where is None:
            continue
        full = (*section, name, *where)
        raise SpecError(
            source,
            locate(source, list(full)),
            f"disagrees with {owners[name]} on {format_path(full)} "
            "(a name shared by two documents must mean the same thing in both)",
        )


def bundle_documents(documents: list[tuple[Path, Document]]) -> Document:
    """One OpenAPI document holding every path and component of documents."""
    if not documents:
        raise SpecError("spec", "", "no documents to bundle")
    first_path, first = documents[0]
    bundle: Document = {
        "openapi": first["openapi"],
        "info": {
            "title": BUNDLE_TITLE,
            "version": " + ".join(str(doc["info"]["version"]) for _, doc in documents),
        },
        "paths": {},
        "components": {},
    }
    shared_top: dict[str, Any] = {}
    shared_owner: dict[str, Path] = {}
    path_owner: dict[str, Path] = {}
    component_owner: dict[str, dict[str, Path]] = {}
    tags: dict[str, Any] = {}
    tag_owner: dict[str, Path] = {}
    for source, doc in documents:
        if doc["openapi"] != first["openapi"]:
            raise SpecError(
                source,
                locate(source, ["openapi"]),
                f"OpenAPI version {doc['openapi']} differs from {first['openapi']} in {first_path}",
            )
        _merge_named(
            shared_top,
            shared_owner,
            {key: doc[key] for key in ("servers", "security") if key in doc},
            source,
            (),
        )
        for route in doc.get("paths", {}):
            if route in bundle["paths"]:
                raise SpecError(
                    source,
                    locate(source, ["paths", route]),
                    f"path {route} is also defined in {path_owner[route]}",
                )
            bundle["paths"][route] = doc["paths"][route]
            path_owner[route] = source
        for section, entries in doc.get("components", {}).items():
            merged = bundle["components"].setdefault(section, {})
            owners = component_owner.setdefault(section, {})
            _merge_named(merged, owners, entries, source, ("components", section))
        _merge_named(
            tags, tag_owner, {tag["name"]: tag for tag in doc.get("tags", [])}, source, ("tags",)
        )
    bundle.update(shared_top)
    if tags:
        bundle["tags"] = list(tags.values())
    return bundle


def bundle_spec_dir(spec_dir: Path) -> Document:
    """Load, validate and bundle every document in spec_dir."""
    documents = [(path, load_document(path)) for path in spec_files(spec_dir)]
    return bundle_documents(documents)
