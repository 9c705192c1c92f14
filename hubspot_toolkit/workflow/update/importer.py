"""Import HubSpot's published document into spec/ (`hubspot-toolkit update-spec FILE`).

Finds the spec/ document whose operation the upstream document contains, keeps that one
operation and what it references, repairs HubSpot's known defects, merges the semantic changes
into our document (keeping our operationIds, tags, examples, descriptions and factoring), and
writes spec/ only when something real changed, only after the result validates.
"""

import copy
import io
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.bundle import bundle_documents, bundle_spec_dir
from hubspot_toolkit.spec.loading import load_document, spec_files
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.schemas import component_of
from hubspot_toolkit.workflow.update.dated import DatedDocument
from hubspot_toolkit.workflow.update.extract import extract_operation
from hubspot_toolkit.workflow.update.merge import Merger
from hubspot_toolkit.workflow.update.repairs import repair
from hubspot_toolkit.workflow.update.versions import Tracked, tracked

METHODS = ("get", "put", "post", "delete", "patch")


def _round_trip() -> YAML:
    parser = YAML()
    parser.preserve_quotes = True
    parser.width = 4096
    parser.indent(mapping=2, sequence=4, offset=2)
    return parser


def read_upstream(path: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SpecError(path, "", f"cannot be read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}" if mark else ""
        raise SpecError(path, place, "neither JSON nor YAML") from None
    if not isinstance(document, dict) or "openapi" not in document or "paths" not in document:
        raise SpecError(path, "", "not an OpenAPI document (no 'openapi' and 'paths')")
    return document


def update(upstream_file: Path, spec_dir: Path) -> list[str]:
    """Import upstream_file into spec_dir; the report lines. spec_dir changes only on success.

    Each of our operations the upstream document holds, in v3 or a dated version, is merged
    into the spec/ document that has it, or, for a version spec/ does not have yet, becomes a
    new document beside the v3 one.
    """
    upstream = read_upstream(upstream_file)
    ours_by_key = {}
    for path in spec_files(spec_dir):
        for op in operations(load_document(path)):
            ours_by_key[(op.template, op.method)] = path
    found = [
        found
        for template, item in upstream["paths"].items()
        for method in item
        if method in METHODS and (found := tracked(template, method)) is not None
    ]
    if not found:
        wanted = ", ".join(f"{m.upper()} {t}" for t, m in ours_by_key)
        raise SpecError(
            upstream_file,
            "paths",
            f"has none of our operations, in v3 or a dated version ({wanted}, or their "
            "/crm/objects/<YYYY-MM>/… and /crm/associations/<YYYY-MM>/… forms)",
        )
    report: list[str] = []
    for operation in found:
        target = ours_by_key.get((operation.path, "post"))
        if target is None:
            report += _create_version(upstream, upstream_file, operation, spec_dir)
        else:
            report += _import_operation(upstream, upstream_file, operation, target, spec_dir)
    return report


def _sliced(upstream: dict[str, Any], source: Path, operation: Tracked) -> dict[str, Any]:
    theirs = extract_operation(
        copy.deepcopy(upstream), operation.upstream_path, "post", str(source)
    )
    if operation.is_generic:  # under our path, so that it pairs with ours
        theirs["paths"] = {operation.path: theirs["paths"][operation.upstream_path]}
    return theirs


def _create_version(
    upstream: dict[str, Any], source: Path, operation: Tracked, spec_dir: Path
) -> list[str]:
    # read (and validated) once: spec/ as it stands, earlier imports of this run included
    documents = {path: load_document(path) for path in spec_files(spec_dir)}
    base_file = next(
        (
            path
            for path, document in documents.items()
            if any(op.operation_id == operation.operation for op in operations(document))
        ),
        None,
    )
    if base_file is None:
        raise SpecError(
            source, operation.upstream_path, f"spec/ has no v3 {operation.operation} to follow"
        )
    target = spec_dir / f"{base_file.stem}-{operation.version}{base_file.suffix}"
    theirs = _sliced(upstream, source, operation)
    report = [f"POST {operation.upstream_path} → {target.name} (new: version {operation.version})"]
    report += [f"  repaired: {line}" for line in repair(theirs)]
    known = bundle_documents(list(documents.items()))
    builder = DatedDocument(operation, theirs, documents[base_file], known)
    document = _block_strings(builder.build(str(source)))
    report += [f"  kept: {note}" for note in builder.notes]
    _write_validated(_round_trip(), {target: document}, spec_dir)
    return report


def _block_strings(node: Any) -> Any:
    """Multi-line strings as YAML block scalars, as the hand-written documents have them."""
    if isinstance(node, dict):
        return {key: _block_strings(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_block_strings(value) for value in node]
    if isinstance(node, str) and "\n" in node:
        return LiteralScalarString(node)
    return node


def _import_operation(
    upstream: dict[str, Any], source: Path, operation: Tracked, target: Path, spec_dir: Path
) -> list[str]:
    theirs = _sliced(upstream, source, operation)
    template, method = operation.path, "post"
    report = [f"{method.upper()} {operation.upstream_path} → {target.name}"]
    report += [f"  repaired: {line}" for line in repair(theirs)]
    parser = _round_trip()
    ours = parser.load(target.read_text(encoding="utf-8"))
    merger = Merger(ours, theirs)
    merger.operation(template, method)
    changes = [n for n in merger.notes if not n.startswith("kept our")]
    report += [f"  kept: {n[5:]}" for n in merger.notes if n.startswith("kept our")]
    if not changes:
        report.append("  no change: upstream means what our document says")
        return report
    report += [f"  changed: {n}" for n in changes]
    written = {target: ours}
    # Components shared with the other documents must stay identical there (bundle.py checks).
    for ref in sorted(merger.changed_components):
        section, name = component_of(ref)
        for other in spec_files(spec_dir):
            if other == target:
                continue
            other_doc = written.get(other) or parser.load(other.read_text(encoding="utf-8"))
            if name in other_doc.get("components", {}).get(section, {}):
                other_doc["components"][section][name] = copy.deepcopy(
                    ours["components"][section][name]
                )
                written[other] = other_doc
                report.append(
                    f"  changed: components.{section}.{name} in {other.name} too (shared)"
                )
    _write_validated(parser, written, spec_dir)
    return report


def _write_validated(parser: YAML, documents: dict[Path, Any], spec_dir: Path) -> None:
    """Write every document to a scratch copy of spec/, validate it all, then swap files in."""
    with tempfile.TemporaryDirectory(prefix="update-spec-") as work:
        scratch = Path(work)
        for path in sorted({*spec_files(spec_dir), *documents}):
            if path in documents:
                buffer = io.StringIO()
                parser.dump(documents[path], buffer)
                text = buffer.getvalue()
            else:
                text = path.read_text(encoding="utf-8")
            (scratch / path.name).write_text(text, encoding="utf-8")
        bundle_spec_dir(scratch)  # raises SpecError, naming the place, if the result is invalid
        for path in documents:
            staged = path.with_suffix(path.suffix + ".new")
            staged.write_text((scratch / path.name).read_text(encoding="utf-8"), encoding="utf-8")
            os.replace(staged, path)
