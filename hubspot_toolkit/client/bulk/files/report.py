"""What a file job tells its caller: progress events while it runs, a report when it ends, and
the errors that stop it before anything is sent."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hubspot_toolkit.errors import HubSpotToolkitError

SHOWN_FAILURES = 10  # failed rows kept, with their errors, to show in a summary


class FileJobError(HubSpotToolkitError, ValueError):
    """An argument of a file job cannot work (nothing was sent); one line says why. `option`
    is the argument the message begins with, if it does."""

    def __init__(self, message: str, option: str | None = None) -> None:
        self.option = option
        super().__init__(message)

    def spelled(self, name: str) -> str:
        """The message with the argument named as a caller names it (`--failed-file`)."""
        text = str(self)
        if self.option and text.startswith(self.option):
            return name + text[len(self.option) :]
        return text


@dataclass(frozen=True)
class JobProgress:
    """Where a file job stands: one event once the checking pass is done (`chunk` None, `rows`
    0), then one per chunk as it settles. Handed to the `progress` callback in the caller's
    thread (the event loop's, for the async forms)."""

    total: int  # rows (or ids) in the file
    done: int  # rows settled so far, by this run and by the earlier runs it resumes
    resumed: int  # of `done`, the rows earlier runs settled
    rows: int = 0  # rows in the chunk that just settled
    chunk: int | None = None  # that chunk's index in the file
    # False for a chunk that no answer settled (not sent, retries ran out, 401/403): it is not
    # journaled, and a resumed run sends it again
    acknowledged: bool = True
    # Ctrl-C came (one event, at once): no request leaves any more, and the `on_the_wire`
    # requests already sent are finishing
    interrupted: bool = False
    on_the_wire: int = 0


ProgressCallback = Callable[[JobProgress], None]


@dataclass(kw_only=True)
class FileJobReport:
    """A file job's results, the earlier runs it resumed included."""

    input: Path
    journal: Path  # kept while the job is unfinished; deleted once it is complete
    counts: dict[str, int]  # per result (created, updated, failed; read, failed, associations)
    rows: int  # rows (or ids) in the file; 0: nothing to send, and nothing was
    resumed_chunks: int = 0  # acknowledged by earlier runs
    chunks: int = 0  # acknowledged by this run
    requests: int = 0  # sent by this run
    unsent: int = 0  # rows no answer settled: `resume=True` sends them
    not_sent: int = 0  # of `unsent`, the rows whose request never left (stopped, Ctrl-C)
    stop_reason: str = ""  # why the job stopped early (401/403, retries ran out)
    interrupted: bool = False  # Ctrl-C (or a cancelled task) stopped it
    seconds: float = 0.0
    failures: list[tuple[int, str]] = field(default_factory=list)  # (line, error): the first few

    @property
    def complete(self) -> bool:
        """Every chunk answered (whatever each row's result); a Ctrl-C after the last chunk
        still ends a complete job."""
        return self.unsent == 0

    @property
    def failed(self) -> int:
        """Rows that did not land although sent: refused by HubSpot, or never settled by an
        answer (401/403, retries ran out). Rows never sent (`not_sent`) are not failed."""
        return self.counts.get("failed", 0) + self.unsent - self.not_sent

    def add(self, counts: dict[str, int], failures: Iterable[tuple[int, str]]) -> None:
        for name, value in counts.items():
            self.counts[name] = self.counts.get(name, 0) + value
        for failure in failures:
            if len(self.failures) < SHOWN_FAILURES:
                self.failures.append(failure)


@dataclass(kw_only=True)
class UpsertFileReport(FileJobReport):
    failed_file: Path  # the failed rows with their errors (absent when no row failed)

    @property
    def created(self) -> int:
        return self.counts.get("created", 0)

    @property
    def updated(self) -> int:
        return self.counts.get("updated", 0)


@dataclass(kw_only=True)
class AssociationsFileReport(FileJobReport):
    output: Path  # one JSON line per id read

    @property
    def read(self) -> int:
        return self.counts.get("read", 0)

    @property
    def associations(self) -> int:
        return self.counts.get("associations", 0)


class JobInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a file job after the requests in flight were answered and journaled.
    A KeyboardInterrupt, so a program that does not catch it stops as Ctrl-C stops it; `report`
    (the job's own report) says what was done, and the same call with `resume=True` sends the
    rest."""

    def __init__(self, report: FileJobReport) -> None:
        self.report = report
        super().__init__(
            f"interrupted; {report.unsent} rows not sent yet or not acknowledged; the journal "
            f"{report.journal} is intact: call again with resume=True"
        )
