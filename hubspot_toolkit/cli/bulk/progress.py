"""One progress line on stderr when it is a terminal, nothing otherwise (logs and CI output stay
clean, and stdout keeps only the summary): rows done, rows per second, and an ETA.

The ETA divides what is left by the slower of the rate measured so far and the rate the
rate-limit budget allows: a job starts with an empty window and races ahead for its first
seconds, then settles at the budget, and an ETA from the first seconds alone would promise far
too much. With rich (the [cli] extra) the line has a bar; without it, it is plain text.

The library's file jobs report progress as JobProgress events; Meter draws them, and
with_progress runs a job with a client and a meter for the command line.
"""

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO, TypeVar, cast

from hubspot_crm_client import AuthenticatedClient

from hubspot_toolkit.client.bulk.files import FileJobReport, JobInterrupted, JobProgress
from hubspot_toolkit.client.resilience import Budget, resilient_client

REDRAW_SECONDS = 0.25
Report = TypeVar("Report", bound=FileJobReport)
Job = Callable[[AuthenticatedClient, Callable[[JobProgress], None]], Report]


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


class ProgressLine:
    def __init__(
        self,
        label: str,
        total: int,
        *,
        done: int = 0,
        ceiling: float | None = None,
        enabled: bool = True,
        stream: TextIO = sys.stderr,
    ) -> None:
        """`done`: rows settled by an earlier run (resumed); `ceiling`: rows per second the
        budget allows."""
        self.label = label
        self.total = total
        self.done = done
        self.ceiling = ceiling
        self._stream = stream
        self._enabled = enabled and stream.isatty()
        self._started = time.monotonic()
        self._this_run = 0
        self._drawn = 0.0
        self._bar: Any = _rich_bar(stream) if self._enabled else None
        if self._bar is not None:
            self._task = self._bar.add_task(label, total=total, completed=done, status="")

    def advance(self, rows: int) -> None:
        self.done += rows
        self._this_run += rows
        now = time.monotonic()
        if self._enabled and now - self._drawn >= REDRAW_SECONDS:
            self._drawn = now
            if self._bar is not None:
                self._bar.update(self._task, completed=self.done, status=self.text(now))
            else:
                self._stream.write(f"\r{self.text(now)}\x1b[K")
                self._stream.flush()

    def text(self, now: float) -> str:
        elapsed = max(now - self._started, 1e-6)
        rate = self._this_run / elapsed
        pace = min(rate, self.ceiling) if self.ceiling else rate
        left = self.total - self.done
        eta = _duration(left / pace) if pace > 0 else "?"
        return f"{self.label} {self.done:,}/{self.total:,} rows, {rate:,.0f} rows/s, ETA {eta}"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self._enabled and self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _rich_bar(stream: TextIO) -> Any:
    """A started rich progress display with a bar and our status text, or None without rich."""
    try:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn
    except ModuleNotFoundError:
        return None
    bar = Progress(
        BarColumn(),
        TextColumn("{task.fields[status]}"),
        console=Console(file=stream),
        transient=True,
    )
    bar.start()
    return bar


class Meter:
    """A file job's progress events drawn as a ProgressLine, made at the first event (when the
    job's size is known); `ceiling` from the budget and the rows a request carries."""

    def __init__(self, label: str, budget: Budget, chunk: int, quiet: bool) -> None:
        self.label = label
        self.ceiling = budget.requests / budget.window_seconds * chunk
        self.quiet = quiet
        self._line: ProgressLine | None = None

    def __call__(self, event: JobProgress) -> None:
        if event.interrupted:
            self.close()  # the line would be drawn over
            print(interrupted_line(event.on_the_wire), file=sys.stderr, flush=True)
            return
        if self._line is None:
            self._line = ProgressLine(
                self.label,
                event.total,
                done=event.done,
                ceiling=self.ceiling,
                enabled=not self.quiet,
            )
        else:
            self._line.advance(event.rows)

    def close(self) -> None:
        if self._line is not None:
            self._line.close()
            self._line = None
            self.quiet = True  # nothing is drawn after the line is gone


def interrupted_line(on_the_wire: int) -> str:
    """What Ctrl-C is answered with, at once."""
    return (
        f"hubspot-bulk: interrupted: finishing {plural(on_the_wire, 'request')} already sent; "
        "no new request will leave (Ctrl-C again to stop at once)"
    )


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def with_progress(
    args: argparse.Namespace, url: str, secret: str, label: str, chunk: int, job: Job[Report]
) -> Report:
    """job(client, progress) with a client for --rate-limit and a progress line: its report,
    or the one JobInterrupted carries."""
    meter = Meter(label, args.rate_limit, chunk, args.quiet)
    try:
        with resilient_client(url, secret, budget=args.rate_limit) as client:
            return job(client, meter)
    except JobInterrupted as stopped:
        return cast(Report, stopped.report)  # the job's own report: the job raised it
    finally:
        meter.close()
