"""The journal of a file job, beside its input (`rows.jsonl.journal`): which chunks the server
acknowledged, so that a resumed run sends only the others.

JSON lines, append-only. The first line is the header: the input's size and sha256 and the
options that decide what is sent (a journal is only valid for the same input and options).
Each further line is one acknowledged chunk with its results, appended and fsync'd once the
chunk's failed rows or output are on disk, so a crash at any instant leaves a journal that
tells the truth: a torn last line is ignored (that chunk is sent again; upserts are
idempotent) and the side file is cut back to the size the last record saw.
"""

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubspot_toolkit.client.bulk.files.durable import flush_to_disk
from hubspot_toolkit.client.bulk.files.readers import reading
from hubspot_toolkit.errors import HubSpotToolkitError

FORMAT = "hubspot-bulk-journal/1"
HASH_BLOCK = 1 << 20
SHOWN = 10  # failures of earlier runs kept to show in the summary
# How the library names what resumes a job, and what else may hold it; a command line names
# them its own way (JournalError.spelled).
RESUME, RUNNER = "resume=True", "process"


class JournalError(HubSpotToolkitError):
    """The journal cannot be used for this job; one line says why and what to do."""

    def __init__(self, text: str) -> None:
        self.text = text  # with {resume} and {runner} where the caller's own words go
        super().__init__(self.spelled(RESUME, RUNNER))

    def spelled(self, resume: str, runner: str) -> str:
        """The message in a caller's words: `spelled("--resume", "hubspot-bulk")`."""
        return self.text.replace("{resume}", resume).replace("{runner}", runner)


def journal_path(source: Path) -> Path:
    return source.with_name(source.name + ".journal")


def fingerprint(source: Path) -> dict[str, Any]:
    """What identifies the input: its size and sha256 (~0.05 s per 60 MB)."""
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        while block := handle.read(HASH_BLOCK):
            digest.update(block)
    return {"size": source.stat().st_size, "sha256": digest.hexdigest()}


def input_fingerprint(file: Path) -> dict[str, Any]:
    """fingerprint(), or one line saying why the file cannot be read."""
    with reading(file):
        return fingerprint(file)


@dataclass
class Acknowledged:
    """What the journal says is done: the chunks acknowledged and their summed results."""

    chunks: set[int] = field(default_factory=set)
    totals: dict[str, int] = field(default_factory=dict)
    side_size: int = 0  # bytes of the failed-rows or output file after the last record
    failures: list[tuple[int, str]] = field(default_factory=list)  # the first few, to show

    def add(self, record: Mapping[str, Any]) -> None:
        self.chunks.add(int(record["chunk"]))
        for line, error in record["failed"][: SHOWN - len(self.failures)]:
            self.failures.append((int(line), str(error)))
        for name, value in record["counts"].items():
            self.totals[name] = self.totals.get(name, 0) + int(value)
        self.side_size = int(record["side_size"])


class Journal:
    def __init__(self, path: Path, handle: Any) -> None:
        self.path = path
        self._handle = handle

    @classmethod
    def start(cls, path: Path, header: Mapping[str, Any]) -> "Journal":
        """A new journal; refused if one is there already (it may hold a job's only record)."""
        try:
            handle = path.open("x", encoding="utf-8")
        except FileExistsError:
            with path.open("r", encoding="utf-8") as existing:
                _lock(existing, path)  # refuses if the job is running now
            raise JournalError(
                f"{path} holds an unfinished job: pass {{resume}} to continue it, "
                "or delete it to start over"
            ) from None
        except OSError as exc:
            raise JournalError(f"cannot write the journal {path}: {exc.strerror}") from None
        _lock(handle, path)
        journal = cls(path, handle)
        journal._append({"journal": FORMAT, **header})
        _sync_folder(path.parent)
        return journal

    @classmethod
    def resume(cls, path: Path, header: Mapping[str, Any]) -> tuple["Journal", Acknowledged]:
        """The journal of the same job, and what it says is done; refused for another job."""
        try:
            appender = path.open("r+", encoding="utf-8")
        except FileNotFoundError:
            raise JournalError(
                f"{{resume}}: there is no journal {path} (nothing to resume)"
            ) from None
        except OSError as exc:
            raise JournalError(f"cannot write the journal {path}: {exc.strerror}") from None
        try:
            _lock(appender, path)
            progress, valid_end = _read(path, header)
        except BaseException:
            appender.close()
            raise
        appender.truncate(valid_end)  # a torn last line (a crash mid-write) is dropped
        appender.seek(valid_end)
        return cls(path, appender), progress

    def record(self, entry: Mapping[str, Any]) -> None:
        """One acknowledged chunk: on disk before this returns."""
        self._append(entry)

    def _append(self, entry: Mapping[str, Any]) -> None:
        self._handle.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        flush_to_disk(self._handle)

    def close(self) -> None:
        self._handle.close()

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)  # while still locked: no other run can pick it up
        self.close()


def open_journal(
    path: Path, header: Mapping[str, Any], resume: bool
) -> tuple[Journal, Acknowledged | None]:
    """A new journal, or with `resume` the job's journal and what it says is done."""
    if resume:
        return Journal.resume(path, header)
    return Journal.start(path, header), None


def _read(path: Path, header: Mapping[str, Any]) -> tuple[Acknowledged, int]:
    """What the journal says is done, and the offset after its last complete line."""
    done = Acknowledged()
    with path.open("rb") as handle:
        lines = _records(handle)
        first = next(lines, None)
        if first is None or first[1].get("journal") != FORMAT:
            raise JournalError(f"{path} is not a hubspot-bulk journal; delete it to start over")
        _same_job(path, first[1], header)
        valid_end = first[0]
        for end, record in lines:
            done.add(record)
            valid_end = end
    return done, valid_end


def _lock(handle: Any, path: Path) -> None:
    """One process per job: a second one would send the same chunks and garble the journal.
    The lock goes with the process, so a crash never leaves it held."""
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise JournalError(
            f"another {{runner}} is running this job now ({path} is locked); wait for it or stop it"
        ) from None


def _records(handle: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(offset after the line, record) per complete line; stops at a torn last line."""
    offset = 0
    for raw in handle:
        if not raw.endswith(b"\n"):
            return  # torn: the crash came before the newline
        try:
            record = json.loads(raw)
        except ValueError:
            return
        offset += len(raw)
        yield offset, record


def _same_job(path: Path, found: Mapping[str, Any], wanted: Mapping[str, Any]) -> None:
    if found.get("input") != wanted["input"]:
        raise JournalError(
            f"{path} was written for a different input file (its size or contents changed); "
            "delete it to start over"
        )
    differ = [
        f"{name} {found.get('options', {}).get(name)!r}, not {value!r}"
        for name, value in wanted["options"].items()
        if found.get("options", {}).get(name) != value
    ]
    if differ:
        raise JournalError(
            f"{path} was written with other options ({'; '.join(differ)}); "
            "run with the same options, or delete it to start over"
        )


def _sync_folder(folder: Path) -> None:
    """The journal's name must survive a crash too, not only its contents."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
