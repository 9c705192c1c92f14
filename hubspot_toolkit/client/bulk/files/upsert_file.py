"""Upsert the line items of a JSONL or CSV file: two passes over the file, neither holding its
rows, and a journal that lets a crashed or stopped job resume where it stopped.

The first pass checks every row and every key (keys go to an on-disk index) and refuses the
file, naming each bad row, before anything is sent. The second reads the rows again and sends
them as it reads, a few chunks in flight; each chunk's failed rows are appended to the
failed-rows file and the chunk journaled before the next result is looked at.
"""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from hubspot_crm_client import AuthenticatedClient

from hubspot_toolkit.client.bulk.files.checking_pass import (
    check_keys,
    keyed_rows,
    second_pass,
    watched,
)
from hubspot_toolkit.client.bulk.files.failed_rows import (
    FailedRowsFile,
    check_writable,
    default_path,
)
from hubspot_toolkit.client.bulk.files.file_job import Abandoned, FileJob, numbered
from hubspot_toolkit.client.bulk.files.readers import RowSource, file_format
from hubspot_toolkit.client.bulk.files.report import (
    FileJobError,
    ProgressCallback,
    UpsertFileReport,
)
from hubspot_toolkit.client.bulk.files.runner import Run, arun_job, run_job
from hubspot_toolkit.client.bulk.outcome import FailedItem
from hubspot_toolkit.client.bulk.rows import LineItemRow
from hubspot_toolkit.client.bulk.upsert import (
    MAX_CHUNK,
    Settled,
    astream_upsert_line_items,
    stream_upsert_line_items,
)
from hubspot_toolkit.spec.versions import UPSERT, V3

Chunk = tuple[int, list[LineItemRow]]


class UpsertFile(FileJob[Chunk, Settled, UpsertFileReport]):
    command = "upsert-line-items"
    operation = ("line_items", UPSERT)
    noun = "rows"
    input_name = "input file"
    results = ("created", "updated", "failed")

    def __init__(
        self,
        client: AuthenticatedClient,
        path: Path,
        id_property: str,
        fmt: str | None,
        failed_file: Path | str | None,
        concurrency: int,
        version: str,
    ) -> None:
        super().__init__(client, path, concurrency, version)
        self.id_property = id_property
        self.fmt = file_format(path, fmt)
        self.failed_path = self.side_path(failed_file, default_path(path, self.fmt), "failed_file")
        try:
            check_writable(self.failed_path)  # before anything is sent
        except OSError as exc:
            reason = exc.strerror or exc
            raise FileJobError(f"the failed-rows file {self.failed_path}: {reason}") from None
        self.source = RowSource(path, self.fmt)
        self.failed_file: FailedRowsFile | None = None
        # rows of chunks no answer settled: written last, after every journal record
        self.unsettled: list[FailedItem] = []

    def options(self) -> dict[str, Any]:
        return {
            "id_property": self.id_property,
            "base_url": self.base_url,
            "api_version": self.version,
            "format": self.fmt,
            "chunk_size": MAX_CHUNK,
            "failed_file": str(self.failed_path.resolve()),
        }

    def check(self, abandoned: Abandoned) -> int:
        rows = watched(keyed_rows(self.source, self.id_property), abandoned)
        return check_keys(rows, self.id_property)

    def chunks(self, skip: set[int]) -> Iterator[Chunk]:
        rows = second_pass(self.source, LineItemRow, self.path, doing="sent", noun="row")
        return numbered(rows, MAX_CHUNK, skip)

    def open_output(self, side_size: int) -> None:
        # a new job (0) starts without an earlier job's failed rows, which it would mistake
        # for its own
        self.failed_file = FailedRowsFile(self.failed_path, self.fmt, self.source.columns)
        self.failed_file.resume_at(side_size)

    def settle(self, chunk: Chunk, outcome: Settled, run: Run) -> None:
        assert self.failed_file is not None
        (index, rows), (upserted, failed) = chunk, outcome
        errors = [(f.row.line, str(f.failure)) for f in failed]
        if any(not f.failure.settled for f in failed):
            sent = any(f.failure.sent for f in failed)
            if sent:  # rows never sent have not failed: they stay out of the failed-rows file
                self.unsettled.extend(failed)
            reason = next(str(f.failure) for f in failed if not f.failure.settled)
            run.unsettled(index, len(rows), reason, errors, sent)
            return
        self.failed_file.write(sorted(failed, key=lambda f: f.row.line))
        new = sum(1 for u in upserted if u.new)
        counts = {
            "created": new,
            "updated": len(upserted) - new,
            "failed": len(failed),
            "rows": len(rows),
        }
        run.settled(index, (rows[0].line, rows[-1].line), counts, errors, self.failed_file.sync())

    def close_output(self) -> None:
        if self.failed_file is None:
            return
        # Listed, but after every journal record, so that a resumed run cuts them off before
        # sending them again.
        self.failed_file.write(sorted(self.unsettled, key=lambda f: f.row.line))
        self.failed_file.close()

    def send(self, chunks: Iterator[Chunk], run: Run) -> None:
        batches = stream_upsert_line_items(
            self.client, chunks, self.id_property, run.done, **run.streaming(), version=self.version
        )
        self.requests = batches.sent

    async def asend(self, chunks: AsyncIterator[Chunk], run: Run) -> None:
        batches = await astream_upsert_line_items(
            self.client,
            chunks,
            self.id_property,
            run.adone,
            **run.streaming(),
            version=self.version,
        )
        self.requests = batches.sent

    def report(self, common: dict[str, Any]) -> UpsertFileReport:
        return UpsertFileReport(**common, failed_file=self.failed_path)


