"""The toolkit installed from a wheel, outside the checkout, works on a folder holding only spec/.

A wheel is built from the checkout's files and installed into a fresh virtualenv: first alone
(the client and its helpers; the server's commands say which extra they need), then with
[testing], whose pytest plugin a user's own test file uses with plain `pytest`, then with the
other extras, after which `serve`, `contract` against that server and `spec-diff` run from a
temporary directory that holds nothing but a copy of spec/. The tests share one virtualenv and
run in this order, so that [testing] is tried before the other extras are there.
"""

import os
import shutil
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hubspot_toolkit.server.process import free_port
from tests.paths import REPO, SPEC_DIR

DISTRIBUTION = "hubspot-crm-contract-toolkit"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600):
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return result


def project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [name for name in listed if (REPO / name).is_file()]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtualenv's bin folder, with the wheel installed (no extras yet)."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    for name in project_files():  # built from a copy, so the checkout gains no build/ folder
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    env = {"PIP_CONSTRAINT": str(REPO / "constraints.txt"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    built = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        work / "dist",
        source,
        cwd=work,
        env=env,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (work / "dist").glob("*.whl")
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / "bin"
    base = run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, cwd=work, env=env)
    assert base.returncode == 0, base.stderr[-3000:]
    yield bin_dir


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    """Where a user runs the toolkit: a copy of spec/ and nothing else."""
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    return tmp_path


def test_the_plain_install_is_the_client_only(installed: Path, user_folder: Path) -> None:
    imported = run(
        installed / "python",
        "-c",
        "import hubspot_toolkit, hubspot_crm_client, sys;"
        "print(sorted(m for m in ('starlette', 'schemathesis', 'yaml') if m in sys.modules))",
        cwd=user_folder,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "[]"
    help_text = run(installed / "hubspot-toolkit", "--help", cwd=user_folder)
    assert help_text.returncode == 0
    for command in ("generate", "check-generated", "serve", "contract", "update-spec", "spec-diff"):
        assert command in help_text.stdout
    serve = run(installed / "hubspot-toolkit", "serve", cwd=user_folder)
    assert serve.returncode == 2
    assert serve.stderr.startswith("error: `hubspot-toolkit serve` needs the [server] extra")
    assert "Traceback" not in serve.stderr


USER_TESTS = """
import asyncio

import httpx
import pytest
from hubspot import HubSpot
from hubspot.crm.line_items import (
    BatchInputSimplePublicObjectBatchInputUpsert,
    SimplePublicObjectBatchInputUpsert,
)
from hubspot_crm_client.api.associations import batch_read_associations
from hubspot_crm_client.models import BatchInputPublicObjectId, PublicObjectId

KEY = "external_line_item_id"
READ = BatchInputPublicObjectId(inputs=[PublicObjectId(id="101")])


@pytest.mark.hubspot(scopes=["crm.objects.deals.read", "crm.objects.line_items.read"])
def test_generated_client_with_a_limited_token(hubspot):
    hubspot.associate("deals", "101", "line_items", ["900", "901"])
    with hubspot.client() as client:
        answer = batch_read_associations.sync("deals", "line_items", client=client, body=READ)

    async def read():
        async with hubspot.client() as client:
            return await batch_read_associations.asyncio(
                "deals", "line_items", client=client, body=READ
            )

    again = asyncio.run(read())
    assert [to.id for to in answer.results[0].to] == ["900", "901"]
    assert [to.id for to in again.results[0].to] == ["900", "901"]
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        write = client.post(
            "/crm/v3/objects/line_items/batch/upsert",
            json={"inputs": []},
            headers={"Authorization": "Bearer " + hubspot.token},
        )
    assert write.status_code == 403


def test_hubspots_sdk_upserts_by_a_unique_property(hubspot_server):
    api = HubSpot(access_token=hubspot_server.token, host=hubspot_server.base_url)
    body = BatchInputSimplePublicObjectBatchInputUpsert(
        inputs=[SimplePublicObjectBatchInputUpsert(id="L-1", id_property=KEY, properties={})]
    )
    first = api.crm.line_items.batch_api.upsert(body)
    again = api.crm.line_items.batch_api.upsert(body)
    assert first.results[0].id == again.results[0].id
    assert list(hubspot_server.line_items(by=KEY)) == ["L-1"]


def test_nothing_leaks_into_the_next_test(hubspot_server):
    assert hubspot_server.line_items() == {}


def test_nothing_leaks_in_process_either(hubspot):
    assert hubspot.line_items() == {} and hubspot.requests() == []
"""


def test_a_users_own_tests_with_the_testing_extra(installed: Path, tmp_path: Path) -> None:
    env = {"PIP_CONSTRAINT": str(REPO / "constraints.txt"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    (wheel,) = (installed.parent.parent / "dist").glob("*.whl")
    extra = run(
        installed / "python",
        "-m",
        "pip",
        "install",
        "-q",
        f"{wheel}[testing]",
        "hubspot-api-client",  # the user's own dependency, for their SDK-based code
        cwd=tmp_path,
        env=env,
    )
    assert extra.returncode == 0, extra.stderr[-3000:]
    (tmp_path / "test_my_integration.py").write_text(USER_TESTS)
    # Plain pytest, as a user runs it: whatever steers this run's pytest must not steer it.
    quiet = {"PYTEST_ADDOPTS": "", "PYTEST_PLUGINS": "", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": ""}
    tests = run(installed / "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path, env=quiet)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert "4 passed" in tests.stdout


def test_serve_contract_and_spec_diff_from_a_folder_with_only_spec(
    installed: Path, user_folder: Path
) -> None:
    env = {"PIP_CONSTRAINT": str(REPO / "constraints.txt"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    (wheel,) = (installed.parent.parent / "dist").glob("*.whl")
    extras = run(
        installed / "python",
        "-m",
        "pip",
        "install",
        "-q",
        f"{wheel}[contract,codegen]",
        cwd=user_folder,
        env=env,
    )
    assert extras.returncode == 0, extras.stderr[-3000:]

    port = free_port()
    # Its log goes to a file: a pipe nobody reads fills up, and the server then blocks.
    log = user_folder / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [installed / "hubspot-toolkit", "serve", "--port", str(port), "--db", "var/db.sqlite3"],
            cwd=user_folder,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_serving(base_url, server, log)
        contract = run(
            installed / "hubspot-toolkit",
            "contract",
            "--seed",
            "3",
            "--max-examples",
            "5",
            cwd=user_folder,
            env={
                "HUBSPOT_BASE_URL": base_url,
                "HUBSPOT_ACCESS_TOKEN": "dev-token",
                "HUBSPOT_CONTRACT_RATE_LIMIT": "1000/s",
            },
        )
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert contract.returncode == 0, contract.stdout[-3000:] + contract.stderr[-2000:]
    assert "PASSED" in contract.stdout
    assert "generated client against the live server: passed" in contract.stdout
    assert (user_folder / "reports" / "contract-junit.xml").is_file()

    upsert = user_folder / "spec" / "line-items-batch-upsert.yaml"
    diff = run(
        installed / "hubspot-toolkit",
        "spec-diff",
        "--old",
        upsert,
        "--new",
        upsert,
        cwd=user_folder,
    )
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
