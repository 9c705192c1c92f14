"""hubspot-bulk as a real process against the reference server process."""

import csv
import json
import subprocess
from pathlib import Path

import pytest

from hubspot_toolkit.server.process import ReferenceServer
from tests.cli.bulk.runner import TOKEN, run


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def upsert(server: ReferenceServer, file: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(
        "upsert-line-items",
        file,
        "--id-property",
        "external_line_item_id",
        "--base-url",
        server.base_url,
        *extra,
    )


def posts(server: ReferenceServer) -> int:
    return server.output().count("POST /crm/v3/objects/line_items/batch/upsert")


def test_jsonl_rows_are_created_then_updated(server: ReferenceServer, tmp_path: Path) -> None:
    rows = [
        {"external_line_item_id": f"CLI-{n}", "price": 1.10 + n, "quantity": n, "taxable": True}
        for n in range(150)
    ]
    file = write_jsonl(tmp_path / "rows.jsonl", rows)
    first = upsert(server, file)
    assert first.returncode == 0, first.stderr
    assert "created 150, updated 0, failed 0 of 150 rows" in first.stdout
    second = upsert(server, file)
    assert "created 0, updated 150, failed 0 of 150 rows" in second.stdout
    assert not (tmp_path / "rows.failed.jsonl").exists()


def test_api_version_2026_03_updates_what_v3_created(
    server: ReferenceServer, tmp_path: Path
) -> None:
    file = write_jsonl(tmp_path / "rows.jsonl", [{"external_line_item_id": "VCLI-1", "name": "a"}])
    assert "created 1," in upsert(server, file).stdout
    before = server.output().count("POST /crm/objects/2026-03/line_items/batch/upsert")
    dated = upsert(server, file, "--api-version", "2026-03")
    assert dated.returncode == 0, dated.stderr
    assert "created 0, updated 1, failed 0 of 1 rows" in dated.stdout
    after = server.output().count("POST /crm/objects/2026-03/line_items/batch/upsert")
    assert after == before + 1


def test_csv_rows_and_a_failed_rows_file_that_feeds_back_in(
    server: ReferenceServer, tmp_path: Path
) -> None:
    run(  # two records own these external_line_item_id values already
        "upsert-line-items",
        write_jsonl(
            tmp_path / "owners.jsonl",
            [{"external_line_item_id": "OWNED-1"}, {"external_line_item_id": "OWNED-2"}],
        ),
        "--id-property",
        "external_line_item_id",
        "--base-url",
        server.base_url,
    )
    file = tmp_path / "erp.csv"
    file.write_text(
        "erp_code,external_line_item_id,name\n"
        "ERP-1,OWNED-1,first\n"
        'ERP-2,FREE-9,"second, with a comma"\n'
        "ERP-3,OWNED-2,third\n"
    )
    answer = run(
        "upsert-line-items", file, "--id-property", "erp_code", "--base-url", server.base_url
    )
    assert answer.returncode == 1
    assert "created 1, updated 0, failed 2 of 3 rows" in answer.stdout
    assert "line 2: 207 CONFLICT" in answer.stdout and "line 4: 207 CONFLICT" in answer.stdout
    failed_file = tmp_path / "erp.failed.csv"
    with failed_file.open() as handle:
        failed = list(csv.DictReader(handle))
    assert [row["erp_code"] for row in failed] == ["ERP-1", "ERP-3"]
    assert failed[0]["name"] == "first" and "OWNED-1" in failed[0]["_error"]
    # Fixed by hand and fed back in: the _error column is not sent as a property.
    failed_file.write_text(failed_file.read_text().replace("OWNED-", "MINE-"))
    again = run(
        "upsert-line-items", failed_file, "--id-property", "erp_code", "--base-url", server.base_url
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert "created 2, updated 0, failed 0 of 2 rows" in again.stdout


def test_malformed_rows_are_all_reported_by_line_and_nothing_is_sent(
    server: ReferenceServer, tmp_path: Path
) -> None:
    file = tmp_path / "bad.jsonl"
    file.write_text(
        '{"external_line_item_id": "OK-1"}\n'
        "{not json\n"
        '{"name": "no key"}\n'
        "\n"
        '["a", "list"]\n'
        '{"external_line_item_id": "OK-1"}\n'
        '{"external_line_item_id": "OK-2", "nested": {"a": 1}}\n'
    )
    before = posts(server)
    answer = upsert(server, file)
    assert answer.returncode == 2
    lines = answer.stderr
    assert "5 row(s) cannot be sent" in lines
    for expected in (
        "line 2: not JSON",
        "line 3: no value for the key property 'external_line_item_id'",
        "line 5: not a JSON object",
        "line 6: external_line_item_id='OK-1' repeats line 1",
        "line 7: 'nested' is an object",
    ):
        assert expected in lines
    assert "nothing was sent" in lines
    assert "Traceback" not in lines
    assert posts(server) == before


def test_csv_with_a_ragged_row_is_refused_by_line(server: ReferenceServer, tmp_path: Path) -> None:
    file = tmp_path / "ragged.csv"
    file.write_text("external_line_item_id,name\nA,one\nB,two,extra\n")
    answer = upsert(server, file)
    assert answer.returncode == 2
    assert "line 3: 3 fields where the header has 2" in answer.stderr


@pytest.mark.parametrize(
    ("args", "token", "message"),
    [
        (["rows.jsonl"], None, "set HUBSPOT_ACCESS_TOKEN"),
        (["missing.jsonl"], TOKEN, "missing.jsonl: no such file"),
        (["rows.txt"], TOKEN, "cannot tell the format"),
    ],
)
def test_usage_errors_are_one_clear_line(
    tmp_path: Path, args: list[str], token: str | None, message: str
) -> None:
    write_jsonl(tmp_path / "rows.jsonl", [{"external_line_item_id": "U-1"}])
    (tmp_path / "rows.txt").write_text("x")
    answer = run(
        "upsert-line-items",
        *(tmp_path / a for a in args),
        "--id-property",
        "external_line_item_id",
        "--base-url",
        "http://127.0.0.1:9",
        token=token,
    )
    assert answer.returncode == 2
    assert message in answer.stderr
    assert "Traceback" not in answer.stderr


def test_a_wrong_token_fails_every_row_without_showing_the_token(
    tmp_path: Path, server: ReferenceServer
) -> None:
    # With TOKENS unset the server accepts only dev-token.
    secret = "pat-na1-secret-0123456789"
    file = write_jsonl(
        tmp_path / "rows.jsonl", [{"external_line_item_id": f"T-{n}"} for n in range(250)]
    )
    answer = run(
        "upsert-line-items",
        file,
        "--id-property",
        "external_line_item_id",
        "--base-url",
        server.base_url,
        "--concurrency",
        "1",
        token=secret,
    )
    assert answer.returncode == 1
    # the refused chunk failed; the rest never left, and is not counted as failed
    assert "failed 100, not sent 150 of 250 rows" in answer.stdout
    assert "401" in answer.stdout
    assert "(1 request)" in answer.stdout  # stopped after the first refusal
    failed_file = (tmp_path / "rows.failed.jsonl").read_text()
    for text in (answer.stdout, answer.stderr, failed_file, server.output()):
        assert secret not in text


@pytest.mark.parametrize(
    ("option", "value", "token", "message"),
    [
        ("--base-url", "http://127.0.0.1:abc", TOKEN, "is not a URL"),
        ("--base-url", "notaurl", TOKEN, "give an http:// or https:// URL"),
        ("--base-url", "ftp://example.test", TOKEN, "give an http:// or https:// URL"),
        ("--rate-limit", "lots", TOKEN, "give a tier"),
        ("--concurrency", "0", TOKEN, "--concurrency must be at least 1"),
        ("--failed-file", ".", TOKEN, "is a directory"),
        ("--base-url", "http://127.0.0.1:9", "dev-token\nSECRET-PART", "characters no token has"),
        ("--base-url", "http://127.0.0.1:9", "sécret-token", "characters no token has"),
    ],
)
def test_bad_options_and_tokens_are_refused_before_sending(
    tmp_path: Path, option: str, value: str, token: str, message: str
) -> None:
    file = write_jsonl(tmp_path / "rows.jsonl", [{"external_line_item_id": "U-1"}])
    answer = run(
        "upsert-line-items",
        file,
        "--id-property",
        "external_line_item_id",
        option,
        value,
        token=token,
    )
    assert answer.returncode == 2
    assert message in answer.stderr
    assert "Traceback" not in answer.stderr
    assert "SECRET-PART" not in answer.stdout + answer.stderr
    assert "sécret" not in answer.stdout + answer.stderr
    assert not (tmp_path / "rows.failed.jsonl").exists()


def test_json_that_no_request_can_carry_is_refused_by_line(
    server: ReferenceServer, tmp_path: Path
) -> None:
    file = tmp_path / "odd.jsonl"
    file.write_text('{"external_line_item_id": "S-1", "name": "\\ud800"}\n' + "[" * 5000 + "\n")
    answer = upsert(server, file)
    assert answer.returncode == 2
    assert "line 1: text that is not valid Unicode" in answer.stderr
    assert "line 2: not JSON: nested too deeply" in answer.stderr
    assert "Traceback" not in answer.stderr
