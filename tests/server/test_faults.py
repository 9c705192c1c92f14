"""FAULTS: injected 5xx answers and dropped connections, before and after the commit."""

from pathlib import Path

import httpx

from hubspot_toolkit.server.process import ReferenceServer
from tests.server.conftest import UPSERT, keyed


def test_faults_are_injected_and_some_happen_after_the_write(fresh_db: Path) -> None:
    outcomes: dict[str, int] = {}
    with ReferenceServer(fresh_db, faults=0.5) as server:
        for n in range(60):
            try:
                answer = httpx.post(
                    server.base_url + UPSERT,
                    json={"inputs": [keyed(f"F-{n}")]},
                    headers={"Authorization": "Bearer dev-token"},
                )
                outcome = str(answer.status_code)
            except httpx.HTTPError:
                outcome = "dropped"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    with ReferenceServer(fresh_db) as server:
        # Every key sent again: those already written come back new: false.
        answer = httpx.post(
            server.base_url + UPSERT,
            json={"inputs": [keyed(f"F-{n}") for n in range(60)]},
            headers={"Authorization": "Bearer dev-token"},
        )
        written = sum(not r["new"] for r in answer.json()["results"])
    assert outcomes.get("200", 0) > 10
    assert sum(outcomes.get(s, 0) for s in ("500", "502", "503")) > 5
    assert outcomes.get("dropped", 0) > 0
    # some writes were committed although the caller saw a failure
    assert written > outcomes["200"]
