"""The issue's promise, for real: a rate-limited reference server that fails 10% of requests
(before and after committing) and drops connections; every line item lands exactly once and
no 429 or injected fault reaches the caller."""

import asyncio
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubspot_toolkit.client.bulk import UpsertReport, aupsert_line_items, upsert_line_items
from hubspot_toolkit.client.resilience import resilient_client
from hubspot_toolkit.server.process import ReferenceServer
from tests.cli.bulk.runner import run
from tests.client.bulk.conftest import FAST_RETRIES, KEY

N = 2500  # 25 requests a pass: the limit below is hit several times over
# 10 requests per 1 s window: HubSpot's shape, scaled down to keep `make test` quick.
LIMIT, WINDOW = 10, 1.0


@pytest.fixture(scope="module")
def flaky(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceServer]:
    db = tmp_path_factory.mktemp("flaky") / "db.sqlite3"
    with ReferenceServer(db, rate_limit=LIMIT, rate_window=WINDOW, faults=0.1) as running:
        yield running


def rows(prefix: str) -> list[dict[str, str]]:
    return [{KEY: f"{prefix}-{n:05d}", "name": f"item {n}"} for n in range(N)]


def statuses(server: ReferenceServer) -> Counter[str]:
    return Counter(re.findall(r" (\d{3}) [\d.]+ms$", server.output(), re.MULTILINE))


def assert_exactly_once(server: ReferenceServer, prefix: str, first: UpsertReport) -> None:
    assert first.failed == [], first.failed[:3]
    assert len(first.created) + len(first.updated) == N
    # Through the API: every key upserted again is found (new: false), each its own record.
    with resilient_client(server.base_url, "dev-token", policy=FAST_RETRIES) as client:
        again = upsert_line_items(client, rows(prefix), KEY)
    assert (len(again.created), len(again.updated), again.failed) == (0, N, [])
    assert len({item.record_id for item in again.updated}) == N
    # And in the SQLite file itself: no key stored twice.
    assert server.stored(KEY, f"{prefix}-") == (N, N)


def test_sync_bulk_upsert_lands_every_item_once(flaky: ReferenceServer) -> None:
    with resilient_client(flaky.base_url, "dev-token", policy=FAST_RETRIES) as client:
        report = upsert_line_items(client, rows("SYNC"), KEY, concurrency=4)
    assert_exactly_once(flaky, "SYNC", report)


def test_async_bulk_upsert_lands_every_item_once(flaky: ReferenceServer) -> None:
    async def run() -> UpsertReport:
        async with resilient_client(flaky.base_url, "dev-token", policy=FAST_RETRIES) as client:
            return await aupsert_line_items(client, rows("ASYNC"), KEY, concurrency=4)

    assert_exactly_once(flaky, "ASYNC", asyncio.run(run()))


def test_the_cli_lands_every_row_once(flaky: ReferenceServer, tmp_path: Path) -> None:
    file = tmp_path / "rows.jsonl"
    file.write_text("".join(json.dumps(row) + "\n" for row in rows("CLI")))
    answer = run("upsert-line-items", file, "--id-property", KEY, "--base-url", flaky.base_url)
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert f"failed 0 of {N} rows" in answer.stdout
    assert not (tmp_path / "rows.failed.jsonl").exists()
    assert flaky.stored(KEY, "CLI-") == (N, N)


def test_faults_were_injected_and_pacing_kept_429s_rare(flaky: ReferenceServer) -> None:
    seen = statuses(flaky)
    assert sum(seen[s] for s in ("500", "502", "503")) > 0, seen
    # The pacer's design lets a client meet a 429 only with its very first request, when an
    # earlier client has just filled the window: five here. A CI run on a loaded machine once
    # saw six in 154 answers, so "rare" is held as at most one answer in twenty, not as the
    # design's exact count (tests/client/resilience/test_window.py holds that with a fake clock).
    assert seen["429"] * 20 <= seen.total(), seen
