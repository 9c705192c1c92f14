"""The token never travels in clear text to another machine: plain http:// only to loopback,
unless HUBSPOT_ALLOW_INSECURE_HTTP=1 says this is a lab."""

from pathlib import Path

import pytest

from hubspot_toolkit.client.url_safety import is_loopback
from tests.cli.bulk.runner import run

SECRET = "pat-na1-never-shown-0123"


@pytest.mark.parametrize(
    "url",
    ["http://example.com", "http://10.0.0.5:8000", "http://[2001:db8::1]/", "http://128.0.0.1"],
)
def test_plain_http_to_another_host_is_refused_in_one_line(tmp_path: Path, url: str) -> None:
    file = tmp_path / "rows.jsonl"
    file.write_text('{"hs_sku": "H-1"}\n')
    answer = run(
        "upsert-line-items", file, "--id-property", "hs_sku", "--base-url", url, token=SECRET
    )
    assert answer.returncode == 2
    assert "refusing to send the token over plain http://" in answer.stderr
    assert "HUBSPOT_ALLOW_INSECURE_HTTP=1" in answer.stderr
    assert answer.stderr.count("\n") == 1
    assert SECRET not in answer.stdout + answer.stderr
    assert not file.with_name("rows.jsonl.journal").exists()


@pytest.mark.parametrize(
    ("url", "env"),
    [
        ("http://localhost:9", {}),
        ("http://127.5.6.7:9", {}),
        ("http://[::1]:9", {}),
        ("https://example.com", {}),
        ("http://example.com", {"HUBSPOT_ALLOW_INSECURE_HTTP": "1"}),
    ],
)
def test_loopback_https_and_the_lab_opt_in_are_accepted(
    tmp_path: Path, url: str, env: dict[str, str]
) -> None:
    empty = tmp_path / "rows.jsonl"  # no rows: the URL is checked, and nothing is sent
    empty.write_text("\n")
    answer = run("upsert-line-items", empty, "--id-property", "hs_sku", "--base-url", url, env=env)
    assert answer.returncode == 0, answer.stderr
    assert "no rows; nothing to send" in answer.stdout


def test_the_reads_refuse_plain_http_too(tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("1\n")
    answer = run(
        "read-associations", "contacts", "companies", ids, "--base-url", "http://example.com"
    )
    assert answer.returncode == 2 and "refusing to send the token" in answer.stderr


def test_what_counts_as_loopback() -> None:
    assert all(map(is_loopback, ["localhost", "LOCALHOST.", "127.0.0.1", "127.255.0.9", "::1"]))
    assert not any(map(is_loopback, ["localhost.example.com", "128.0.0.1", "0.0.0.0", "::"]))
