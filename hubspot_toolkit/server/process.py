"""Run the reference server as a real process on a free loopback port, for tests and tools."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from types import TracebackType

from hubspot_toolkit.crm.object_types import LINE_ITEMS
from hubspot_toolkit.errors import HubSpotToolkitError

STARTUP_SECONDS = 30.0
SERVER_VARIABLES = "HUBSPOT_SERVER_"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerStartError(HubSpotToolkitError):
    """The server process exited or did not listen in time; carries its output."""


class ReferenceServer:
    """`with ReferenceServer(db_path) as server:` → server.base_url, kill9(), restart(), stop()."""

    def __init__(
        self,
        db: Path,
        *,
        rate_limit: int | None = None,
        rate_window: float | None = None,
        faults: float | None = None,
        tokens_file: Path | None = None,
        associations_file: Path | None = None,
        page_size: int | None = None,
        port: int | None = None,
        spec_dir: Path | None = None,
        properties_file: Path | None = None,
        control: bool = False,
        log_file: Path | None = None,  # default: beside db
    ) -> None:
        self.db = db
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_file = log_file or db.with_suffix(".log")
        options: dict[str, object] = {
            "--host": "127.0.0.1",
            "--port": self.port,
            "--db": db,
            "--rate-limit": rate_limit,
            "--rate-window": rate_window,
            "--faults": faults,
            "--tokens": tokens_file,
            "--associations": associations_file,
            "--page-size": page_size,
            "--spec-dir": spec_dir,
            "--properties": properties_file,
        }
        self._arguments = [
            str(part)
            for name, value in options.items()
            if value is not None
            for part in (name, value)
        ] + (["--control"] if control else [])
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> "ReferenceServer":
        self.db.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_file.open("ab")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "hubspot_toolkit", "serve", *self._arguments],
            # Only the arguments configure it: a user's HUBSPOT_SERVER_* defaults must not leak in.
            env={k: v for k, v in os.environ.items() if not k.startswith(SERVER_VARIABLES)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerStartError(f"the reference server exited: {self.output()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.kill9()
        raise ServerStartError(f"the reference server did not listen within {STARTUP_SECONDS} s")

    def output(self) -> str:
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""

    def stored(self, key: str, prefix: str, object_type: str = LINE_ITEMS) -> tuple[int, int]:
        """(records, distinct values of the property `key`) among the records of object_type
        whose `key` starts with prefix, read from the database: a bulk job that stored each of
        its N rows exactly once leaves (N, N)."""
        with closing(sqlite3.connect(self.db)) as connection:
            records, keys = connection.execute(
                "SELECT count(*), count(DISTINCT value) FROM"
                " (SELECT json_extract(properties, '$.' || ?) AS value FROM records"
                "  WHERE object_type = ?) WHERE substr(value, 1, length(?)) = ?",
                (key, object_type, prefix, prefix),
            ).fetchone()
        return int(records), int(keys)

    def kill9(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait()

    def stop(self, timeout: float = 15.0) -> int | None:
        """SIGTERM, then wait for a clean exit; its exit code."""
        if self._process is None:
            return None
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill9()
        return self._process.returncode

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> "ReferenceServer":
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
