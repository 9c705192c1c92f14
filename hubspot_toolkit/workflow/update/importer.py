"""Import HubSpot's published document into spec/ (`hubspot-toolkit update-spec FILE`).

Finds the spec/ document whose operation the upstream document contains, keeps that one
operation and what it references, repairs HubSpot's known defects, merges the semantic changes
into our document (keeping our operationIds, tags, examples, descriptions and factoring), and
writes spec/ only when something real changed, only after the result validates.
"""

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.bundle import bundle_documents, bundle_spec_dir
from hubspot_toolkit.spec.loading import load_document, parse_yaml, spec_files
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.versions import version_of_operation_id
from hubspot_toolkit.workflow.update.atomic import all_or_nothing
from hubspot_toolkit.workflow.update.dated import DatedDocument
from hubspot_toolkit.workflow.update.examples import drop_invalid
from hubspot_toolkit.workflow.update.extract import sliced
from hubspot_toolkit.workflow.update.links import (
    back_links,
    block_strings,
    latest_operation,
    still_missing,
)
from hubspot_toolkit.workflow.update.merge import Merger
from hubspot_toolkit.workflow.update.names import Reconciler, orphans, unfile
from hubspot_toolkit.workflow.update.repairs import repair
from hubspot_toolkit.workflow.update.versions import VERSION, Tracked, tracked

METHODS = ("get", "put", "post", "delete", "patch")


def _round_trip() -> YAML:
    parser = YAML()
    parser.preserve_quotes = True
    parser.width = 4096
    parser.indent(mapping=2, sequence=4, offset=2)
    return parser


