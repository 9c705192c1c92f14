"""`make contract` end to end: passes on the reference server, fails on each broken server with
the right check named, and turns bad targets into one clear line without leaking the token."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from contract_tests.fixture import PAGE_SIZE, associations_fixture
from hubspot_toolkit.properties import DEFAULT_FILE
from hubspot_toolkit.server.process import ReferenceServer, free_port
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.operations import operations, versions_of
from tests.contract.broken_servers import ALL_AT_ONCE, DATED, FAITHFUL, KINDS, VERSION_OF
from tests.paths import REPO, TOOLKIT

SECRET = "pat-na1-this-token-must-never-be-printed"
LIMITED = "no-scopes-token"
# The suite's options, given the way CI gives them: as environment defaults.
FAST = {
    "HUBSPOT_CONTRACT_SEED": "1",
    "HUBSPOT_CONTRACT_MAX_EXAMPLES": "6",
    "HUBSPOT_CONTRACT_RATE_LIMIT": "1000/s",
}


# Broken servers whose breakage also breaks a second promise, which a check may see first:
# accepting invalid input accepts unknown properties too (hubspot_property_rules), and an
# input dropped from a 207 leaves it without a result (hubspot_results).
CAUGHT_TWICE = {"accepts_invalid_input", "drops_an_existing_record"}


def wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {port}")


def newest_version() -> str:
    """The newest dated version spec/ holds (dates sort as text)."""
    return max(versions_of(bundle_spec_dir(REPO / "spec")) - {"v3"})


def run_contract(
    tmp_path: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HUBSPOT_")}
    return subprocess.run(
        [*TOOLKIT, "contract", "--reports-dir", str(tmp_path), *args],
        env={**clean, **FAST, **env},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        check=False,
    )


@pytest.fixture(scope="session")
def known_associations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The suite's own fixture records, as a remote portal's user names theirs
    (HUBSPOT_CONTRACT_ASSOCIATIONS): reads of them and their paging are exercised remotely."""
    path = tmp_path_factory.mktemp("known") / "associations.json"
    path.write_text(json.dumps(associations_fixture(bundle_spec_dir(REPO / "spec"))))
    return path


# session-scoped: one per pytest-xdist worker, so that this module's long tests can be spread
@pytest.fixture(scope="session")
def reference(
    tmp_path_factory: pytest.TempPathFactory, known_associations: Path
) -> Iterator[ReferenceServer]:
    work = tmp_path_factory.mktemp("ref")
    # a portal's tokens as its user has them: one for the suite, one without the scopes
    # (HUBSPOT_LIMITED_TOKEN), so that the 403s are judged
    tokens = work / "tokens.json"
    tokens.write_text(json.dumps({"dev-token": ["*"], LIMITED: []}))
    with ReferenceServer(
        work / "db.sqlite3",
        tokens_file=tokens,
        associations_file=known_associations,
        page_size=PAGE_SIZE,
    ) as server:
        yield server


