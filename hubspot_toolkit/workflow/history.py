"""Every version HubSpot published of a document of its spec collection, from the collection's
git history: one per commit that changed the file's content, oldest first. A commit that
deletes the file, or that brings back the content it had just before, publishes nothing new."""

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hubspot_toolkit.errors import HubSpotToolkitError

DELETED = "0" * 40


class HistoryError(HubSpotToolkitError):
    """The collection's history cannot be read (not a git checkout, git missing, …)."""


@dataclass(frozen=True)
class Published:
    """One published version of one document."""

    path: str  # inside the collection
    commit: str
    date: str  # the commit's date, ISO 8601
    blob: str  # git's id of the content: equal ids, equal content

    @property
    def name(self) -> str:
        """`path@commit`, for messages."""
        return f"{self.path}@{self.commit[:10]}"


def _git(source: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(
            ["git", "-C", str(source), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise HistoryError("git is not installed; it reads the collection's history") from None
    if result.returncode != 0:
        problem = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryError(f"{source}: git {args[0]}: {problem[-1] if problem else 'failed'}")
    return result.stdout


def versions(source: Path, path: str) -> list[Published]:
    """The distinct versions of the document at path, oldest first."""
    log = _git(
        source, "log", "--reverse", "--no-renames", "--raw", "--no-abbrev",
        "--format=%x00%H %cI", "--", path,
    ).decode("utf-8", "replace")  # fmt: skip
    found: list[Published] = []
    for entry in log.split("\0")[1:]:
        header, *lines = entry.strip().splitlines()
        commit, date = header.split()
        blobs = [line.split()[3] for line in lines if line.startswith(":")]
        if not blobs or blobs[-1] == DELETED:
            continue
        if found and found[-1].blob == blobs[-1]:
            continue
        found.append(Published(path, commit, date, blobs[-1]))
    return found


def contents(source: Path, published: list[Published]) -> Iterator[tuple[Published, bytes]]:
    """Each version with its content, read from one `git cat-file` as they are wanted (a
    document's whole history would not fit in memory)."""
    try:
        reader = subprocess.Popen(
            ["git", "-C", str(source), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise HistoryError("git is not installed; it reads the collection's history") from None
    assert reader.stdin is not None and reader.stdout is not None  # both are pipes
    try:
        for version in published:
            reader.stdin.write(f"{version.blob}\n".encode())
            reader.stdin.flush()
            header = reader.stdout.readline().split()
            if len(header) != 3:
                raise HistoryError(f"{source}: git has no content for {version.name}")
            content = reader.stdout.read(int(header[2]) + 1)[:-1]  # then a newline
            yield version, content
    finally:
        reader.stdin.close()
        reader.stdout.close()
        reader.wait()
