"""What a kind of file job says, for the runner (runner.py) to run it: the options a journal
is valid for, its two passes over the file, its side output, how a chunk is sent, and what a
chunk's answer means."""

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar

from hubspot_crm_client import AuthenticatedClient

from hubspot_toolkit.client.bulk.files.journal import input_fingerprint, journal_path
from hubspot_toolkit.client.bulk.files.report import FileJobError, FileJobReport
from hubspot_toolkit.client.bulk.versions import endpoint
from hubspot_toolkit.client.resilience import Gate

if TYPE_CHECKING:
    from hubspot_toolkit.client.bulk.files.runner import Run

T = TypeVar("T")
Chunk = TypeVar("Chunk")
Outcome = TypeVar("Outcome")
Report = TypeVar("Report", bound=FileJobReport)
Abandoned = Callable[[], bool]  # true once the caller gave up on the checking pass


class Streaming(TypedDict):
    """What a job's sender is told besides its chunks (Run.streaming)."""

    concurrency: int
    stopping: Callable[[], bool]
    gate: Gate  # closed on Ctrl-C: no request leaves after it


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


class FileJob(ABC, Generic[Chunk, Outcome, Report]):
    """One kind of file job: what decides what is sent, its two passes over the file, its side
    output, and how a chunk is sent and settled."""

    command: str  # in the journal's header
    operation: tuple[str, str]  # the generated client's tag and operation it sends
    noun: str  # what the file holds: "rows", "ids"
    input_name: str  # what the file is called in messages
    results: tuple[str, ...]  # what a settled row counts as

    def __init__(
        self, client: AuthenticatedClient, path: Path, concurrency: int, version: str
    ) -> None:
        if concurrency < 1:
            raise FileJobError(f"concurrency must be at least 1, not {concurrency}", "concurrency")
        endpoint(*self.operation, version)  # ValueError for a version the client lacks
        self.client = client
        self.path = path
        self.journal = journal_path(path)
        self.concurrency = concurrency
        self.version = version
        self.requests = 0  # sent by this run
        # As the caller gave it (the generated client keeps no public copy): a journal is
        # valid only for the server it was written against.
        self.base_url: str = client._base_url

    def side_path(self, given: Path | str | None, default: Path, option: str) -> Path:
        """Where a side output goes: `given`, else `default`; never the input itself."""
        path = Path(given) if given else default
        if self.path.exists() and path.resolve() == self.path.resolve():
            raise FileJobError(f"{option} {path} is the {self.input_name} itself", option)
        return path

    def header(self) -> dict[str, Any]:
        """The journal's first line: the input and the options; a journal is for these only."""
        return {
            "command": self.command,
            "input": input_fingerprint(self.path),
            "options": self.options(),
        }

    @abstractmethod
    def options(self) -> dict[str, Any]: ...

    @abstractmethod
    def check(self, abandoned: Abandoned) -> int:
        """The checking pass: how many rows; InvalidRowsError naming every bad one."""

    @abstractmethod
    def chunks(self, skip: set[int]) -> Iterator[Chunk]:
        """The second pass: the chunks to send, not those in `skip`."""

    @abstractmethod
    def open_output(self, side_size: int) -> None:
        """The side output, cut back to side_size bytes, what the journal saw (0: new)."""

    @abstractmethod
    def settle(self, chunk: Chunk, outcome: Outcome, run: "Run") -> None:
        """One chunk's answer: its side output written and synced, then run.settled (or
        run.unsettled when no answer settled it)."""

    @abstractmethod
    def close_output(self) -> None: ...

    @abstractmethod
    def send(self, chunks: Iterator[Chunk], run: "Run") -> None: ...

    @abstractmethod
    async def asend(self, chunks: AsyncIterator[Chunk], run: "Run") -> None: ...

    @abstractmethod
    def report(self, common: dict[str, Any]) -> Report:
        """The report of this kind of job, with the fields every job's report has."""
