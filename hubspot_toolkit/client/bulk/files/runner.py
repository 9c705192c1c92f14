"""The job runner every file job shares, sync and async.

Before anything is sent: the journal opened (or resumed, and refused for another job), then
the checking pass. Then chunks numbered in file order, the acknowledged ones skipped; each
chunk settled, its side output (failed rows, associations read) on disk, then journaled; no
new chunk taken once one could not be settled (401/403, retries ran out), after Ctrl-C, or
once the task is cancelled, while the requests in flight finish and are journaled. Ctrl-C (or
the cancellation) also closes the job's gate: no request leaves after it, not even one that
was waiting for the rate limit, and the caller hears of it at once (a JobProgress with
`interrupted`). A FileJob says what its file holds, how a chunk is sent and what its answer
means.
"""

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from hubspot_toolkit.client.bulk.files.file_job import FileJob, Report, Streaming
from hubspot_toolkit.client.bulk.files.interrupt import Interrupt
from hubspot_toolkit.client.bulk.files.journal import (
    Acknowledged,
    Journal,
    open_journal,
)
from hubspot_toolkit.client.bulk.files.report import (
    FileJobError,
    FileJobReport,
    JobInterrupted,
    JobProgress,
    ProgressCallback,
)
from hubspot_toolkit.client.resilience import Gate

log = logging.getLogger("hubspot_toolkit.client.bulk.files")
T = TypeVar("T")


@dataclass
class Start:
    """A job past its checking pass: its journal, what earlier runs did, its size."""

    journal: Journal
    done: Acknowledged | None  # None for a new job
    total: int

    @property
    def skip(self) -> set[int]:
        return self.done.chunks if self.done else set()

    @property
    def side_size(self) -> int:
        return self.done.side_size if self.done else 0

    def abandon(self) -> None:
        _let_go(self.journal, self.done)


def _let_go(journal: Journal, done: Acknowledged | None) -> None:
    """Before anything was sent: a new job leaves no journal; a resumed one keeps its own."""
    if done is None:
        journal.remove()
    else:
        journal.close()


def begin(
    path: Path, header: dict[str, Any], resume: bool, check: Callable[[], int], noun: str
) -> Start | None:
    """The journal opened (or refused) first, then the checking pass; None if the file has
    nothing to send. A new job refused by its checking pass leaves no journal behind."""
    journal, done = open_journal(path, header, resume)
    started = time.monotonic()
    try:
        total = check()
    except BaseException:
        _let_go(journal, done)
        raise
    log.info("first pass: %d %s checked in %.1f s", total, noun, time.monotonic() - started)
    if not total:
        journal.remove()
        return None
    return Start(journal, done, total)


class Run:
    """One run of a job past its checking pass: each settled chunk into the journal, the
    report and a progress event."""

    def __init__(
        self,
        job: FileJob[Any, Any, Any],
        start: Start,
        report: FileJobReport,
        progress: ProgressCallback | None,
    ) -> None:
        self.job = job
        self.journal = start.journal
        self.report = report
        self.gate = Gate()  # closed on Ctrl-C: no request leaves after it
        self._progress = progress
        self._sent_unsettled = 0  # rows of chunks sent but not settled (401/403, retries)
        self.refused = False  # the job's options cannot work (FileJobError while sending)
        self._resumed = self._done = report.counts.get("rows", 0)
        # events made in a worker thread, for the loop to deliver (None: delivered at once)
        self._held: list[JobProgress] | None = None

    def done(self, chunk: Any, outcome: Any) -> None:
        """A chunk's answer, handed over by the sender in the caller's thread."""
        self.job.settle(chunk, outcome, self)

    async def adone(self, chunk: Any, outcome: Any) -> None:
        """A chunk's answer, handed over on the loop: settled in a worker thread (its fsyncs
        take milliseconds), to the end whatever cancellation comes meanwhile; its progress
        event then delivered on the loop."""
        self._held = []
        await _to_the_end(self.done, chunk, outcome)
        held, self._held = self._held, None
        for event in held:
            self._deliver(event)

    def streaming(self) -> Streaming:
        """What the senders are told besides the chunks: how many in flight, when to stop."""
        return {"concurrency": self.job.concurrency, "stopping": self.stopping, "gate": self.gate}

    def begun(self) -> None:
        self._tell(0, None, True)

    def stopping(self) -> bool:
        """Whether to take no more chunks; asked often while requests are in flight, so that
        the first call after Ctrl-C tells the caller at once."""
        if self.gate.closed and not self.report.interrupted:
            self.report.interrupted = True
            on_the_wire = self.gate.close()  # the count when it closed
            self._deliver(
                JobProgress(
                    self.report.rows,
                    self._done,
                    self._resumed,
                    interrupted=True,
                    on_the_wire=on_the_wire,
                )
            )
        return self.report.interrupted or bool(self.report.stop_reason)

    def settled(
        self,
        index: int,
        lines: tuple[int, int],
        counts: dict[str, int],
        failures: list[tuple[int, str]],
        side_size: int,
    ) -> None:
        """A chunk every row of which an answer settled; its side output is on disk already."""
        self.journal.record(
            {
                "chunk": index,
                "lines": list(lines),
                "counts": counts,
                "failed": failures,
                "side_size": side_size,
            }
        )
        self.report.add(counts, failures)
        self.report.chunks += 1
        log.info("chunk %d (lines %d-%d) acknowledged", index, *lines)
        self._tell(counts["rows"], index, True)

    def unsettled(
        self, index: int, rows: int, reason: str, failures: list[tuple[int, str]], sent: bool
    ) -> None:
        """A chunk that no answer settled: not journaled, so a resumed run sends it again.
        One never `sent` (called off by Ctrl-C or a stop) has not failed: its rows are only
        not sent yet."""
        if sent:
            self.report.add({}, failures)
            self.report.stop_reason = self.report.stop_reason or reason
            self._sent_unsettled += rows
        self._tell(rows, index, False)

    def finish(self) -> None:
        """Counts the rows never settled; removes the journal of a job that is complete."""
        self.report.unsent = self.report.rows - self.report.counts.get("rows", 0)
        self.report.not_sent = self.report.unsent - self._sent_unsettled
        # A job whose options cannot work, and of which nothing was ever acknowledged, is no
        # job to resume: its journal would only refuse the corrected command.
        nothing_done = self.refused and not self.report.counts.get("rows")
        if self.report.complete or nothing_done:
            self.journal.remove()
        else:
            self.journal.close()

    def _tell(self, rows: int, chunk: int | None, acknowledged: bool) -> None:
        self._done += rows
        event = JobProgress(self.report.rows, self._done, self._resumed, rows, chunk, acknowledged)
        if self._held is not None:
            self._held.append(event)
        else:
            self._deliver(event)

    def _deliver(self, event: JobProgress) -> None:
        if self._progress is not None:
            self._progress(event)


