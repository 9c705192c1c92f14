"""A file job watched from outside, as a crash test watches it: the chunks its journal has
acknowledged, and the upserts the reference server answered."""

import json
import re
import subprocess
import time
from pathlib import Path

from hubspot_toolkit.server.process import ReferenceServer

UPSERTED = re.compile(r"POST /crm/v3/objects/line_items/batch/upsert 200 ")


def journal_records(journal: Path) -> list[dict[str, object]]:
    """The acknowledged chunks of a journal: every complete line after the header."""
    if not journal.exists():
        return []
    lines = journal.read_bytes().split(b"\n")[:-1]  # a torn last line has no newline yet
    return [json.loads(line) for line in lines[1:]]


def wait_for_records(
    journal: Path, count: int, timeout: float = 60.0, process: subprocess.Popen[str] | None = None
) -> None:
    """Until the journal holds `count` records; fails at once if `process` ends first."""
    deadline = time.monotonic() + timeout
    while len(journal_records(journal)) < count:
        if process is not None and process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"the job ended before {count} records: {out}{err}"[-3000:])
        if time.monotonic() > deadline:
            raise AssertionError(f"{journal} did not reach {count} records in {timeout} s")
        time.sleep(0.01)


def posts(server: ReferenceServer) -> int:
    """v3 upserts the server answered 200."""
    return len(UPSERTED.findall(server.output()))


def settled_posts(server: ReferenceServer) -> int:
    """Upserts answered, once a killed process's last requests are through the server."""
    seen = -1
    while (now := posts(server)) != seen:
        seen = now
        time.sleep(0.5)
    return seen
