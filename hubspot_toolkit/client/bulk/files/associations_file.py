"""Read the associations of every id in a file into JSON lines, in flat memory, journaled so
that a crashed or stopped job resumes where it stopped.

A first pass refuses lines that are not one id and ids that repeat, by line. The second reads
the ids again and sends them in chunks of 1000, a few in flight, each chunk followed through
all its pages by one worker; its lines are appended to the output and the chunk journaled
before the next result is looked at. One line per id, in the order chunks finish:
`{"from": ID, "to": [{"id": …, "type": …}, …]}`, or `{"from": ID, "error": "…"}` when HubSpot
refused that id (never an empty "to" in place of an unread one).
"""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from hubspot_crm_client import AuthenticatedClient

from hubspot_toolkit.client.bulk.associations import (
    MAX_CHUNK,
    AssociationsReport,
    astream_read_associations,
    stream_read_associations,
)
from hubspot_toolkit.client.bulk.files.associations_output import AssociationsOutput
from hubspot_toolkit.client.bulk.files.checking_pass import check_keys, second_pass, watched
from hubspot_toolkit.client.bulk.files.file_job import Abandoned, FileJob, numbered
from hubspot_toolkit.client.bulk.files.readers import IdSource
from hubspot_toolkit.client.bulk.files.report import (
    AssociationsFileReport,
    FileJobError,
    ProgressCallback,
)
from hubspot_toolkit.client.bulk.files.runner import Run, arun_job, run_job
from hubspot_toolkit.client.bulk.outcome import EVERY_REQUEST_REFUSED, UNKNOWN_OBJECT_TYPE, Failure
from hubspot_toolkit.spec.versions import READ, V3

# ((index, the line of each id), the ids)
Chunk = tuple[tuple[int, list[int]], list[str]]


def default_output(source: Path) -> Path:
    """ids.txt → ids.associations.jsonl, beside it."""
    return source.with_name(f"{source.stem}.associations.jsonl")


class AssociationsFile(FileJob[Chunk, AssociationsReport[Any], AssociationsFileReport]):
    command = "read-associations"
    operation = ("associations", READ)
    noun = "ids"
    input_name = "ids file"
    results = ("read", "failed", "associations")

    def __init__(
        self,
        client: AuthenticatedClient,
        types: tuple[str, str],
        path: Path,
        output: Path | str | None,
        concurrency: int,
        version: str,
    ) -> None:
        super().__init__(client, path, concurrency, version)
        self.types = types
        self.output_path = self.side_path(output, default_output(path), "output")
        if self.output_path.is_dir():
            raise FileJobError(f"output {self.output_path} is a directory", "output")
        self.source = IdSource(path)
        self.output = AssociationsOutput(self.output_path)

    def options(self) -> dict[str, Any]:
        return {
            "from": self.types[0],
            "to": self.types[1],
            "base_url": self.base_url,
            "api_version": self.version,
            "chunk_size": MAX_CHUNK,
            "output": str(self.output_path.resolve()),
        }

    def check(self, abandoned: Abandoned) -> int:
        return check_keys(watched(self.source, abandoned), "id")

    def chunks(self, skip: set[int]) -> Iterator[Chunk]:
        ids: Iterator[tuple[int, str]] = second_pass(
            self.source, tuple, self.path, doing="read", noun="id"
        )
        for index, chunk in numbered(ids, MAX_CHUNK, skip):
            yield (index, [line for line, _ in chunk]), [key for _, key in chunk]

    def open_output(self, side_size: int) -> None:
        try:
            self.output.resume_at(side_size)
        except OSError as exc:
            reason = exc.strerror or exc
            raise FileJobError(f"the output file {self.output_path}: {reason}") from None

    def settle(self, chunk: Chunk, outcome: AssociationsReport[Any], run: Run) -> None:
        (index, lines), ids = chunk
        self.requests += outcome.requests
        line_of = dict(zip(ids, lines, strict=True))
        errors = [(line_of[f.id], f"id {f.id}: {f.failure}") for f in outcome.failed]
        unsettled = [f for f in outcome.failed if not f.failure.settled]
        if refused := [f.failure for f in unsettled if f.failure.category == EVERY_REQUEST_REFUSED]:
            run.gate.close()  # nothing else leaves: every request would be refused the same
            raise FileJobError(self._refused(refused[0]))
        if unsettled:
            sent = any(f.failure.sent for f in unsettled)
            run.unsettled(index, len(ids), str(unsettled[0].failure), errors, sent)
            return
        failed = {f.id: str(f.failure) for f in outcome.failed}
        records: list[dict[str, object]] = []
        for key in ids:
            if key in failed:
                records.append({"from": key, "error": failed[key]})
            else:
                # each record as the version answered it: {id, type} in v3, {toObjectId,
                # associationTypes} in the dated versions
                to = outcome.associations[key]
                records.append({"from": key, "to": [a.to_dict() for a in to]})
        self.output.write(records)
        counts = {
            "read": len(ids) - len(failed),
            "failed": len(failed),
            "associations": sum(len(v) for v in outcome.associations.values()),
            "rows": len(ids),
        }
        run.settled(index, (lines[0], lines[-1]), counts, errors, self.output.sync())

    def _refused(self, failure: Failure) -> str:
        """One line naming what to fix: the object type HubSpot does not know, as the caller
        gave it (FROM or TO), else the answer."""
        unknown = failure.message.removeprefix(UNKNOWN_OBJECT_TYPE)
        if failure.message.startswith(UNKNOWN_OBJECT_TYPE):
            for role, given in zip(("FROM", "TO"), self.types, strict=True):
                if given == unknown:
                    return (
                        f"{role} {given!r}: HubSpot knows no such object type (answered 400 "
                        f"{failure.message!r}); nothing else was sent"
                    )
        return f"every request would be refused: 400 {failure.message}; nothing else was sent"

    def close_output(self) -> None:
        self.output.close()

    def send(self, chunks: Iterator[Chunk], run: Run) -> None:
        stream_read_associations(
            self.client, *self.types, chunks, run.done, **run.streaming(), version=self.version
        )

    async def asend(self, chunks: AsyncIterator[Chunk], run: Run) -> None:
        await astream_read_associations(
            self.client, *self.types, chunks, run.adone, **run.streaming(), version=self.version
        )

    def report(self, common: dict[str, Any]) -> AssociationsFileReport:
        return AssociationsFileReport(**common, output=self.output_path)