def _new_report(job: FileJob[Any, Any, Report], start: Start | None) -> Report:
    """The report of a job, with what the journal says earlier runs did."""
    done = start.done if start else None
    counts = {name: 0 for name in (*job.results, "rows")}
    counts.update(done.totals if done else {})
    report = job.report(
        {
            "input": job.path,
            "journal": job.journal,
            "counts": counts,
            "rows": start.total if start else 0,
            "resumed_chunks": len(done.chunks) if done else 0,
        }
    )
    report.add({}, done.failures if done else [])
    return report


def run_job(
    job: FileJob[Any, Any, Report], resume: bool, progress: ProgressCallback | None
) -> Report:
    """Run a file job in this thread (and `job.concurrency` workers); Ctrl-C in the main thread
    finishes what is in flight, then raises JobInterrupted."""
    started = time.monotonic()
    start = begin(job.journal, job.header(), resume, lambda: job.check(lambda: False), job.noun)
    report = _new_report(job, start)
    if start is None:
        return report
    run = _opened(job, start, report, progress)
    # The gate closes in the signal handler itself: no request leaves after the signal.
    with Interrupt(run.gate.close):
        try:
            run.begun()
            job.send(job.chunks(start.skip), run)
        except FileJobError:
            run.refused = True
            raise
        finally:
            job.close_output()
            run.finish()
    return _ended(job, report, started)


async def arun_job(
    job: FileJob[Any, Any, Report], resume: bool, progress: ProgressCallback | None
) -> Report:
    """Run a file job as tasks on the running loop; the file's passes, each chunk's side output
    and its journal line in worker threads. Cancelled, it finishes what is in flight, then
    raises CancelledError."""
    started = time.monotonic()
    start = await _abegin(job, resume)
    report = _new_report(job, start)
    if start is None:
        return report
    run = _opened(job, start, report, progress)
    try:
        run.begun()
        await job.asend(_off_loop(job.chunks(start.skip)), run)
    except FileJobError:
        run.refused = True
        raise
    except asyncio.CancelledError:
        run.gate.close()
        report.interrupted = True
        raise
    finally:
        job.close_output()
        run.finish()
    return _ended(job, report, started)


def _opened(
    job: FileJob[Any, Any, Any],
    start: Start,
    report: FileJobReport,
    progress: ProgressCallback | None,
) -> Run:
    try:
        job.open_output(start.side_size)
    except BaseException:
        start.abandon()
        raise
    return Run(job, start, report, progress)


def _ended(job: FileJob[Any, Any, Report], report: Report, started: float) -> Report:
    report.requests = job.requests
    report.seconds = time.monotonic() - started
    if report.interrupted and not report.complete:
        raise JobInterrupted(report)
    return report


async def _abegin(job: FileJob[Any, Any, Any], resume: bool) -> Start | None:
    """begin() in a worker thread. Cancelled, the checking pass stops within a few thousand
    rows and the journal is let go as a failed check lets it go; then CancelledError."""
    abandon = threading.Event()

    def work() -> Start | None:
        return begin(job.journal, job.header(), resume, lambda: job.check(abandon.is_set), job.noun)

    future = asyncio.ensure_future(asyncio.to_thread(work))
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        abandon.set()
        with contextlib.suppress(Exception):  # Abandoned, or what the pass found meanwhile
            start = await future
            if start is not None:  # it ended before it saw the request
                start.abandon()
        raise


async def _to_the_end(function: Callable[..., T], *args: Any) -> T:
    """function(*args) in a worker thread, waited for to its end however often the task is
    cancelled meanwhile (CancelledError after): a chunk's side output and journal line are never
    left half written, nor written while the job closes its files."""
    future = asyncio.ensure_future(asyncio.to_thread(function, *args))
    cancelled = False
    while not future.done():
        try:
            await asyncio.shield(future)
        except asyncio.CancelledError:
            cancelled = True
    result = future.result()
    if cancelled:
        raise asyncio.CancelledError
    return result


def _next(items: Iterator[T]) -> T | None:
    return next(items, None)


async def _off_loop(items: Iterator[T]) -> AsyncIterator[T]:
    """items, each taken in a worker thread: reading the file (and skipping through what the
    journal acknowledged, which may be most of it) never blocks the loop."""
    while (item := await asyncio.to_thread(_next, items)) is not None:
        yield item
