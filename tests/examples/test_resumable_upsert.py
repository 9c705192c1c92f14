"""docs/bulk.md's resumable job: stopped by a refused token, run again with the right one, it
sends only what the first run left."""

import json
from pathlib import Path

import pytest

from hubspot_toolkit.server.process import ReferenceServer
from tests.examples.loader import load_example


def test_a_stopped_job_is_finished_by_running_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = load_example("resumable_upsert")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        "".join(json.dumps({example.KEY_PROPERTY: f"RE-{n}"}) + "\n" for n in range(250))
    )
    with ReferenceServer(tmp_path / "db.sqlite3") as server:
        stopped = example.upsert_file(server.base_url, "wrong-token", rows)
        assert not stopped.complete and "401" in stopped.stop_reason
        report = example.upsert_file(server.base_url, "dev-token", rows)
    assert (report.created, report.failed, report.complete) == (250, 0, True)
    assert report.requests == 3 and not report.journal.exists()
    assert "250 of 250 rows" in capsys.readouterr().err
