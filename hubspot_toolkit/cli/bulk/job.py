"""What every bulk command's run shares: the journal (started, or resumed with the side file
cut back to match it), chunks numbered in file order with the acknowledged ones skipped, each
settled chunk journaled once its results are on disk, and a stop at the first chunk that no
answer settled or at Ctrl-C. The commands say how to send a chunk and what its answer means.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from hubspot_toolkit.cli.bulk.interrupt import Interrupt
from hubspot_toolkit.cli.bulk.journal import Journal, Progress, open_journal
from hubspot_toolkit.cli.bulk.progress import ProgressLine
from hubspot_toolkit.client.resilience import Budget

log = logging.getLogger("hubspot_toolkit.cli.bulk")
T = TypeVar("T")
SHOWN_FAILURES = 10


@dataclass
class Tally:
    """The whole job's results, the journal's earlier runs included."""

    counts: dict[str, int]
    rows: int  # rows (or ids) in the file
    resumed_chunks: int
    chunks: int = 0  # chunks acknowledged by this run
    requests: int = 0
    unsent: int = 0  # rows no answer settled: a --resume sends them
    stop_reason: str = ""
    interrupted: bool = False
    shown: list[tuple[int, str]] = field(default_factory=list)  # (line, error), the first few

    @property
    def complete(self) -> bool:
        return self.unsent == 0  # a Ctrl-C after the last chunk still ends a complete job

    def show(self, failures: Iterable[tuple[int, str]]) -> None:
        for failure in failures:
            if len(self.shown) < SHOWN_FAILURES:
                self.shown.append(failure)


@dataclass
class Start:
    """A job past its checking pass: its journal, what earlier runs did, its size."""

    journal: Journal
    done: Progress | None  # None for a new job
    total: int

    @property
    def skip(self) -> set[int]:
        return self.done.chunks if self.done else set()

    @property
    def side_size(self) -> int:
        return self.done.side_size if self.done else 0

    def tally(self, names: Iterable[str]) -> Tally:
        counts = {name: 0 for name in (*names, "rows")}
        counts.update(self.done.totals if self.done else {})
        resumed = len(self.done.chunks) if self.done else 0
        tally = Tally(counts=counts, rows=self.total, resumed_chunks=resumed)
        tally.show(self.done.failures if self.done else [])
        return tally

    def meter(
        self, label: str, tally: Tally, budget: Budget, chunk: int, quiet: bool
    ) -> ProgressLine:
        rate = budget.requests / budget.window_seconds * chunk  # rows per second it allows
        return ProgressLine(
            label, self.total, done=tally.counts["rows"], ceiling=rate, enabled=not quiet
        )


def begin(
    path: Path, header: Mapping[str, Any], resume: bool, check: Callable[[], int], noun: str
) -> Start | None:
    """The journal opened (or refused) first, then the checking pass; None if the file has
    nothing to send. A new job refused by its checking pass leaves no journal behind."""
    journal, done = open_journal(path, header, resume)
    started = time.monotonic()
    try:
        total = check()
    except BaseException:
        if done is None:
            journal.remove()
        else:
            journal.close()
        raise
    log.info("first pass: %d %s checked in %.1f s", total, noun, time.monotonic() - started)
    if not total:
        journal.remove()
        return None
    return Start(journal, done, total)


def numbered(items: Iterable[T], size: int, skip: set[int]) -> Iterator[tuple[int, list[T]]]:
    """(index, chunk) in file order, but not the chunks in `skip` (acknowledged already).
    Chunk boundaries depend only on the file, so a resumed run cuts the same chunks."""
    chunk: list[T] = []
    index = 0
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            if index not in skip:
                yield index, chunk
            chunk, index = [], index + 1
    if chunk and index not in skip:
        yield index, chunk


class Run:
    def __init__(
        self, journal: Journal, tally: Tally, meter: ProgressLine, interrupt: Interrupt
    ) -> None:
        self.journal = journal
        self.tally = tally
        self.meter = meter
        self.interrupt = interrupt

    def stopping(self) -> bool:
        if self.interrupt.requested:
            self.tally.interrupted = True
        return self.tally.interrupted or bool(self.tally.stop_reason)

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
        for name, value in counts.items():
            self.tally.counts[name] = self.tally.counts.get(name, 0) + value
        self.tally.chunks += 1
        self.tally.show(failures)
        self.meter.advance(counts["rows"])
        log.info("chunk %d (lines %d-%d) acknowledged", index, *lines)

    def unsettled(self, rows: int, reason: str, failures: list[tuple[int, str]]) -> None:
        """A chunk that no answer settled: not journaled, so a --resume sends it again."""
        self.tally.show(failures)
        self.tally.stop_reason = self.tally.stop_reason or reason
        self.meter.advance(rows)

    def finish(self) -> Tally:
        """Counts the rows never taken; removes the journal of a job that is complete."""
        self.meter.close()
        settled = self.tally.counts.get("rows", 0)
        self.tally.unsent = self.tally.rows - settled
        if self.tally.complete:
            self.journal.remove()
        else:
            self.journal.close()
        return self.tally
