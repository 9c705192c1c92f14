"""Replay HubSpot's history: import every published version of every document spec/ tracks,
oldest first, into a scratch copy of spec/, as a team following HubSpot for years would have.

Each version is imported through the same path as `sync-spec` (the collection's document for one
operation and version), then judged:

- imported: the import succeeded, spec/ says what that version says (faithful.py), and no
  other spec/ document changed;
- refused: the import stopped, with its one-line reason (spec/ unchanged);
- unfaithful: the import succeeded, but spec/ no longer says what that version says, or another
  document changed too;
- skipped: that version does not publish the operation (Line Items v3 had no batch upsert
  before 2024-09).

The real spec/ is only read.
"""

import heapq
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.loading import load_document, parse_yaml, spec_files
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.versions import versioned
from hubspot_toolkit.workflow.history import Published, contents, versions
from hubspot_toolkit.workflow.sync import find_documents, tracked_versions
from hubspot_toolkit.workflow.update.faithful import differences
from hubspot_toolkit.workflow.update.importer import read_upstream, update
from hubspot_toolkit.workflow.update.versions import Tracked, tracked


class Outcome(StrEnum):
    IMPORTED = "imported"
    REFUSED = "refused"
    UNFAITHFUL = "unfaithful"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Options:
    every: int = 1  # every Nth distinct version of each document (and always its newest)
    since: str = ""  # only versions published on or after this date (YYYY-MM-DD)
    operations: tuple[str, ...] = ()  # only these operations (default: every one)
    versions: tuple[str, ...] = ()  # only these versions (default: every one spec/ tracks)
    add: tuple[str, ...] = ()  # dated versions to replay though spec/ does not track them


@dataclass(frozen=True)
class Followed:
    """One document of the collection: the operation and version it is filed under."""

    operation: str
    version: str
    path: str  # inside the collection

    @property
    def name(self) -> str:
        return f"{self.operation} {self.version}"


@dataclass(frozen=True)
class Step:
    document: Followed
    published: Published
    outcome: Outcome
    detail: str  # one line


def documents(source: Path, spec_dir: Path, options: Options) -> list[Followed]:
    """The collection's documents to replay: what spec/ tracks (and `add`), as filtered."""
    ours = tracked_versions(bundle_spec_dir(spec_dir))
    wanted_operations = {operation for operation, _ in ours}
    found = [
        Followed(operation, version, str(path.relative_to(source)))
        for (operation, version), path in sorted(find_documents(source).items())
        if (operation, version) in ours
        or (operation in wanted_operations and version in options.add)
    ]
    chosen = [
        document
        for document in found
        if (not options.operations or document.operation in options.operations)
        and (not options.versions or document.version in options.versions)
    ]
    if not chosen:
        raise SpecError(source, "", "holds no document spec/ tracks that the options select")
    return chosen


def sample(published: list[Published], options: Options) -> list[Published]:
    """Every Nth version published since the date, oldest first, and always the newest."""
    recent = [version for version in published if version.date[:10] >= options.since]
    every = max(options.every, 1)
    chosen = recent[::every]
    if recent and chosen[-1] is not recent[-1]:
        chosen.append(recent[-1])
    return chosen


def replay(
    source: Path, spec_dir: Path, options: Options, keep: Path | None = None
) -> Iterator[Step]:
    """Import each selected version in turn, all documents interleaved by date; each Step as
    it is judged. keep: a folder to leave the scratch spec/ in at the end, to read."""
    followed = documents(source, spec_dir, options)
    streams = [
        _stream(document, source, sample(versions(source, document.path), options))
        for document in followed
    ]
    with tempfile.TemporaryDirectory(prefix="replay-history-") as work:
        scratch = Path(work) / "spec"
        scratch.mkdir()
        for path in spec_files(spec_dir):
            shutil.copyfile(path, scratch / path.name)
        upstream_dir = Path(work) / "upstream"
        upstream_dir.mkdir()
        for document, published, content in heapq.merge(*streams, key=lambda item: item[1].date):
            upstream = upstream_dir / Path(document.path).name
            upstream.write_bytes(content)
            yield _judge(document, published, upstream, scratch)
        if keep is not None:
            shutil.copytree(scratch, keep, dirs_exist_ok=True)


