"""Follow HubSpot's public spec collection: import every version spec/ tracks, report the change.

The collection (a git repository HubSpot publishes) keeps one document per API and version:
`PublicApiSpecs/CRM/Line Items/Rollouts/<rollout>/<version>/lineItems.json` and
`PublicApiSpecs/CRM/Associations/Rollouts/<rollout>/<version>/associations.json`. For each of
our operations, every version that spec/ already tracks (and any asked for with `add`) is
imported through the same path as `update-spec`; a dated version spec/ does not track yet is
only listed, since following it also means serving and testing its shapes.

Each document is imported for the operation and version the collection files it under: it may
rewrite that version's spec/ document only. One that would rewrite another version's (HubSpot's
v3 line items document once published 2025-09's upsert too) stops the sync in one line, and a
sync that stops leaves spec/ as it found it.
"""

from dataclasses import dataclass
from pathlib import Path

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec import lifecycle
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.loading import spec_files
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.versions import V3, base_operation_id, version_of_operation_id
from hubspot_toolkit.workflow.diff.compare import compare
from hubspot_toolkit.workflow.diff.report import as_markdown
from hubspot_toolkit.workflow.update.atomic import all_or_nothing
from hubspot_toolkit.workflow.update.importer import read_upstream, update
from hubspot_toolkit.workflow.update.versions import LAYOUT, VERSION, tracked


@dataclass
class SyncResult:
    changed: bool
    report: str  # Markdown, for a pull request's body
    versions: list[str]  # each tracked version's status today, and the one to build on


def find_documents(source: Path) -> dict[tuple[str, str], Path]:
    """(operation, version) -> the collection's document that holds that operation."""
    if not (source / "PublicApiSpecs").is_dir():
        raise SpecError(source, "", "not a checkout of HubSpot's public spec collection")
    found: dict[tuple[str, str], Path] = {}
    for operation, (folder, name) in LAYOUT.items():
        for path in sorted((source / folder).glob(f"*/*/{name}")):
            version = path.parent.name
            if VERSION.match(version) and _holds(path, operation):
                found.setdefault((operation, version), path)
    return found


def _holds(path: Path, operation: str) -> bool:
    """Whether the document publishes our operation (v4's document shares a folder name)."""
    try:
        document = read_upstream(path)
    except SpecError:
        return False
    return any(
        (match := tracked(template, method)) is not None and match.operation == operation
        for template, item in document["paths"].items()
        for method in item
    )


def tracked_versions(spec: Document) -> set[tuple[str, str]]:
    return {
        (base_operation_id(op.operation_id), version_of_operation_id(op.operation_id))
        for op in operations(spec)
    }


def sync(source: Path, spec_dir: Path, add: tuple[str, ...] = ()) -> SyncResult:
    """Import the collection's documents for what spec_dir tracks; the Markdown report."""
    files_before = _contents(spec_dir)
    before = bundle_spec_dir(spec_dir)
    ours = tracked_versions(before)
    documents = find_documents(source)
    notes: list[str] = []
    with all_or_nothing(spec_dir):
        for (operation, version), path in sorted(documents.items()):
            if (operation, version) in ours or version in add:
                notes += update(path, spec_dir, operation, version, add=(version,))
    after = bundle_spec_dir(spec_dir)
    now_tracked = tracked_versions(after)
    # an import's hint at the version's other document is moot once this sync imported it
    notes = [note for note in notes if not _imported_since(note, now_tracked)]
    untracked = sorted(
        f"{operation} {version}"
        for operation, version in documents
        if (operation, version) not in now_tracked and version != V3
    )
    changes = compare(before, after)
    report = as_markdown(changes, "spec/ before", "HubSpot's spec collection")
    statuses = lifecycle.report(version for _, version in now_tracked)
    report += "\nHubSpot's versions (status today):\n\n" + "".join(f"- {s}\n" for s in statuses)
    if untracked:
        report += (
            "\nPublished by HubSpot but not tracked here (add one with "
            "`hubspot-toolkit sync-spec --add VERSION`): "
            + ", ".join(f"`{name}`" for name in untracked)
            + "\n"
        )
    report += "\n<details><summary>Import log</summary>\n\n```\n" + "\n".join(notes)
    report += "\n```\n</details>\n"
    return SyncResult(changed=_contents(spec_dir) != files_before, report=report, versions=statuses)


def _imported_since(note: str, now_tracked: set[tuple[str, str]]) -> bool:
    return any(
        note.startswith(f"next: spec/ has no {operation} in {version} ")
        for operation, version in now_tracked
    )


def _contents(spec_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in spec_files(spec_dir)}
