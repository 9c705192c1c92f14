"""The file jobs called as a library: reports, progress events, and one-line refusals before
anything is sent."""

import asyncio
import json
import threading
import time
from pathlib import Path

import pytest

from hubspot_toolkit import (
    FileJobError,
    InvalidRowsError,
    JobProgress,
    JournalError,
    aread_associations_file,
    aupsert_line_items_file,
    read_associations_file,
    resilient_client,
    upsert_line_items_file,
)
from hubspot_toolkit.client.redacted import RedactedClient
from hubspot_toolkit.server.process import ReferenceServer
from tests.client.bulk.conftest import COMPANIES_OF, CONTACTS, KEY, run_async


def rows_file(path: Path, prefix: str, count: int) -> Path:
    path.write_text("".join(json.dumps({KEY: f"{prefix}-{n}"}) + "\n" for n in range(count)))
    return path


def test_an_upsert_reports_each_chunk_as_it_settles(client: RedactedClient, tmp_path: Path) -> None:
    file = rows_file(tmp_path / "rows.jsonl", "LIB", 250)
    events: list[JobProgress] = []
    report = upsert_line_items_file(client, file, KEY, progress=events.append)
    assert (report.created, report.updated, report.failed, report.rows) == (250, 0, 0, 250)
    assert (report.requests, report.chunks, report.complete) == (3, 3, True)
    assert events[0] == JobProgress(total=250, done=0, resumed=0)  # after the checking pass
    assert sorted(e.chunk for e in events[1:] if e.chunk is not None) == [0, 1, 2]
    assert [e.done for e in events] == sorted(e.done for e in events)
    assert events[-1].done == 250 and all(e.acknowledged for e in events)
    assert not report.journal.exists() and not report.failed_file.exists()


def test_the_async_form_reports_on_the_loop(server: ReferenceServer, tmp_path: Path) -> None:
    file = tmp_path / "rows.csv"
    file.write_text(f"{KEY},name\n" + "".join(f"ALIB-{n},item {n}\n" for n in range(150)))
    threads: set[str] = set()
    with resilient_client(server.base_url, "dev-token") as client:
        report = run_async(
            client,
            lambda: aupsert_line_items_file(
                client, file, KEY, progress=lambda _: threads.add(threading.current_thread().name)
            ),
        )
    assert (report.created, report.rows, report.requests) == (150, 150, 2)
    assert threads == {threading.current_thread().name}  # the loop's thread, this one


def test_reads_write_every_page_of_every_id(client: RedactedClient, tmp_path: Path) -> None:
    ids = tmp_path / "contacts.txt"
    ids.write_text("\n".join(CONTACTS) + "\n")
    report = read_associations_file(client, "contacts", "companies", ids, concurrency=2)
    lines = [json.loads(line) for line in report.output.read_text().splitlines()]
    assert {line["from"]: sorted(a["id"] for a in line["to"]) for line in lines} == {
        c: sorted(v) for c, v in COMPANIES_OF.items()
    }
    total = sum(len(v) for v in COMPANIES_OF.values())
    assert (report.read, report.failed, report.associations) == (20, 0, total)
    assert report.output == tmp_path / "contacts.associations.jsonl"


def test_the_async_read_writes_the_same_lines(server: ReferenceServer, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("1001\n1002\n")
    output = tmp_path / "out.jsonl"
    with resilient_client(server.base_url, "dev-token") as client:
        report = run_async(
            client,
            lambda: aread_associations_file(
                client, "contacts", "companies", ids, output=output, version="2026-03"
            ),
        )
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert sorted(line["from"] for line in lines) == ["1001", "1002"]
    assert all("toObjectId" in to for line in lines for to in line["to"])
    assert report.complete


def test_bad_rows_are_all_named_and_nothing_is_sent(client: RedactedClient, tmp_path: Path) -> None:
    file = tmp_path / "bad.jsonl"
    file.write_text(f'{{"{KEY}": "B-1"}}\n{{not json\n{{"{KEY}": "B-1"}}\n')
    with pytest.raises(InvalidRowsError) as refused:
        upsert_line_items_file(client, file, KEY)
    assert [str(p) for p in refused.value.problems] == [
        "line 2: not JSON: Expecting property name enclosed in double quotes: line 1 column 2 "
        "(char 1)",
        f"line 3: {KEY}='B-1' repeats line 1",
    ]
    assert not (tmp_path / "bad.jsonl.journal").exists()  # a refused file leaves no journal


def test_a_stopped_job_is_resumed_only_as_itself(server: ReferenceServer, tmp_path: Path) -> None:
    file = rows_file(tmp_path / "rows.jsonl", "STOP", 150)
    with resilient_client(server.base_url, "wrong-token") as refused:
        stopped = upsert_line_items_file(refused, file, KEY, concurrency=1)
    assert not stopped.complete and "401" in stopped.stop_reason
    assert stopped.journal.exists() and stopped.unsent == 150
    with resilient_client(server.base_url, "dev-token") as client:
        for call, message in [
            (lambda: upsert_line_items_file(client, file, KEY), "pass resume=True to continue"),
            (
                lambda: upsert_line_items_file(client, file, "name", resume=True),
                f"other options (id_property {KEY!r}, not 'name')",
            ),
        ]:
            with pytest.raises(JournalError, match=r"^[^\n]*$") as wrong:
                call()
            assert message in str(wrong.value)
        report = upsert_line_items_file(client, file, KEY, resume=True)
    assert (report.created, report.complete, report.resumed_chunks) == (150, True, 0)


@pytest.mark.parametrize(
    ("arguments", "option"),
    [
        ({"concurrency": 0}, "concurrency"),
        ({"failed_file": "rows.jsonl"}, "failed_file"),
    ],
)
def test_arguments_that_cannot_work_are_one_line_naming_them(
    client: RedactedClient,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: dict[str, object],
    option: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    rows_file(tmp_path / "rows.jsonl", "ARG", 1)
    with pytest.raises(FileJobError) as refused:
        upsert_line_items_file(client, "rows.jsonl", KEY, **arguments)
    assert refused.value.option == option and str(refused.value).startswith(option)
    assert not (tmp_path / "rows.jsonl.journal").exists()


def test_a_read_refuses_an_output_that_is_a_folder(client: RedactedClient, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("1001\n")
    with pytest.raises(FileJobError, match="is a directory") as refused:
        read_associations_file(client, "contacts", "companies", ids, output=tmp_path)
    assert refused.value.spelled("--output").startswith("--output ")


def test_cancelled_during_the_checking_pass_nothing_is_sent_and_no_journal_left(
    server: ReferenceServer, tmp_path: Path
) -> None:
    file = rows_file(tmp_path / "rows.jsonl", "CANCEL", 200_000)  # a pass of most of a second

    async def cancel_soon() -> None:
        with resilient_client(server.base_url, "dev-token") as client:
            job = asyncio.ensure_future(aupsert_line_items_file(client, file, KEY))
            while not (tmp_path / "rows.jsonl.journal").exists():
                await asyncio.sleep(0.01)
            job.cancel()
            started = time.monotonic()
            with pytest.raises(asyncio.CancelledError):
                await job
            assert time.monotonic() - started < 0.5  # the pass stopped; it did not read on

    asyncio.run(cancel_soon())
    assert not (tmp_path / "rows.jsonl.journal").exists()
    assert server.stored(KEY, "CANCEL-") == (0, 0)