def read_associations_file(
    client: AuthenticatedClient,
    from_object_type: str,
    to_object_type: str,
    path: Path | str,
    *,
    resume: bool = False,
    output: Path | str | None = None,
    concurrency: int = 4,
    version: str = V3,
    progress: ProgressCallback | None = None,
) -> AssociationsFileReport:
    """The associations of every id in a file (one per line; records of `from_object_type`)
    with records of `to_object_type`, every page read, as JSON lines in `output` (default
    `ids.associations.jsonl` beside the input): `{"from": ID, "to": [...]}` per id, or
    `{"from": ID, "error": "..."}` for an id HubSpot refused. Flat memory whatever the file's
    size; the same guarantees as upsert_line_items_file: every line checked first (a line that
    is not one id, or a repeated id, refused by line: InvalidRowsError), a journal fsync'd per
    acknowledged chunk, `resume=True` reading only what it has not acknowledged (the output is
    cut back to match), a journal of another job refused in one line, Ctrl-C finishing what is
    in flight (JobInterrupted). `version`: v3, or a dated one the client has (`2026-03`),
    whose lines list `toObjectId` and `associationTypes`."""
    types = (from_object_type, to_object_type)
    job = AssociationsFile(client, types, Path(path), output, concurrency, version)
    return run_job(job, resume, progress)


async def aread_associations_file(
    client: AuthenticatedClient,
    from_object_type: str,
    to_object_type: str,
    path: Path | str,
    *,
    resume: bool = False,
    output: Path | str | None = None,
    concurrency: int = 4,
    version: str = V3,
    progress: ProgressCallback | None = None,
) -> AssociationsFileReport:
    """The async form of read_associations_file (see aupsert_line_items_file): cancelled, it
    lets the chunks in flight finish and be journaled, then raises CancelledError."""
    types = (from_object_type, to_object_type)
    job = AssociationsFile(client, types, Path(path), output, concurrency, version)
    return await arun_job(job, resume, progress)
