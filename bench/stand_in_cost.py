"""What the HubSpot stand-ins of hubspot_toolkit.testing cost a test suite.

Prints `name: value` lines:
  hubspot_setup_teardown_ms           median set-up and tear-down of the `hubspot` fixture's
                                      stand-in (stand_in(): a fresh app and in-memory store)
  hubspot_setup_teardown_marker_ms    the same with a marker's options (scopes, rate limit)
  hubspot_one_request_test_ms         set-up, one upsert through the generated client, tear-down
  hubspot_per_test_in_pytest_ms       what asking for `hubspot` adds to each test of a real
                                      pytest run (fixture machinery included)
  hubspot_server_session_start_s      median start of `hubspot_server`'s process, until it
                                      answers its first control call
  hubspot_server_reset_ms             median reset between tests (over HTTP, records arranged)
"""

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hubspot_crm_client.api.line_items import batch_upsert_line_items
from hubspot_crm_client.models import BatchInputSimplePublicObjectBatchInputUpsert

from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.testing import stand_in
from hubspot_toolkit.testing.process import ServerStandIn

ROUNDS = 200
PYTEST_TESTS = 200
SERVER_STARTS = 3
BODY = BatchInputSimplePublicObjectBatchInputUpsert.from_dict(
    {"inputs": [{"id": "B-1", "idProperty": SHIPPED_UNIQUE_KEY, "properties": {"name": "b"}}]}
)


def median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    action()  # warm: imports and the spec read once per process belong to the session
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bare() -> None:
    with stand_in():
        pass


def with_marker_options() -> None:
    with stand_in(scopes=["crm.objects.line_items.write"], rate_limit=100):
        pass


def one_request() -> None:
    with stand_in() as hubspot, hubspot.client() as client:
        answer = batch_upsert_line_items.sync(client=client, body=BODY)
        assert answer is not None and not hasattr(answer, "category"), answer


def pytest_seconds(folder: Path, tests: int, fixture: str) -> float:
    """The best of two runs of a pytest file of `tests` empty tests asking for `fixture`."""
    lines = [f"def test_{n}({fixture}):\n    pass\n" for n in range(tests)]
    (folder / "test_cost.py").write_text("\n".join(lines))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_cost.py"]
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        subprocess.run(command, cwd=folder, check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def per_test_in_pytest_ms() -> float:
    """Each run's fixed costs (start, imports, the spec read once) cancel out of the slope of
    run time over test count; pytest's own cost per test cancels out of the difference."""
    small, large = PYTEST_TESTS // 2, PYTEST_TESTS * 3 // 2
    with tempfile.TemporaryDirectory(prefix="bench-stand-in-") as work:
        folder = Path(work)
        slopes = [
            (pytest_seconds(folder, large, fixture) - pytest_seconds(folder, small, fixture))
            / (large - small)
            for fixture in ("hubspot", "")
        ]
    return (slopes[0] - slopes[1]) * 1000


def reset_ms(server: ServerStandIn) -> float:
    times = []

    def arranged_then_reset() -> None:
        server.add_records("line_items", [{SHIPPED_UNIQUE_KEY: "R"}])
        server.associate("deals", "1", "line_items", ["2", "3"])
        started = time.perf_counter()
        server.reset()
        times.append(time.perf_counter() - started)

    median_ms(arranged_then_reset)
    return statistics.median(times[1:]) * 1000


def server_start_and_reset() -> tuple[float, float]:
    starts, resets = [], []
    with tempfile.TemporaryDirectory(prefix="bench-stand-in-") as work:
        for n in range(SERVER_STARTS):
            started = time.perf_counter()
            server = ServerStandIn.start(Path(work) / str(n))
            try:
                server.reset()  # answered: the session can start
                starts.append(time.perf_counter() - started)
                if n == 0:
                    resets.append(reset_ms(server))
            finally:
                server.close()
    return statistics.median(starts), resets[0]


def main() -> None:
    print(f"hubspot_setup_teardown_ms: {median_ms(bare):.2f}")
    print(f"hubspot_setup_teardown_marker_ms: {median_ms(with_marker_options):.2f}")
    print(f"hubspot_one_request_test_ms: {median_ms(one_request):.2f}")
    print(f"hubspot_per_test_in_pytest_ms: {per_test_in_pytest_ms():.2f}")
    start, reset = server_start_and_reset()
    print(f"hubspot_server_session_start_s: {start:.2f}")
    print(f"hubspot_server_reset_ms: {reset:.2f}")


if __name__ == "__main__":
    main()
