"""A bulk job killed (kill -9) or interrupted (Ctrl-C) mid-run, then resumed: every row lands
exactly once, the resumed run sends only what the journal had not acknowledged, and its
summary covers the whole job."""

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.process import ReferenceServer
from tests.cli.bulk.conftest import LIMIT, WINDOW
from tests.cli.bulk.runner import run, start
from tests.client.bulk.files.watching import (
    journal_records,
    posts,
    settled_posts,
    wait_for_records,
)

KEY = SHIPPED_UNIQUE_KEY  # the shipped definitions' unique property
ROWS = 4000  # 40 chunks: at 10 requests per second, a run lasts about 4 s


@pytest.fixture(scope="module")
def flaky_slow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceServer]:
    db = tmp_path_factory.mktemp("flaky-slow") / "db.sqlite3"
    with ReferenceServer(db, rate_limit=LIMIT, rate_window=WINDOW, faults=0.1) as running:
        yield running


def rows_file(folder: Path, prefix: str, count: int = ROWS) -> Path:
    file = folder / "rows.jsonl"
    with file.open("w") as out:
        for n in range(count):
            out.write(
                json.dumps({"external_line_item_id": f"{prefix}-{n:05d}", "name": f"item {n}"})
                + "\n"
            )
    return file


def upsert_args(server: ReferenceServer, file: Path, *extra: str) -> list[str | Path]:
    return [
        "upsert-line-items",
        file,
        "--id-property",
        "external_line_item_id",
        "--base-url",
        server.base_url,
        "--rate-limit",
        "100",
        *extra,
    ]


def resume_and_check(server: ReferenceServer, file: Path, prefix: str) -> dict[str, object]:
    """Resume the job in file's journal; assert that it completes it exactly once."""
    journal = file.with_name(file.name + ".journal")
    acknowledged = {int(str(r["chunk"])) for r in journal_records(journal)}
    assert 0 < len(acknowledged) < ROWS // 100
    summary_file = file.with_name("summary.json")
    answer = run(*upsert_args(server, file, "--resume", "--summary-json", summary_file))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    summary = json.loads(summary_file.read_text())
    # The resumed run sent exactly the chunks that were not acknowledged, each once.
    assert summary["resumed_chunks"] == len(acknowledged)
    assert summary["requests"] == ROWS // 100 - len(acknowledged)
    assert summary["chunks"] == ROWS // 100 - len(acknowledged)
    # Its summary covers the whole job: every row, once.
    assert (summary["created"] + summary["updated"], summary["failed"]) == (ROWS, 0)
    assert f"failed 0 of {ROWS} rows" in answer.stdout
    assert server.stored(KEY, f"{prefix}-") == (ROWS, ROWS)
    assert not journal.exists()  # a finished job leaves no journal behind
    return summary


def test_kill_9_mid_run_then_resume_sends_only_the_rest(
    slow: ReferenceServer, tmp_path: Path
) -> None:
    file = rows_file(tmp_path, "KILL")
    process = start(*upsert_args(slow, file))
    wait_for_records(file.with_name("rows.jsonl.journal"), 3)
    process.kill()
    process.communicate()
    before = settled_posts(slow)
    acknowledged = len(journal_records(file.with_name("rows.jsonl.journal")))
    summary = resume_and_check(slow, file, "KILL")
    # The server agrees: it saw one upsert per chunk the journal had not acknowledged.
    assert posts(slow) - before == ROWS // 100 - acknowledged
    # A chunk committed but not journaled when the kill came is upserted again: "updated".
    assert summary["updated"] <= 4 * 100  # at most the requests that were in flight


def test_kill_9_then_resume_against_a_flaky_rate_limited_server(
    flaky_slow: ReferenceServer, tmp_path: Path
) -> None:
    file = rows_file(tmp_path, "FLAKYKILL")
    process = start(*upsert_args(flaky_slow, file))
    wait_for_records(file.with_name("rows.jsonl.journal"), 2)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    resume_and_check(flaky_slow, file, "FLAKYKILL")


def test_ctrl_c_stops_after_the_requests_in_flight_and_says_how_to_resume(
    slow: ReferenceServer, tmp_path: Path
) -> None:
    file = rows_file(tmp_path, "SIGINT")
    journal = file.with_name("rows.jsonl.journal")
    process = start(*upsert_args(slow, file))
    wait_for_records(journal, 2)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "--resume" in stderr
    assert "Traceback" not in stderr
    records = journal_records(journal)
    assert journal.read_bytes().endswith(b"\n")  # stopped between records, not in one
    # Every request sent before the interrupt was answered and journaled.
    assert posts(slow) >= len(records)
    resume_and_check(slow, file, "SIGINT")


