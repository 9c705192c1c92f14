"""The library's file jobs, in a program of their own (file_job.py), killed with kill -9 or
interrupted with Ctrl-C mid-job, then run again with resume=True: every row stored exactly once,
and the second run sends only the chunks the journal had not acknowledged."""

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hubspot_toolkit.server.process import ReferenceServer
from tests.client.bulk.conftest import KEY
from tests.client.bulk.files.watching import (
    journal_records,
    posts,
    settled_posts,
    wait_for_records,
)

PROGRAM = Path(__file__).with_name("file_job.py")
# 50 requests per second, in windows of a tenth of a second: paced from the first request on
# (a long window would let a job race through all of its first window's requests)
LIMIT, WINDOW = 5, 0.1
SLOWER = 2  # requests per WINDOW for jobs small enough to finish before a test can stop them
# rows of the jobs a test stops part way: 120 chunks, six seconds at SLOWER, so that a loaded
# machine (pytest-xdist workers beside it) cannot finish the job before the test stops it
STOPPED_ROWS = 12_000


@pytest.fixture(scope="module")
def paced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceServer]:
    db = tmp_path_factory.mktemp("paced") / "db.sqlite3"
    with ReferenceServer(db, rate_limit=LIMIT, rate_window=WINDOW) as running:
        yield running


def rows_file(folder: Path, prefix: str, count: int) -> Path:
    file = folder / "rows.jsonl"
    with file.open("w") as out:
        for n in range(count):
            out.write(json.dumps({KEY: f"{prefix}-{n:05d}", "name": f"item {n}"}) + "\n")
    return file


def start(
    job: str, server: ReferenceServer, file: Path, *, pace: int = LIMIT, resume: bool = False
) -> subprocess.Popen[str]:
    """The program on its way through `file`, sending `pace` requests per WINDOW."""
    arguments = [job, server.base_url, str(pace), str(WINDOW), str(file)]
    return subprocess.Popen(
        [sys.executable, str(PROGRAM), *arguments, *(["resume"] if resume else [])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, dict[str, Any]]:
    """Its exit status and its report."""
    out, err = process.communicate(timeout=120)
    assert "Traceback" not in err, err
    return process.returncode, json.loads(out.splitlines()[-1])


def kill_9(process: subprocess.Popen[str], journal: Path, after: int) -> int:
    """kill -9 once `after` chunks are journaled; the chunks the journal then holds."""
    wait_for_records(journal, after, process=process)
    process.kill()
    process.communicate()
    return len(journal_records(journal))


def resume_and_check(
    job: str, server: ReferenceServer, file: Path, prefix: str, rows: int, acknowledged: int
) -> dict[str, Any]:
    """Resume the job; assert that it sends only what was not acknowledged, and completes the
    whole job once."""
    chunks = rows // 100
    assert 0 < acknowledged < chunks
    before = settled_posts(server)  # the killed process's last requests are through
    status, report = finish(start(job, server, file, resume=True))
    assert status == 0, report
    assert report["resumed_chunks"] == acknowledged
    assert report["requests"] == report["chunks"] == chunks - acknowledged
    assert posts(server) - before == chunks - acknowledged  # the server agrees
    counts = report["counts"]
    assert (counts["created"] + counts["updated"], counts["failed"]) == (rows, 0)
    assert (report["rows"], report["unsent"], report["complete"]) == (rows, 0, True)
    assert server.stored(KEY, f"{prefix}-") == (rows, rows)
    assert not Path(report["journal"]).exists()  # a finished job leaves no journal behind
    return report


def test_an_upsert_killed_mid_job_resumes_and_stores_every_row_once(
    paced: ReferenceServer, tmp_path: Path
) -> None:
    file = rows_file(tmp_path, "LIBKILL", 20_000)
    acknowledged = kill_9(start("upsert", paced, file), tmp_path / "rows.jsonl.journal", 5)
    report = resume_and_check("upsert", paced, file, "LIBKILL", 20_000, acknowledged)
    # A chunk committed but not journaled when the kill came is upserted again: "updated".
    assert report["counts"]["updated"] <= 4 * 100  # at most the requests that were in flight


def test_a_read_killed_mid_job_resumes_and_writes_each_id_once(
    paced: ReferenceServer, tmp_path: Path
) -> None:
    # Ids the server has no associations for: each chunk of 1000 is one request, settled by
    # its per-id NO_ASSOCIATIONS_FOUND entries.
    ids = tmp_path / "ids.txt"
    ids.write_text("".join(f"{80_000_000 + n}\n" for n in range(20_000)))
    acknowledged = kill_9(start("read", paced, ids, pace=1), tmp_path / "ids.txt.journal", 3)
    assert 0 < acknowledged < 20
    status, report = finish(start("read", paced, ids, resume=True))
    assert status == 0, report
    assert report["resumed_chunks"] == acknowledged
    assert report["requests"] == report["chunks"] == 20 - acknowledged
    assert (report["counts"]["read"], report["counts"]["failed"]) == (20_000, 0)
    lines = Path(report["output"]).read_text().splitlines()
    written = [json.loads(line)["from"] for line in lines]
    assert sorted(written) == [str(80_000_000 + n) for n in range(20_000)]  # each id once
    assert not (tmp_path / "ids.txt.journal").exists()


def test_the_async_form_resumes_what_it_was_killed_in(
    paced: ReferenceServer, tmp_path: Path
) -> None:
    file = rows_file(tmp_path, "ASYNCKILL", STOPPED_ROWS)
    process = start("aupsert", paced, file, pace=SLOWER)
    acknowledged = kill_9(process, tmp_path / "rows.jsonl.journal", 3)
    resume_and_check("aupsert", paced, file, "ASYNCKILL", STOPPED_ROWS, acknowledged)


def test_ctrl_c_finishes_what_is_in_flight_then_resume_sends_the_rest(
    paced: ReferenceServer, tmp_path: Path
) -> None:
    # The async form: asyncio.run turns Ctrl-C into a cancelled task. (The sync form's
    # JobInterrupted is what hubspot-bulk's Ctrl-C test, tests/cli/bulk/test_resume.py, runs.)
    job, prefix = "aupsert", "ASYNCSIGINT"
    file = rows_file(tmp_path, prefix, STOPPED_ROWS)
    journal = tmp_path / "rows.jsonl.journal"
    before = settled_posts(paced)
    process = start(job, paced, file, pace=SLOWER)
    wait_for_records(journal, 2, process=process)
    process.send_signal(signal.SIGINT)
    status, report = finish(process)
    # The requests in flight were answered and journaled, each of them, and nothing was sent
    # after.
    assert (status, report) == (130, {"interrupted": True})
    records = journal_records(journal)
    assert journal.read_bytes().endswith(b"\n")  # stopped between records, not in one
    assert settled_posts(paced) - before == len(records)
    resume_and_check(job, paced, file, prefix, STOPPED_ROWS, len(records))