def upsert_line_items_file(
    client: AuthenticatedClient,
    path: Path | str,
    id_property: str,
    *,
    resume: bool = False,
    format: str | None = None,
    failed_file: Path | str | None = None,
    concurrency: int = 4,
    version: str = V3,
    progress: ProgressCallback | None = None,
) -> UpsertFileReport:
    """Upsert every row of a JSONL or CSV file (one line item's properties per row, keyed by
    `id_property`), in flat memory whatever the file's size, journaled so that it can resume.

    Before anything is sent, every row is checked: InvalidRowsError names each malformed row
    and repeated key by line. Each chunk the server acknowledges is journaled (fsync'd) beside
    the file (`rows.jsonl.journal`); rows HubSpot refuses go, with their error, to
    `failed_file` (default `rows.failed.jsonl` beside the input), in the input's format, ready to
    be fixed and fed back in. A job that ends complete deletes its journal. One that stopped
    early (401/403, retries ran out: `report.stop_reason`) keeps it, and so does Ctrl-C, which
    lets the requests in flight finish and raises JobInterrupted; `resume=True` then sends only
    what the journal has not acknowledged. A journal of another file or of other options is
    refused in one line (JournalError), and without `resume` an existing journal is refused:
    it may be the only record of what an interrupted job did.

    `format`: jsonl or csv (default: from the extension). `progress` is called with a
    JobProgress after the checking pass and as each chunk settles, in this thread."""
    job = UpsertFile(client, Path(path), id_property, format, failed_file, concurrency, version)
    return run_job(job, resume, progress)


async def aupsert_line_items_file(
    client: AuthenticatedClient,
    path: Path | str,
    id_property: str,
    *,
    resume: bool = False,
    format: str | None = None,
    failed_file: Path | str | None = None,
    concurrency: int = 4,
    version: str = V3,
    progress: ProgressCallback | None = None,
) -> UpsertFileReport:
    """The async form of upsert_line_items_file: requests as tasks on the running loop, through
    the client's async side; the passes over the file in worker threads. Cancelled (Ctrl-C
    under asyncio.run), it lets the requests in flight finish and be journaled, then raises
    CancelledError; `progress` is called on the loop."""
    job = UpsertFile(client, Path(path), id_property, format, failed_file, concurrency, version)
    return await arun_job(job, resume, progress)
