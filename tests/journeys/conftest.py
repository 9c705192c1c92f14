"""The journeys of a new user, run as the user runs them: the console scripts of the wheel
installed in a fresh virtualenv (the session's shared one, tests/wheel.py), in folders outside
the checkout, as real processes with real signals and real files."""

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx

from hubspot_toolkit.server.process import free_port
from tests.wheel import Installed, user_environment

TOKEN = "dev-token"  # the development token a server without --tokens accepts


@dataclass
class Served:
    """A `hubspot-toolkit serve` started from the wheel; `log` has a line per request."""

    base_url: str
    log: Path

    def requests(self, path_part: str) -> list[float]:
        """When each request whose path holds `path_part` reached the server (epoch seconds:
        its log line's time, written at the answer, less the milliseconds it took)."""
        arrivals = []
        for line in self.log.read_text(errors="replace").splitlines():
            parts = line.split()
            if len(parts) >= 6 and parts[2] in ("POST", "GET") and path_part in parts[3]:
                logged = datetime.strptime(f"{parts[0]} {parts[1]}", "%Y-%m-%d %H:%M:%S,%f")
                arrivals.append(logged.timestamp() - float(parts[5].removesuffix("ms")) / 1000)
        return sorted(arrivals)


@contextmanager
def serving(toolkit: Installed, folder: Path, *options: str) -> Iterator[Served]:
    """`hubspot-toolkit serve` in `folder` (no --spec-dir), on a free loopback port."""
    port = free_port()
    log = folder / "serve.log"
    with log.open("wb") as output:  # a file: a pipe nobody reads would fill up and block it
        process = subprocess.Popen(
            [toolkit / "hubspot-toolkit", "serve", "--port", str(port), *options],
            cwd=folder,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=user_environment(),
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise AssertionError(f"serve exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                httpx.get(base_url, timeout=0.2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "serve did not listen within 30 s"
                time.sleep(0.05)
        yield Served(base_url, log)
    finally:
        process.terminate()
        process.wait(timeout=15)


def bulk_environment(**extra: str) -> dict[str, str]:
    return user_environment(HUBSPOT_ACCESS_TOKEN=TOKEN, **extra)
