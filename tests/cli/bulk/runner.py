"""Run the installed hubspot-bulk command as users run it."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

# The installed command, run as users run it.
CLI = str(Path(sys.executable).parent / "hubspot-bulk")
TOKEN = "dev-token"


def run(
    *args: str | Path, token: str | None = TOKEN, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "HUBSPOT_ACCESS_TOKEN"}
    if token is not None:
        environment["HUBSPOT_ACCESS_TOKEN"] = token
    return subprocess.run(
        [CLI, *map(str, args)],
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def start(
    *args: str | Path, token: str = TOKEN, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """The command as a process of its own, to be stopped mid-run; stdout and stderr piped."""
    environment = {k: v for k, v in os.environ.items() if k != "HUBSPOT_ACCESS_TOKEN"}
    return subprocess.Popen(
        [CLI, *map(str, args)],
        env={**environment, "HUBSPOT_ACCESS_TOKEN": token, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def journal_records(journal: Path) -> list[dict[str, object]]:
    """The acknowledged chunks of a journal: every complete line after the header."""
    if not journal.exists():
        return []
    lines = journal.read_bytes().split(b"\n")[:-1]  # a torn last line has no newline yet
    return [json.loads(line) for line in lines[1:]]


def wait_for_records(journal: Path, count: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while len(journal_records(journal)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{journal} did not reach {count} records in {timeout} s")
        time.sleep(0.01)