def test_a_job_runs_in_one_process_at_a_time(slow: ReferenceServer, tmp_path: Path) -> None:
    # ten times the usual rows: the job must outlast two more commands started on a busy
    # machine (-n workers); Ctrl-C ends it once they have been refused
    file = rows_file(tmp_path, "TWICE", count=10 * ROWS)
    process = start(*upsert_args(slow, file))
    try:
        wait_for_records(file.with_name("rows.jsonl.journal"), 1)
        for extra in ([], ["--resume"]):
            second = run(*upsert_args(slow, file, *extra))
            assert second.returncode == 2
            assert "another hubspot-bulk is running this job now" in second.stderr
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    assert process.returncode == 130


def test_a_journal_is_only_used_for_its_own_file_and_options(
    slow: ReferenceServer, tmp_path: Path
) -> None:
    file = rows_file(tmp_path, "OTHER", count=300)
    journal = file.with_name("rows.jsonl.journal")
    # A refused token leaves the job unfinished, its journal kept.
    answer = run(*upsert_args(slow, file), token="wrong-token")
    assert answer.returncode == 1
    assert "--resume" in answer.stderr and journal.exists()
    for extra, message in [
        ([], "pass --resume to continue it, or delete it"),
        (["--resume", "--format", "csv"], "other options (format 'jsonl', not 'csv'"),
    ]:
        refused = run(*upsert_args(slow, file, *extra))
        assert refused.returncode == 2
        assert message in refused.stderr
        assert refused.stderr.count("\n") == 1, refused.stderr
    other_options = run(
        "upsert-line-items", file, "--id-property", "name", "--base-url", slow.base_url, "--resume"
    )
    assert "other options (id_property 'external_line_item_id', not 'name')" in other_options.stderr
    with file.open("a") as out:
        out.write(json.dumps({"external_line_item_id": "OTHER-NEW"}) + "\n")
    changed = run(*upsert_args(slow, file, "--resume"))
    assert changed.returncode == 2
    assert "written for a different input file" in changed.stderr
    journal.unlink()
    nothing = run(*upsert_args(slow, file, "--resume"))
    assert nothing.returncode == 2 and "there is no journal" in nothing.stderr
    assert slow.stored(KEY, "OTHER-") == (0, 0)


def test_reading_and_sending_overlap(slow: ReferenceServer, tmp_path: Path) -> None:
    """The second pass is read as chunks are sent: the first chunk is acknowledged before the
    reader has reached the end of the file (only `concurrency` chunks are ever held)."""
    file = rows_file(tmp_path, "OVERLAP", count=1000)
    answer = run(*upsert_args(slow, file, "--concurrency", "2", "--verbose", "--quiet"))
    assert answer.returncode == 0, answer.stderr
    log = answer.stderr
    assert log.index("chunk 0 (lines 1-100) acknowledged") < log.index("every row read")
    assert answer.stdout == ""  # --quiet


def test_the_failed_rows_file_lists_each_failed_row_once_across_a_kill(
    slow: ReferenceServer, tmp_path: Path
) -> None:
    owners = tmp_path / "owners.jsonl"
    owners.write_text(
        "".join(json.dumps({"external_line_item_id": f"TAKEN-{k}"}) + "\n" for k in range(40))
    )
    assert run(*upsert_args(slow, owners)).returncode == 0
    # Keyed by erp_code; one row per chunk claims a key value another record owns: a conflict.
    file = tmp_path / "erp.jsonl"
    with file.open("w") as out:
        for n in range(ROWS):
            sku = f"TAKEN-{n // 100}" if n % 100 == 50 else f"ERP-FREE-{n}"
            out.write(json.dumps({"erp_code": f"E-{n}", "external_line_item_id": sku}) + "\n")
    args = ["upsert-line-items", file, "--id-property", "erp_code", "--base-url", slow.base_url]
    process = start(*args, "--rate-limit", "100")
    wait_for_records(file.with_name("erp.jsonl.journal"), 3)
    process.kill()
    process.communicate()
    answer = run(*args, "--rate-limit", "100", "--resume")
    assert answer.returncode == 1, answer.stderr
    assert f"failed 40 of {ROWS} rows" in answer.stdout
    failed = [json.loads(line) for line in (tmp_path / "erp.failed.jsonl").read_text().splitlines()]
    assert sorted(row["erp_code"] for row in failed) == sorted(
        f"E-{n}" for n in range(50, ROWS, 100)
    )
    assert all("CONFLICT" in row["_error"] for row in failed)