def _stream(
    document: Followed, source: Path, published: list[Published]
) -> Iterator[tuple[Followed, Published, bytes]]:
    for version, content in contents(source, published):
        yield document, version, content


def _judge(document: Followed, published: Published, upstream: Path, scratch: Path) -> Step:
    def step(outcome: Outcome, detail: str) -> Step:
        return Step(document, published, outcome, detail)

    try:
        parsed = read_upstream(upstream)
    except SpecError as exc:
        return step(Outcome.REFUSED, _reason(exc, upstream))
    operation = _operation(parsed, document)
    if operation is None:
        return step(Outcome.SKIPPED, f"does not publish {document.name}")
    before = {path.name: path.read_bytes() for path in spec_files(scratch)}
    try:
        # the versions replayed were chosen (--add) before: each import of one is explicit
        report = update(
            upstream, scratch, document.operation, document.version, add=(document.version,)
        )
    except SpecError as exc:
        return step(Outcome.REFUSED, _reason(exc, upstream))
    after = {path.name: path.read_bytes() for path in spec_files(scratch)}
    target = _holder(scratch, versioned(document.operation, document.version))
    if target is None:
        return step(Outcome.UNFAITHFUL, f"spec/ has no {document.name} after the import")
    rewritten = sorted(
        name for name in set(before) | set(after) if name != target.name and
        before.get(name) != after.get(name) and not _links_added(before.get(name), after.get(name))
    )  # fmt: skip
    if rewritten:
        return step(Outcome.UNFAITHFUL, f"rewrote {', '.join(rewritten)} too")
    found = differences(parsed, published.name, operation, load_document(target))
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return step(Outcome.UNFAITHFUL, found[0] + more)
    if target.name not in before:
        return step(Outcome.IMPORTED, f"new document {target.name}")
    changed = before[target.name] != after[target.name]
    edits = sum(1 for line in report if line.startswith("  changed: "))
    return step(Outcome.IMPORTED, f"{edits} changes" if changed else "no change")


def _links_added(before: bytes | None, after: bytes | None) -> bool:
    """Whether a sibling document only gained our links to the operation just imported (the
    back links a new version's second document brings, links.back_links)."""
    if before is None or after is None:
        return False
    then, now = (parse_yaml(text.decode()) for text in (before, after))
    return bool(then != now and _without_links(then) == _without_links(now))


def _without_links(document: Any) -> Any:
    for item in document.get("paths", {}).values():
        for operation in item.values():
            for response in operation.get("responses", {}).values():
                response.pop("links", None)
    return document


def _operation(parsed: dict[str, object], document: Followed) -> Tracked | None:
    """The document's operation in the published version, if it publishes it."""
    paths = parsed.get("paths")
    for template, item in paths.items() if isinstance(paths, dict) else []:
        for method in item if isinstance(item, dict) else []:
            found = tracked(template, method)
            if found and (found.operation, found.version) == (document.operation, document.version):
                return found
    return None


def _holder(spec_dir: Path, operation_id: str) -> Path | None:
    for path in spec_files(spec_dir):
        if any(op.operation_id == operation_id for op in operations(load_document(path))):
            return path
    return None


def _reason(exc: SpecError, upstream: Path) -> str:
    """The error's one line, naming spec/'s documents by name and the upstream one not at all
    (the step already says which version it is)."""
    file = "" if Path(exc.file) == upstream else f"{Path(exc.file).name}: "
    return f"{file}{exc.place}: {exc.problem}" if exc.place else f"{file}{exc.problem}"


def tally(steps: Iterable[Step]) -> dict[str, dict[Outcome, int]]:
    """Per document, how many versions had each outcome."""
    counts: dict[str, dict[Outcome, int]] = {}
    for step in steps:
        per = counts.setdefault(step.document.name, dict.fromkeys(Outcome, 0))
        per[step.outcome] += 1
    return counts
