"""Reference server throughput on loopback, against the ceiling of a bare JSON echo endpoint.

Prints `name: value` lines:
  upsert_items_per_second        line items durably upserted per second (100-item requests)
  echo_items_per_second          the same requests against a bare parse-and-echo ASGI endpoint
  upsert_fraction_of_ceiling     the ratio of the two (same machine, same run, same load)
  association_ids_per_second     ids read per second with 1000-id association reads
"""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx

from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.process import ReferenceServer, free_port

BENCH_DIR = Path(__file__).resolve().parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = 2
CONCURRENCY = 8
HEADERS = {"Authorization": "Bearer dev-token", "Content-Type": "application/json"}
UPSERT = "/crm/v3/objects/line_items/batch/upsert"
READ = "/crm/v3/associations/contacts/companies/batch/read"


def upsert_body(round_: int, worker: int, n: int) -> bytes:
    inputs = [
        {
            "id": f"B-{round_}-{worker}-{n}-{i}",
            "idProperty": SHIPPED_UNIQUE_KEY,
            "properties": {"name": f"item {i}", "price": "10.00", "quantity": str(i)},
        }
        for i in range(100)
    ]
    return json.dumps({"inputs": inputs}).encode()


async def load(
    base_url: str, path: str, body_for: Callable[[int, int], bytes], per_request: int
) -> float:
    """Items per second over SECONDS with CONCURRENCY clients; every answer must be 200."""
    done = 0
    deadline = time.perf_counter() + SECONDS
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base_url, headers=HEADERS, limits=limits) as client:

        async def worker(w: int) -> None:
            nonlocal done
            n = 0
            while time.perf_counter() < deadline:
                answer = await client.post(path, content=body_for(w, n), timeout=60)
                if answer.status_code != 200:
                    raise SystemExit(f"{path} answered {answer.status_code}: {answer.text[:200]}")
                done += per_request
                n += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(CONCURRENCY)))
        return done / (time.perf_counter() - started)


def start_echo() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "_echo_app:app", "--port", str(port)]
    process = subprocess.Popen([*command, "--log-level", "warning"], cwd=BENCH_DIR)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.post(url, content=b"{}")
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    return process, url


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-server-") as work:
        records = [{"objectType": "contacts", "id": str(n)} for n in range(1, 1001)]
        associations = [
            {
                "fromObjectType": "contacts",
                "fromId": str(n),
                "toObjectType": "companies",
                "toId": str(5000 + n % 50),
                "type": "contact_to_company",
            }
            for n in range(1, 1001)
        ]
        file = Path(work) / "associations.json"
        file.write_text(json.dumps({"records": records, "associations": associations}))
        read_body = json.dumps({"inputs": [{"id": str(n)} for n in range(1, 1001)]}).encode()
        echo, echo_url = start_echo()
        try:
            with ReferenceServer(Path(work) / "bench.sqlite3", associations_file=file) as server:
                # Alternate rounds and keep each side's best, so that a burst of other work on
                # the machine does not land on one side only.
                upserts = ceiling = 0.0
                for round_ in range(ROUNDS):
                    body = partial(upsert_body, round_)
                    upserts = max(upserts, asyncio.run(load(server.base_url, UPSERT, body, 100)))
                    ceiling = max(ceiling, asyncio.run(load(echo_url, UPSERT, body, 100)))
                reads = asyncio.run(load(server.base_url, READ, lambda w, n: read_body, 1000))
        finally:
            echo.terminate()
            echo.wait()
    print(f"upsert_items_per_second: {upserts:.0f}")
    print(f"echo_items_per_second: {ceiling:.0f}")
    print(f"upsert_fraction_of_ceiling: {upserts / ceiling:.2f}")
    print(f"association_ids_per_second: {reads:.0f}")


if __name__ == "__main__":
    main()
