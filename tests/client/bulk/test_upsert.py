"""Bulk upsert: chunks, concurrency, and every input accounted for — against the reference
server process, and against scripted answers for what a faithful server never does."""

import json
import uuid
from collections.abc import Callable

import httpx
import pytest
from hubspot_crm_client import AuthenticatedClient

from hubspot_toolkit.client.bulk import aupsert_line_items, upsert_line_items
from hubspot_toolkit.client.redacted import RedactedClient
from tests.client.bulk.conftest import KEY, run_async

NOW = "2026-11-25T10:00:00Z"


def rows(prefix: str, count: int, **extra: str) -> list[dict[str, str]]:
    return [{KEY: f"{prefix}-{n:04d}", "name": f"item {n}", **extra} for n in range(count)]


def test_creates_then_updates_in_chunks_with_the_same_record_ids(client: RedactedClient) -> None:
    first = upsert_line_items(client, rows("CU", 250), KEY, concurrency=3)
    assert (len(first.created), len(first.updated), first.failed) == (250, 0, [])
    assert first.requests == 3  # 100 + 100 + 50
    second = upsert_line_items(client, rows("CU", 250, price="9.50"), KEY, concurrency=3)
    assert (len(second.created), len(second.updated), second.failed) == (0, 250, [])
    ids_first = {item.row.properties[KEY]: item.record_id for item in first.created}
    ids_second = {item.row.properties[KEY]: item.record_id for item in second.updated}
    assert ids_first == ids_second
    assert len(set(ids_first.values())) == 250


def test_async_gives_the_same_report_as_sync(client: RedactedClient) -> None:
    report = run_async(
        client, lambda: aupsert_line_items(client, rows("AS", 230), KEY, concurrency=4)
    )
    assert (len(report.created), report.failed, report.requests) == (230, [], 3)
    again = upsert_line_items(client, rows("AS", 230), KEY)
    assert {i.record_id for i in report.created} == {i.record_id for i in again.updated}


def test_each_207_error_comes_back_with_its_own_row(client: RedactedClient) -> None:
    upsert_line_items(client, [{KEY: "TAKEN-1"}, {KEY: "TAKEN-2"}], KEY)
    # Keyed by erp_code, three new records claim KEY values: two already belong to others.
    report = upsert_line_items(
        client,
        [
            {"erp_code": "E-1", KEY: "TAKEN-1"},
            {"erp_code": "E-2", KEY: "FREE-1"},
            {"erp_code": "E-3", KEY: "TAKEN-2"},
        ],
        "erp_code",
    )
    assert [item.row.properties["erp_code"] for item in report.created] == ["E-2"]
    failed = {item.row.line: item.failure for item in report.failed}
    assert set(failed) == {1, 3}
    assert all(f.status == 207 and f.category == "CONFLICT" for f in failed.values())
    assert "TAKEN-1" in failed[1].message and "TAKEN-2" in failed[3].message


def test_progress_counts_every_row(client: RedactedClient) -> None:
    seen: list[int] = []
    upsert_line_items(client, rows("PR", 205), KEY, progress=seen.append)
    assert sorted(seen) == [5, 100, 100]


def scripted(answer: Callable[[list[dict[str, object]]], httpx.Response]) -> AuthenticatedClient:
    def handler(request: httpx.Request) -> httpx.Response:
        return answer(json.loads(request.content)["inputs"])

    return AuthenticatedClient(
        base_url="http://hubspot.test",
        token="t",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


def result(item: dict[str, object], *, trace: bool = True) -> dict[str, object]:
    out: dict[str, object] = {
        "id": str(abs(hash(item["id"])) % 10**9),
        "archived": False,
        "new": True,
        "createdAt": NOW,
        "updatedAt": NOW,
        "properties": item["properties"],
    }
    if trace:
        out["objectWriteTraceId"] = item["objectWriteTraceId"]
    return out


def batch(results: list[dict[str, object]]) -> httpx.Response:
    body = {"status": "COMPLETE", "startedAt": NOW, "completedAt": NOW, "results": results}
    return httpx.Response(200, json=body)


def test_results_without_trace_ids_are_matched_by_key() -> None:
    client = scripted(lambda inputs: batch([result(i, trace=False) for i in reversed(inputs)]))
    report = upsert_line_items(client, rows("NT", 30), KEY)
    assert len(report.created) == 30 and not report.failed
    for item in report.created:
        assert item.record_id == str(abs(hash(item.row.properties[KEY])) % 10**9)


def test_an_input_the_answer_forgot_is_failed_not_dropped() -> None:
    client = scripted(lambda inputs: batch([result(i) for i in inputs[1:]]))
    report = upsert_line_items(client, rows("FG", 3), KEY)
    assert len(report.created) == 2
    [lost] = report.failed
    assert lost.row.properties[KEY] == "FG-0000"
    assert (lost.failure.status, lost.failure.category) == (200, "NO_RESULT")


def test_a_401_stops_sending_and_fails_every_row_with_the_reason() -> None:
    sent: list[int] = []

    def refuse(inputs: list[dict[str, object]]) -> httpx.Response:
        sent.append(len(inputs))
        body = {"category": "INVALID_AUTHENTICATION", "message": "bad token"}
        return httpx.Response(401, json={**body, "correlationId": str(uuid.uuid4())})

    report = upsert_line_items(scripted(refuse), rows("AU", 350), KEY, concurrency=1)
    assert sent == [100]
    assert len(report.failed) == 350 and report.requests == 1
    first, *rest = report.failed
    assert (first.failure.status, first.failure.category) == (401, "INVALID_AUTHENTICATION")
    assert first.failure.correlation_id is not None
    assert {f.failure.category for f in rest[99:]} == {"NOT_SENT"}
    assert "INVALID_AUTHENTICATION" in rest[-1].failure.message


def test_a_broken_answer_fails_its_chunk_and_keeps_the_others() -> None:
    calls: list[int] = []

    def sometimes_broken(inputs: list[dict[str, object]]) -> httpx.Response:
        calls.append(1)
        if len(calls) == 2:
            return httpx.Response(200, json={"status": "COMPLETE"})  # required fields missing
        return batch([result(i) for i in inputs])

    report = upsert_line_items(scripted(sometimes_broken), rows("BR", 300), KEY, concurrency=1)
    assert len(report.created) == 200
    assert len(report.failed) == 100
    assert {f.failure.category for f in report.failed} == {"INVALID_ANSWER"}


@pytest.mark.parametrize("bad", [0, 101])
def test_chunk_size_is_bounded_by_hubspots_limit(bad: int) -> None:
    with pytest.raises(ValueError, match="chunk_size must be between 1 and 100"):
        upsert_line_items(scripted(lambda i: batch([])), rows("CS", 1), KEY, chunk_size=bad)


def test_hubspots_property_errors_come_back_per_row_with_property_and_reason(
    client: RedactedClient,
) -> None:
    rows = [
        {KEY: "PE-1", "name": "fine"},
        {KEY: "PE-2", "colour": "red"},
        {KEY: "PE-3", "price": "-1"},
    ]
    report = upsert_line_items(client, rows, KEY)
    assert [item.row.line for item in report.created] == [1]
    failed = {item.row.line: item.failure for item in report.failed}
    assert [(e.name, e.code) for e in failed[2].property_errors] == [
        ("colour", "PROPERTY_DOESNT_EXIST")
    ]
    assert "property colour: " in str(failed[2])
    assert [e.name for e in failed[3].property_errors] == ["price"]
