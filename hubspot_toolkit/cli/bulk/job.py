"""What every bulk command's run shares: the journal (started, or resumed with the side file
cut back to match it), chunks numbered in file order with the acknowledged ones skipped, each
settled chunk journaled once its results are on disk, and a stop at the first chunk that no
answer settled or at Ctrl-C. The commands say how to send a chunk and what its answer means.
"""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from hubspot_toolkit.cli.bulk.interrupt import Interrupt
from hubspot_toolkit.cli.bulk.journal import Journal
from hubspot_toolkit.cli.bulk.progress import ProgressLine

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
        return self.unsent == 0 and not self.interrupted

    def show(self, failures: Iterable[tuple[int, str]]) -> None:
        for failure in failures:
            if len(self.shown) < SHOWN_FAILURES:
                self.shown.append(failure)


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