def read_upstream(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(path, "", f"cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SpecError(path, "", "cannot be read: not UTF-8 text") from None
    try:
        document = json.loads(text)  # HubSpot publishes JSON: parsed in C, not as YAML
    except ValueError:
        try:
            document = parse_yaml(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            place = f"line {mark.line + 1}" if mark else ""
            raise SpecError(path, place, "neither JSON nor YAML") from None
    if not isinstance(document, dict) or "openapi" not in document or "paths" not in document:
        raise SpecError(path, "", "not an OpenAPI document (no 'openapi' and 'paths')")
    return document


def update(
    upstream_file: Path,
    spec_dir: Path,
    operation: str | None = None,
    version: str | None = None,
    add: tuple[str, ...] = (),
) -> list[str]:
    """Import upstream_file into spec_dir; the report lines. spec_dir changes only on success.

    Each of our operations the upstream document holds (only `operation`, when given) is
    merged into the spec/ document that has it, or, for a version spec/ does not have yet,
    becomes a new document beside the v3 one. A document belongs to one version (`version`,
    else the one its info.version names): it never rewrites a spec/ document of another
    version, and refuses, in one line, when it would.

    A version spec/ has no operation of yet is imported only when `add` names it: following it
    means serving and testing its shapes too (as `sync-spec --add`).
    """
    upstream = read_upstream(upstream_file)
    belongs_to = version or document_version(upstream)
    ours_by_key = {}
    tracked_versions = set()
    for path in spec_files(spec_dir):
        for op in operations(load_document(path)):
            ours_by_key[(op.template, op.method)] = path
            tracked_versions.add(version_of_operation_id(op.operation_id))
    found = [
        found
        for template, item in upstream["paths"].items()
        for method in item
        if method in METHODS and (found := tracked(template, method)) is not None
    ]
    if operation is not None:
        found = [candidate for candidate in found if candidate.operation == operation]
    if not found:
        wanted = ", ".join(f"{m.upper()} {t}" for t, m in ours_by_key)
        raise SpecError(
            upstream_file,
            "paths",
            f"has none of our operations, in v3 or a dated version ({wanted}, or their "
            "/crm/objects/<YYYY-MM>/… and /crm/associations/<YYYY-MM>/… forms)"
            if operation is None
            else f"does not publish {operation}, in v3 or a dated version",
        )
    for new in sorted({f.version for f in found if belongs_to in (None, f.version)}):
        if new not in tracked_versions and new not in add:
            raise SpecError(
                upstream_file,
                "paths",
                f"is HubSpot's {new}, a version spec/ does not track (it has "
                f"{', '.join(sorted(tracked_versions))}); tracking it means serving and testing "
                f"its shapes too: import it with --add {new} (make update-spec ADD={new})",
            )
    report: list[str] = []
    # another version's operations first: they are never written, and may refuse the import
    others = [f for f in found if belongs_to not in (None, f.version)]
    for found_operation in others:
        target = ours_by_key.get((found_operation.path, "post"))
        report += _other_version(upstream, upstream_file, found_operation, target, str(belongs_to))
    with all_or_nothing(spec_dir):
        for found_operation in [f for f in found if f not in others]:
            target = ours_by_key.get((found_operation.path, "post"))
            if target is None:
                report += _create_version(upstream, upstream_file, found_operation, spec_dir)
            else:
                report += _import_operation(
                    upstream, upstream_file, found_operation, target, spec_dir
                )
    report += still_missing(spec_dir, {f.version for f in found if f not in others}, upstream_file)
    return report


def document_version(upstream: dict[str, Any]) -> str | None:
    """The API version a HubSpot document says it is (`info.version`), when it is one of the
    kind we follow."""
    info = upstream.get("info")
    named = str(info.get("version", "")) if isinstance(info, dict) else ""
    return named if VERSION.match(named) else None


def _other_version(
    upstream: dict[str, Any], source: Path, operation: Tracked, target: Path | None, own: str
) -> list[str]:
    """An operation of another version than the document's own (HubSpot's v3 line items
    document once published 2025-09's upsert too): never written, refused when it would
    change spec/."""
    where = f"POST {operation.upstream_path}"
    if target is None:
        return [f"{where}: not imported (version {operation.version}, in a {own} document)"]
    report, document = _merged(upstream, source, operation, target, target.parent)
    if document is not None:
        raise SpecError(
            source,
            f"paths.{operation.upstream_path}",
            f"importing it would rewrite {target.name}, a {operation.version} document, from "
            f"a {own} one (a change to {own} never rewrites another version: import "
            f"{operation.version}'s own document)",
        )
    return [f"{report[0]} (version {operation.version}, in a {own} document)", *report[1:]]


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
    known = bundle_documents(list(documents.items()))
    theirs, filled = sliced(upstream, source, operation, known)
    report = [f"POST {operation.upstream_path} → {target.name} (new: version {operation.version})"]
    report += [f"  repaired: {line}" for line in [*filled, *repair(theirs)]]
    existing = {op.operation_id for op in operations(known)} | {operation.operation_id}
    builder = DatedDocument(
        operation,
        theirs,
        documents[base_file],
        known,
        links_from=latest_operation(documents, operation.operation, operation.version),
        existing=existing,
    )
    document = block_strings(builder.build(str(source)))
    report += [f"  kept: {note}" for note in builder.notes]
    parser = _round_trip()
    writes: dict[Path, Any] = {target: document}
    for sibling, back in back_links(documents, operation, parser).items():
        writes[sibling] = back.document
        report.append(f"  linked: {sibling.name} {back.note}")
    _write_validated(parser, writes, spec_dir)
    return report


def _import_operation(
    upstream: dict[str, Any], source: Path, operation: Tracked, target: Path, spec_dir: Path
) -> list[str]:
    report, document = _merged(upstream, source, operation, target, spec_dir)
    if document is not None:
        _write_validated(_round_trip(), {target: document}, spec_dir)
    return report


def _merged(
    upstream: dict[str, Any], source: Path, operation: Tracked, target: Path, spec_dir: Path
) -> tuple[list[str], Any]:
    """The report, and target's new text (None when upstream means what it says)."""
    # First on a plain copy, quick to read: most imports change nothing and need no more.
    probe = load_document(target)
    # HubSpot's names, so that upstream's components pair with ours (names.py files them again)
    unfile(probe, operation.version)
    theirs, filled = sliced(upstream, source, operation, probe)
    template, method = operation.path, "post"
    report = [f"{method.upper()} {operation.upstream_path} → {target.name}"]
    report += [f"  repaired: {line}" for line in [*filled, *repair(theirs)]]
    merger = Merger(probe, theirs)
    merger.operation(template, method)
    report += [f"  kept: {n[5:]}" for n in merger.notes if n.startswith("kept our")]
    if not [n for n in merger.notes if not n.startswith("kept our")]:
        report.append("  no change: upstream means what our document says")
        return report, None
    # Then on our text, which the round-trip parser writes back with its comments and style.
    parser = _round_trip()
    ours = parser.load(target.read_text(encoding="utf-8"))
    unfile(ours, operation.version)
    orphaned = orphans(ours)
    merger = Merger(ours, theirs)
    merger.operation(template, method)
    report += [f"  changed: {n}" for n in merger.notes if not n.startswith("kept our")]
    # Only this document is written: the others keep their names and meanings.
    loaded = {
        other.name: parser.load(other.read_text(encoding="utf-8"))
        for other in spec_files(spec_dir)
        if other != target
    }
    # the same version's documents first: a name taken back gets their text (hand-written alike)
    others = dict(sorted(loaded.items(), key=lambda item: _version(item[1]) != operation.version))
    names = Reconciler(ours, operation.version, others).run(orphaned)
    report += [f"  named: {note}" for note in names]
    report += [f"  dropped: {note}" for note in drop_invalid(ours)]
    return report, ours


def _version(document: Any) -> str:
    """The API version of a spec/ document, as its operationIds say it."""
    ids = [op.operation_id for op in operations(document)]
    return version_of_operation_id(ids[0]) if ids else ""


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
