"""Journey: bulk jobs from files with the installed `hubspot-bulk`, against `serve` from the
wheel. An upsert from a CSV with a cap below what the server's headers advertise, a Ctrl-C
(SIGINT) while chunks wait for the rate limit, then `--resume`; and a read of associations
from an ids file."""

import csv
import json
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.process import ReferenceServer
from tests.journeys.conftest import Served, bulk_environment, serving
from tests.wheel import Installed, run

KEY = SHIPPED_UNIQUE_KEY
ROWS = 600  # six chunks of 100
CAP = 3  # --rate-limit: requests per 10 s, far below the server's 100
BAD_ROW = 107  # its quantity is refused: the client sends the rest of its chunk again
UPSERTS = "/line_items/batch/upsert"
ASSOCIATIONS = {
    "associations": [
        {
            "fromObjectType": "contacts",
            "fromId": "11",
            "toObjectType": "companies",
            "toId": str(600 + n),
            "type": "contact_to_company",
        }
        for n in range(3)
    ]
}


@pytest.fixture(scope="module")
def server(
    installed_toolkit: Installed, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """Its headers advertise 100 requests per 10 s (X-HubSpot-RateLimit-Max)."""
    folder = tmp_path_factory.mktemp("serving")
    (folder / "associations.json").write_text(json.dumps(ASSOCIATIONS))
    options = ("--rate-limit", "100", "--db", "db.sqlite3", "--associations", "associations.json")
    with serving(installed_toolkit, folder, *options) as served:
        yield served


def rows_csv(path: Path, prefix: str) -> Path:
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([KEY, "name", "quantity"])
        for n in range(ROWS):
            quantity = "many" if n == BAD_ROW else str(n % 5 + 1)
            writer.writerow([f"{prefix}-{n:04d}", f"item {n}", quantity])
    return path


def upsert(toolkit: Installed, served: Served, file: Path, *extra: str) -> list[str | Path]:
    return [
        toolkit / "hubspot-bulk",
        "upsert-line-items",
        file,
        "--id-property",
        KEY,
        "--base-url",
        served.base_url,
        *extra,
    ]


class Lines:
    """A pipe's lines as they come, each with the time it came (read by a thread of its own)."""

    def __init__(self, pipe: IO[str]) -> None:
        self.seen: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self._thread.start()

    def _read(self, pipe: IO[str]) -> None:
        for line in pipe:
            self.seen.append((time.time(), line.rstrip("\n")))

    def join(self) -> None:
        self._thread.join(timeout=10)


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_a_capped_upsert_interrupted_then_resumed(
    installed_toolkit: Installed, server: Served, tmp_path: Path
) -> None:
    file = rows_csv(tmp_path / "rows.csv", "CAP")
    before = len(server.requests(UPSERTS))
    job = subprocess.Popen(
        [
            str(p)
            for p in upsert(
                installed_toolkit,
                server,
                file,
                "--rate-limit",
                str(CAP),
                "--summary-json",
                str(tmp_path / "first.json"),
            )
        ],
        cwd=tmp_path,
        env=bulk_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert job.stderr is not None and job.stdout is not None
    stderr = Lines(job.stderr)
    try:
        wait_for(lambda: len(server.requests(UPSERTS)) - before >= CAP, 30, "the first requests")
        time.sleep(0.5)  # the other chunks now wait for the rate limit (or, capless, are sent)
        # The cap holds, though the server advertises 100 per 10 s (issue 24: --rate-limit 5
        # sent 20 requests in 0.2 s).
        assert len(server.requests(UPSERTS)) - before == CAP
        interrupted_at = time.time()
        job.send_signal(signal.SIGINT)
        status = job.wait(timeout=10)
        exited_at = time.time()
    finally:
        if job.poll() is None:
            job.kill()
    stderr.join()
    stdout = job.stdout.read()
    job.stdout.close()
    job.stderr.close()
    arrivals = server.requests(UPSERTS)[before:]

    # Said at once: one line, within a second of the signal.
    told = [(at, line) for at, line in stderr.seen if "no new request will leave" in line]
    assert len(told) == 1, stderr.seen
    assert told[0][0] - interrupted_at < 1.0
    assert told[0][1].startswith("hubspot-bulk: interrupted: finishing 0 requests already sent")
    # Nothing left after the signal: the chunks waiting for the rate limit were never sent,
    # and the job did not wait for them (before: 8.5 s).
    assert len(arrivals) == CAP and max(arrivals) < interrupted_at, arrivals
    assert exited_at - interrupted_at < 3.0
    assert status == 130, stdout + "\n".join(line for _, line in stderr.seen)

    # Rows never sent are "not sent", not failed; the refused row is failed.
    first = json.loads((tmp_path / "first.json").read_text())
    assert (first["created"], first["failed"], first["not_sent"]) == (299, 1, 300), first
    assert first["interrupted"] is True
    headline = stdout.splitlines()[0]
    assert headline.startswith("created 299, updated 0, failed 1, not sent 300 of 600 rows")
    lines = stdout.splitlines()
    for n, line in enumerate(lines):  # "… and N more" only under the failures it adds to
        if line.startswith("  … and"):
            assert lines[n - 1].startswith("  line "), stdout
    with (tmp_path / "rows.failed.csv").open(newline="") as failed_file:
        failed = [row[KEY] for row in csv.DictReader(failed_file)]
    assert failed == [f"CAP-{BAD_ROW:04d}"]  # the refused row only, none of the unsent ones

    # --resume sends exactly the rest: three chunks, each row once, none of the first run's.
    again = run(
        *upsert(
            installed_toolkit,
            server,
            file,
            "--resume",
            "--rate-limit",
            "100",
            "--summary-json",
            str(tmp_path / "second.json"),
        ),
        cwd=tmp_path,
        env=bulk_environment(),
    )
    assert again.returncode == 1, again.stdout + again.stderr  # the refused rows remain
    second = json.loads((tmp_path / "second.json").read_text())
    assert (second["requests"], second["resumed_chunks"], second["chunks"]) == (3, 3, 3)
    assert (second["created"], second["failed"], second["not_sent"]) == (599, 1, 0)
    assert len(server.requests(UPSERTS)) - before == first["requests"] + 3
    database = ReferenceServer(server.log.parent / "db.sqlite3")  # only read: never started
    assert database.stored(KEY, "CAP-") == (599, 599)


def test_associations_read_from_an_ids_file(
    installed_toolkit: Installed, server: Served, tmp_path: Path
) -> None:
    ids = tmp_path / "contacts.txt"
    ids.write_text("11\n12\n")
    answer = run(
        installed_toolkit / "hubspot-bulk",
        "read-associations",
        "contacts",
        "companies",
        ids,
        "--base-url",
        server.base_url,
        cwd=tmp_path,
        env=bulk_environment(),
    )
    assert answer.returncode == 0, answer.stdout + answer.stderr
    written = (tmp_path / "contacts.associations.jsonl").read_text().splitlines()
    output = [json.loads(line) for line in written]
    to = {line["from"]: sorted(a["id"] for a in line["to"]) for line in output}
    assert to == {"11": ["600", "601", "602"], "12": []}
    assert answer.stdout.startswith("read 2 ids (3 associations), failed 0 of 2 ids")
    assert "(1 request)" in answer.stdout
