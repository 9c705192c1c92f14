"""Bulk upsert against a rate-limited reference server, as a fraction of what the limit allows.

The ceiling of a limit of L requests per W seconds is L * 100 line items per W seconds. Each
client first spends one whole window (a warm-up job), so that the measured job starts with
the window full, as it would in the middle of a long sync: a client cannot profit from the
empty window at the start, and the fraction cannot exceed 1 by bursting.

Prints `name: value` lines:
  bulk_upsert_fraction_of_ceiling      hubspot_toolkit.client.bulk with the resilient transport
  bulk_upsert_lost, _duplicated, _429  items missing / stored twice afterwards; 429s it got
  sdk_bulk_upsert_fraction_of_ceiling  the same job with hubspot-api-client and urllib3 retries
  sdk_bulk_upsert_lost, _duplicated, _429
  bulk_upsert_faults_…                 ours again, with 10% injected faults (FAULTS=0.1)
"""

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import stamina

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _sdk_upsert import sdk_bulk_upsert

from hubspot_toolkit.client.bulk import upsert_line_items
from hubspot_toolkit.client.resilience import resilient_client
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.process import ReferenceServer

LIMIT = int(os.environ.get("BENCH_RATE_LIMIT", "40"))  # requests per window
WINDOW = float(os.environ.get("BENCH_RATE_WINDOW", "2"))  # seconds
WINDOWS = int(os.environ.get("BENCH_WINDOWS", "4"))  # measured job length, in windows
FAULTS = 0.1  # for the third measurement: 10% of requests fail, before or after the commit
CONCURRENCY = 4
ID_PROPERTY = SHIPPED_UNIQUE_KEY
TOKEN = "dev-token"
Job = Callable[[list[dict[str, str]]], None]


def rows(prefix: str, requests: int) -> list[dict[str, str]]:
    return [
        {ID_PROPERTY: f"{prefix}-{n:06d}", "name": f"item {n}", "price": "10.00"}
        for n in range(requests * 100)
    ]


@contextmanager
def ours(base_url: str) -> Iterator[Job]:
    # One client for the warm-up and the job, as one long sync would use.
    with resilient_client(base_url, TOKEN) as client:

        def job(items: list[dict[str, str]]) -> None:
            report = upsert_line_items(client, items, ID_PROPERTY, concurrency=CONCURRENCY)
            if report.failed:
                print(f"# ours: {len(report.failed)} rows failed: {report.failed[0].failure}")

        yield job


@contextmanager
def sdk(base_url: str) -> Iterator[Job]:
    def job(items: list[dict[str, str]]) -> None:
        result = sdk_bulk_upsert(base_url, TOKEN, items, ID_PROPERTY, threads=CONCURRENCY)
        if result.items_ok != len(items):
            print(f"# sdk: {len(items) - result.items_ok} rows failed")

    yield job


def measure(
    name: str,
    client: Callable[[str], AbstractContextManager[Job]],
    work: Path,
    faults: float = 0.0,
) -> None:
    db = work / f"{name}.sqlite3"
    with ReferenceServer(db, rate_limit=LIMIT, rate_window=WINDOW, faults=faults) as server:
        with client(server.base_url) as job:
            job(rows("WARM", LIMIT))  # fills the window
            measured = rows("JOB", LIMIT * WINDOWS)
            started = time.perf_counter()
            job(measured)
            seconds = time.perf_counter() - started
        too_many = len(re.findall(r" 429 [\d.]+ms$", server.output(), re.MULTILINE))
    records, keys = server.stored(ID_PROPERTY, "JOB-")
    ceiling = LIMIT * 100 / WINDOW
    print(f"{name}_fraction_of_ceiling: {len(measured) / seconds / ceiling:.3f}")
    print(f"{name}_lost: {len(measured) - keys}")
    print(f"{name}_duplicated: {records - keys}")
    print(f"{name}_429: {too_many}")


def main() -> None:
    stamina.instrumentation.set_on_retry_hooks([])  # retries are expected here; keep output clean
    print(f"# limit {LIMIT} requests per {WINDOW:g} s; measured job {WINDOWS} windows")
    with tempfile.TemporaryDirectory() as work:
        measure("bulk_upsert", ours, Path(work))
        measure("sdk_bulk_upsert", sdk, Path(work))
        measure("bulk_upsert_faults", ours, Path(work), faults=FAULTS)


if __name__ == "__main__":
    main()
