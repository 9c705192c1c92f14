"""The journal: what a crash leaves is still read correctly, and it belongs to one job only."""

import json
from pathlib import Path

import pytest

from hubspot_toolkit.client.bulk.files.journal import (
    Journal,
    JournalError,
    fingerprint,
    journal_path,
)

OPTIONS = {"id_property": "hs_sku", "base_url": "http://127.0.0.1:9"}


def header(source: Path, **options: str) -> dict[str, object]:
    return {"input": fingerprint(source), "options": {**OPTIONS, **options}}


def chunk(index: int, side_size: int) -> dict[str, object]:
    counts = {"created": 100, "updated": 0, "failed": 0, "rows": 100}
    return {"chunk": index, "counts": counts, "failed": [], "side_size": side_size}


def test_a_torn_last_line_is_dropped_and_appending_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "rows.jsonl"
    source.write_text('{"hs_sku": "A"}\n')
    path = journal_path(source)
    journal = Journal.start(path, header(source))
    journal.record(chunk(0, 10))
    journal.record(chunk(3, 25))
    journal.close()
    with path.open("a") as out:
        out.write('{"chunk": 1, "counts": {"creat')  # the crash came mid-write
    resumed, done = Journal.resume(path, header(source))
    assert (done.chunks, done.totals["created"], done.side_size) == ({0, 3}, 200, 25)
    resumed.record(chunk(1, 40))
    resumed.close()
    lines = path.read_text().splitlines()
    assert [json.loads(line).get("chunk") for line in lines] == [None, 0, 3, 1]


def test_a_journal_of_another_job_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "rows.jsonl"
    source.write_text('{"hs_sku": "A"}\n')
    path = journal_path(source)
    Journal.start(path, header(source)).close()
    with pytest.raises(JournalError, match="pass resume=True to continue it, or delete it") as held:
        Journal.start(path, header(source))
    # the command line names its own option
    assert "pass --resume to continue it" in held.value.spelled("--resume", "hubspot-bulk")
    with pytest.raises(JournalError, match="other options \\(id_property 'hs_sku', not 'sku'\\)"):
        Journal.resume(path, header(source, id_property="sku"))
    source.write_text('{"hs_sku": "B"}\n')  # same size, other contents
    with pytest.raises(JournalError, match="different input file"):
        Journal.resume(path, header(source))
    path.write_text("not a journal\n")
    with pytest.raises(JournalError, match="not a hubspot-bulk journal"):
        Journal.resume(path, header(source))