@contextmanager
def broken_server(kind: str, upstream: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.contract.broken_servers", kind, upstream, str(port)],
        cwd=REPO,
        env={**os.environ, "UPSTREAM_TOKEN": "dev-token"},
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_passes_on_its_own_reference_server(tmp_path: Path) -> None:
    # enough examples that reads of the fixture's records surely happen
    result = run_contract(tmp_path, {}, "--max-examples", "20", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(reference server)" in result.stdout
    assert "PASSED" in result.stdout
    assert "hubspot_upsert_is_idempotent" in result.stdout
    assert "hubspot_missing_scopes" in result.stdout
    assert "Stateful tests" in result.stdout  # the phase that follows the spec's links
    # every version spec/ holds is served and tested by default (2026-09's 200s with errors too)
    for operation in operations(bundle_spec_dir(REPO / "spec")):
        assert f"{operation.operation_id}: " in result.stdout, operation.operation_id
    assert (tmp_path / "contract-junit.xml").exists()
    events = (tmp_path / "contract-events.ndjson").read_text()
    # Reads of records the fixture holds (a third of the positive reads ask for them). Whether
    # the stateful phase reaches ReadNextPage in a short run is chance, so it is not asserted.
    assert '"inputs":[{"id":"53628"}]' in events


def test_passes_on_a_portal_with_its_own_properties(tmp_path: Path) -> None:
    """A portal's export (its own unique key, no external_line_item_id, validation rules on
    its text and number properties) steers the suite's upserts through
    HUBSPOT_CONTRACT_PROPERTIES alone: the values it sends keep the portal's rules."""
    document = json.loads(DEFAULT_FILE.read_text())
    for entry in document["results"]:
        if entry["name"] == "external_line_item_id":
            entry["name"] = "erp_code"
    rules = {"name": ("ALPHANUMERIC", "ALPHA_ONLY"), "quantity": ("MIN_NUMBER", "10")}
    document["propertyValidations"] = {
        "results": [
            {
                "propertyName": name,
                "propertyValidationRules": [{"ruleType": kind, "ruleArguments": [arg]}],
            }
            for name, (kind, arg) in rules.items()
        ]
    }
    export = tmp_path / "properties.json"
    export.write_text(json.dumps(document))
    with ReferenceServer(tmp_path / "db.sqlite3", properties_file=export) as portal:
        env = {
            "HUBSPOT_BASE_URL": portal.base_url,
            "HUBSPOT_ACCESS_TOKEN": "dev-token",
            "HUBSPOT_CONTRACT_PROPERTIES": str(export),
        }
        result = run_contract(tmp_path, env, "--skip-client")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "keyed by erp_code values starting 'contract-test-'" in result.stdout


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_broken_server_fails_with_the_right_check(
    tmp_path: Path, reference: ReferenceServer, known_associations: Path, kind: str
) -> None:
    expected_check = KINDS[kind][1]
    with broken_server(kind, reference.base_url) as url:
        env = {
            "HUBSPOT_BASE_URL": url,
            "HUBSPOT_ACCESS_TOKEN": "dev-token",
            "HUBSPOT_CONTRACT_ASSOCIATIONS": str(known_associations),
            "HUBSPOT_LIMITED_TOKEN": LIMITED,
        }
        # the checks are the same for every version: one version shows each one's teeth (the
        # cross-version check reaches the other by itself)
        version = VERSION_OF.get(kind) or ("2026-03" if kind in DATED else "v3")
        examples = "20" if kind in DATED else FAST["HUBSPOT_CONTRACT_MAX_EXAMPLES"]
        # Most broken servers break one promise, so the first check to fail must be the one
        # named: stopping there asserts as much, and spares the rest of the run.
        stop = () if kind in CAUGHT_TWICE else ("--max-failures", "1")
        result = run_contract(
            tmp_path,
            env,
            *("--skip-client", "--versions", version, "--max-examples", examples, *stop),
        )
    assert result.returncode == 1, result.stdout + result.stderr
    failed_rows = [line for line in result.stdout.splitlines() if " FAILED " in f" {line} "]
    assert any(expected_check in row for row in failed_rows), result.stdout


def test_max_failures_stops_before_the_live_half_writes(
    tmp_path: Path, reference: ReferenceServer
) -> None:
    with broken_server("drops_required_field", reference.base_url) as url:
        env = {"HUBSPOT_BASE_URL": url, "HUBSPOT_ACCESS_TOKEN": "dev-token"}
        result = run_contract(tmp_path, env, "--versions", "v3", "--max-failures", "1")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "generated client against the live server: skipped (--max-failures)" in result.stdout
    assert not (tmp_path / "client-live-junit.xml").exists()


@pytest.mark.parametrize("kind", sorted(FAITHFUL))
def test_a_faithful_server_with_hubspots_extras_passes(
    tmp_path: Path, reference: ReferenceServer, known_associations: Path, kind: str
) -> None:
    with broken_server(kind, reference.base_url) as url:
        env = {
            "HUBSPOT_BASE_URL": url,
            "HUBSPOT_ACCESS_TOKEN": "dev-token",
            "HUBSPOT_CONTRACT_ASSOCIATIONS": str(known_associations),
            "HUBSPOT_LIMITED_TOKEN": LIMITED,
        }
        if kind == ALL_AT_ONCE:  # the generated client's live half included
            result = run_contract(tmp_path, env)
            assert "generated client against the live server: passed" in result.stdout
        else:
            # Each behaviour alone, where no other can hide an alarm it raises, in v3 and in the
            # newest version (the dated-only checks see it too; the run above covers every
            # version), in the answers to valid requests: that run has every phase, coverage's
            # edge cases included.
            result = run_contract(
                tmp_path,
                env,
                *("--skip-client", "--phases", "examples,fuzzing,stateful"),
                *("--versions", f"v3,{newest_version()}"),
            )
    assert result.returncode == 0, result.stdout + result.stderr


def assert_one_clear_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error: "), result.stderr
    assert expected in errors[0]


def test_unreachable_base_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = run_contract(tmp_path, {"HUBSPOT_BASE_URL": url, "HUBSPOT_ACCESS_TOKEN": SECRET})
    assert_one_clear_line(result, "cannot reach")


def test_wrong_token(tmp_path: Path, reference: ReferenceServer) -> None:
    env = {"HUBSPOT_BASE_URL": reference.base_url, "HUBSPOT_ACCESS_TOKEN": SECRET}
    assert_one_clear_line(run_contract(tmp_path, env), "refused the token (401)")


def test_a_bad_contract_properties_file(tmp_path: Path, reference: ReferenceServer) -> None:
    bad = tmp_path / "properties.json"
    bad.write_text('{"results": [{"name": "price"}]}')
    env = {
        "HUBSPOT_BASE_URL": reference.base_url,
        "HUBSPOT_ACCESS_TOKEN": SECRET,
        "HUBSPOT_CONTRACT_PROPERTIES": str(bad),
    }
    assert_one_clear_line(run_contract(tmp_path, env), f"{bad}: results[0]: 'label'")


def test_base_url_that_answers_html(tmp_path: Path) -> None:
    class Html(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>login</html>")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Html)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = run_contract(tmp_path, {"HUBSPOT_BASE_URL": url, "HUBSPOT_ACCESS_TOKEN": SECRET})
    finally:
        server.shutdown()
        server.server_close()
    assert_one_clear_line(result, "text/html")


def test_refuses_to_send_the_token_over_plain_http_to_another_host(tmp_path: Path) -> None:
    env = {"HUBSPOT_BASE_URL": "http://api.example.test", "HUBSPOT_ACCESS_TOKEN": SECRET}
    assert_one_clear_line(run_contract(tmp_path, env), "HUBSPOT_ALLOW_INSECURE_HTTP=1")


def test_a_token_without_every_read_scope_is_no_false_alarm(tmp_path: Path) -> None:
    """A separately started server, as a user's portal is reached (HUBSPOT_BASE_URL, no records
    named), with an ordinary integration's token: line items, and the read scopes of three
    types only."""
    scopes = ["crm.objects.line_items.write", "crm.objects.line_items.read"]
    scopes += [f"crm.objects.{name}.read" for name in ("contacts", "companies", "deals")]
    tokens = tmp_path / "tokens.json"
    tokens.write_text(json.dumps({"ordinary": scopes, "nothing": []}))
    with ReferenceServer(tmp_path / "db.sqlite3", tokens_file=tokens) as server:
        env = {
            "HUBSPOT_BASE_URL": server.base_url,
            "HUBSPOT_ACCESS_TOKEN": "ordinary",
            "HUBSPOT_LIMITED_TOKEN": "nothing",
        }
        result = run_contract(tmp_path / "reports", env, "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "keyed by external_line_item_id values starting 'contract-test-'" in result.stdout
    assert "Skipped, the token lacks their read scope: tickets" in result.stdout
    assert "generated client against the live server: passed" in result.stdout
    assert "hubspot_missing_scopes" in result.stdout
