"""Acknowledged upserts survive kill -9; concurrent upserts of one key never create two records."""

import random
import threading
from pathlib import Path

import httpx

from hubspot_toolkit.server.process import ReferenceServer
from tests.server.conftest import KEY, Api, keyed


def test_every_acknowledged_upsert_survives_kill_9(fresh_db: Path) -> None:
    acknowledged: dict[str, str] = {}
    with ReferenceServer(fresh_db) as server:
        api = Api(server.base_url, "dev-token")
        stop = threading.Event()

        def stream() -> None:
            n = 0
            while not stop.is_set():
                batch = [keyed(f"K-{n}-{i}", name=str(i)) for i in range(20)]
                n += 1
                try:
                    answer = api.upsert(batch)
                except httpx.HTTPError:
                    return  # the server died mid-request: that one was never acknowledged
                if answer.status_code == 200:
                    for result in answer.json()["results"]:
                        acknowledged[result["properties"][KEY]] = result["id"]

        writer = threading.Thread(target=stream)
        writer.start()
        while len(acknowledged) < 400:
            threading.Event().wait(0.01)
        server.kill9()
        stop.set()
        writer.join()
        server.start()
        keys = sorted(acknowledged)
        for start in range(0, len(keys), 100):
            chunk = keys[start : start + 100]
            answer = api.upsert([keyed(k) for k in chunk])
            assert answer.status_code == 200
            for result in answer.json()["results"]:
                k = result["properties"][KEY]
                assert result["new"] is False, f"{k} was acknowledged but lost"
                assert result["id"] == acknowledged[k]


def test_eight_concurrent_clients_on_overlapping_keys_never_duplicate(fresh_db: Path) -> None:
    keys = [f"C-{n}" for n in range(40)]
    ids: dict[str, set[str]] = {k: set() for k in keys}
    created: list[str] = []
    lock = threading.Lock()
    with ReferenceServer(fresh_db) as server:
        api = Api(server.base_url, "dev-token")

        def client(seed: int) -> None:
            rng = random.Random(seed)
            for _ in range(15):
                batch = rng.sample(keys, 10)
                answer = api.upsert([keyed(k, description=str(seed)) for k in batch])
                assert answer.status_code == 200, answer.text
                with lock:
                    for result in answer.json()["results"]:
                        ids[result["properties"][KEY]].add(result["id"])
                        if result["new"]:
                            created.append(result["properties"][KEY])

        threads = [threading.Thread(target=client, args=(seed,)) for seed in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    touched = [k for k in keys if ids[k]]
    assert all(len(ids[k]) == 1 for k in touched), {k: v for k, v in ids.items() if len(v) > 1}
    assert sorted(created) == sorted(touched), "each key is created exactly once"


def test_sigterm_is_a_clean_shutdown_and_logs_hold_no_token(fresh_db: Path) -> None:
    with ReferenceServer(fresh_db) as server:
        Api(server.base_url, "dev-token").upsert([keyed("LOG-1")])
        exit_code = server.stop()
    # uvicorn finishes in-flight requests, runs shutdown, then re-raises SIGTERM as its exit
    assert exit_code in (0, -15)
    log = server.output()
    assert "stopped cleanly: database closed" in log
    assert "POST /crm/v3/objects/line_items/batch/upsert 200" in log
    assert "Bearer" not in log
    assert log.count("dev-token") == 1  # only the start-up notice naming the development token
