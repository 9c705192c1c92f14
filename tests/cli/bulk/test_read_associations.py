"""hubspot-bulk read-associations: an ids file in, one JSON line per id out, every page
followed, failed ids marked, never an empty list in place of an unread one."""

import json
from pathlib import Path
from subprocess import CompletedProcess

from hubspot_toolkit.server.process import ReferenceServer
from tests.cli.bulk.runner import run, start
from tests.client.bulk.conftest import COMPANIES_OF, CONTACTS
from tests.client.bulk.files.watching import journal_records, wait_for_records


def read(server: ReferenceServer, ids: Path, *extra: str | Path) -> CompletedProcess[str]:
    return run(
        "read-associations", "contacts", "companies", ids, "--base-url", server.base_url, *extra
    )


def test_every_page_of_every_id_lands_in_the_output(
    server: ReferenceServer, tmp_path: Path
) -> None:
    ids = tmp_path / "contacts.txt"
    ids.write_text("\n".join([*CONTACTS, "999999", ""]) + "\n")
    summary = tmp_path / "summary.json"
    answer = read(server, ids, "--summary-json", summary, "--concurrency", "2")
    assert answer.returncode == 0, answer.stderr
    output = (tmp_path / "contacts.associations.jsonl").read_text()
    lines = [json.loads(line) for line in output.splitlines()]
    found = {line["from"]: sorted(a["id"] for a in line["to"]) for line in lines if "to" in line}
    # 999999 answers NO_ASSOCIATIONS_FOUND, as HubSpot answers an id it has no associations
    # for (ledger: association-read-unknown-from-id): an empty list, not a failure
    expected = {c: sorted(v) for c, v in COMPANIES_OF.items()} | {"999999": []}
    assert found == expected  # pages of 2: v3's first, the rest through 2026-03
    assert not [line for line in lines if "error" in line]
    figures = json.loads(summary.read_text())
    total = sum(len(v) for v in COMPANIES_OF.values())
    assert (figures["read"], figures["failed"], figures["associations"]) == (21, 0, total)
    assert figures["complete"] is True
    assert f"read 21 ids ({total} associations)" in answer.stdout
    assert not ids.with_name("contacts.txt.journal").exists()


def test_repeated_ids_and_lines_that_are_not_ids_are_refused_by_line(
    server: ReferenceServer, tmp_path: Path
) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text(f"{CONTACTS[0]}\n{CONTACTS[1]}, {CONTACTS[2]}\n\n{CONTACTS[0]}\n")
    answer = read(server, ids)
    assert answer.returncode == 2
    assert "line 2: not one id" in answer.stderr
    assert f"line 4: id='{CONTACTS[0]}' repeats line 1" in answer.stderr
    assert not (tmp_path / "ids.associations.jsonl").exists()


def test_a_read_killed_mid_run_resumes_and_writes_each_id_once(
    slow: ReferenceServer, tmp_path: Path
) -> None:
    # Ids the slow server has no associations for: each chunk of 1000 is one request, settled
    # by its per-id NO_ASSOCIATIONS_FOUND entries; 25 chunks at 10 requests per second.
    ids = tmp_path / "ids.txt"
    ids.write_text("".join(f"{70_000_000 + n}\n" for n in range(25_000)))
    journal = tmp_path / "ids.txt.journal"
    process = start("read-associations", "contacts", "companies", ids, "--base-url", slow.base_url)
    wait_for_records(journal, 3)
    process.kill()
    process.communicate()
    acknowledged = len(journal_records(journal))
    summary = tmp_path / "summary.json"
    answer = read(slow, ids, "--resume", "--summary-json", summary)
    assert answer.returncode == 0, answer.stderr  # every id read: none has associations
    figures = json.loads(summary.read_text())
    assert figures["resumed_chunks"] == acknowledged
    assert figures["requests"] == 25 - acknowledged
    assert (figures["read"], figures["failed"], figures["complete"]) == (25_000, 0, True)
    output = (tmp_path / "ids.associations.jsonl").read_text().splitlines()
    written = [json.loads(line)["from"] for line in output]
    assert sorted(written) == [str(70_000_000 + n) for n in range(25_000)]  # each id once
    assert not journal.exists()


def test_api_version_2026_03_writes_v4_shaped_lines(
    server: ReferenceServer, tmp_path: Path
) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("1001\n1002\n")
    output = tmp_path / "out.jsonl"
    answer = run(
        "read-associations",
        "contacts",
        "companies",
        ids,
        "--output",
        output,
        "--base-url",
        server.base_url,
        "--api-version",
        "2026-03",
    )
    assert answer.returncode == 0, answer.stderr
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert [line["from"] for line in lines] == ["1001", "1002"]
    assert all("toObjectId" in to and "associationTypes" in to for to in lines[1]["to"])


def test_an_unknown_api_version_is_one_line(server: ReferenceServer, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("1001\n")
    answer = run(
        "read-associations",
        "contacts",
        "companies",
        ids,
        "--base-url",
        server.base_url,
        "--api-version",
        "2099-01",
    )
    assert answer.returncode == 2
    assert answer.stderr.count("\n") == 1 and "--api-version" in answer.stderr


def test_a_misspelled_object_type_stops_the_job_at_its_first_answer(
    server: ReferenceServer, tmp_path: Path
) -> None:
    """`contcts` gets the same 400 on every request (ledger: unknown-object-type): one request,
    then one line naming the argument to fix; no journal to trip the corrected command."""
    ids = tmp_path / "ids.txt"
    ids.write_text("".join(f"{n}\n" for n in range(1, 3001)))  # three chunks of 1000
    before = server.output().count("/batch/read")
    answer = run(
        "read-associations",
        "contcts",
        "companies",
        ids,
        "--base-url",
        server.base_url,
        "--concurrency",
        "3",
    )
    assert answer.returncode == 2, answer.stdout + answer.stderr
    assert answer.stderr.count("\n") == 1, answer.stderr
    assert answer.stderr.startswith("hubspot-bulk: error: FROM 'contcts': HubSpot knows no such")
    assert "Traceback" not in answer.stderr
    assert server.output().count("/batch/read") - before == 1
    assert not ids.with_name("ids.txt.journal").exists()
