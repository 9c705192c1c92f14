"""The toolkit installed from a wheel, outside the checkout, works on a folder holding only spec/.

The wheel is the session's shared one (tests/wheel.py, built once per run). A plain install of
it (no extras) is the client alone, and the server's commands say which extra they need. With
every extra, `serve` starts in an empty folder with no --spec-dir, and `contract --spec-dir`
and `spec-diff` run from a folder that is not a checkout. The pytest plugin in a user's new
project is a journey of its own: tests/journeys/test_plugin.py.
"""

import re
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from hubspot_toolkit.server.process import free_port
from tests.paths import SPEC_DIR
from tests.wheel import Installed, make_venv, run, user_environment


@pytest.fixture(scope="module")
def plain(installed_toolkit: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv's bin folder, with the wheel installed and no extras."""
    return make_venv(tmp_path_factory.mktemp("plain") / "venv", installed_toolkit.wheel)


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    """Where a user runs the toolkit: a copy of spec/ and nothing else."""
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    return tmp_path


def test_the_plain_install_is_the_client_only(plain: Path, user_folder: Path) -> None:
    imported = run(
        plain / "python",
        "-c",
        "import hubspot_toolkit, hubspot_crm_client, sys;"
        "print(sorted(m for m in ('starlette', 'schemathesis', 'yaml') if m in sys.modules))",
        cwd=user_folder,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "[]"
    help_text = run(plain / "hubspot-toolkit", "--help", cwd=user_folder)
    assert help_text.returncode == 0
    for command in ("generate", "check-generated", "serve", "contract", "update-spec", "spec-diff"):
        assert command in help_text.stdout
    serve = run(plain / "hubspot-toolkit", "serve", cwd=user_folder)
    assert serve.returncode == 2
    assert serve.stderr.startswith("error: `hubspot-toolkit serve` needs the [server] extra")
    assert "Traceback" not in serve.stderr


def test_serve_contract_and_spec_diff_outside_a_checkout(
    installed_toolkit: Installed, user_folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`serve` in a folder without spec/ and no --spec-dir serves the spec the wheel carries;
    `contract --spec-dir DIR` from a folder that is not a checkout reaches every part of the
    suite (issue 24: `error: spec: no such directory`, rc 2, where HUBSPOT_SPEC_DIR worked)."""
    toolkit = installed_toolkit / "hubspot-toolkit"
    empty = tmp_path_factory.mktemp("empty")
    port = free_port()
    # Its log goes to a file: a pipe nobody reads fills up, and the server then blocks.
    log = empty / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [toolkit, "serve", "--port", str(port), "--db", "var/db.sqlite3"],
            cwd=empty,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=user_environment(),
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_serving(base_url, server, log)
        contract = run(
            toolkit,
            "contract",
            "--spec-dir",
            user_folder / "spec",
            "--seed",
            "3",
            "--max-examples",
            "5",
            "--versions",  # the wiring is the point here: `make contract` covers every version
            "v3,2026-09",
            cwd=empty,
            env=user_environment(
                HUBSPOT_BASE_URL=base_url,
                HUBSPOT_ACCESS_TOKEN="dev-token",
                HUBSPOT_CONTRACT_RATE_LIMIT="1000/s",
            ),
        )
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert contract.returncode == 0, contract.stdout[-3000:] + contract.stderr[-2000:]
    assert "PASSED" in contract.stdout
    assert "generated client against the live server: passed" in contract.stdout
    assert (empty / "reports" / "contract-junit.xml").is_file()
    # green: a one-line tally, not a line per operation and check
    assert re.search(r"^\d+ checks passed \(", contract.stdout, re.M), contract.stdout
    assert not re.search(r"  passed \d+$", contract.stdout, re.MULTILINE), contract.stdout
    assert "the one this toolkit was built with" in log.read_text()

    upsert = user_folder / "spec" / "line-items-batch-upsert.yaml"
    diff = run(toolkit, "spec-diff", "--old", upsert, "--new", upsert, cwd=user_folder)
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.strip()


def wait_until_serving(base_url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise AssertionError(f"serve exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            httpx.get(base_url, timeout=0.2)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("serve did not listen within 30 s")
