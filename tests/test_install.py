"""The toolkit installed from a wheel, outside the checkout, works on a folder holding only spec/.

A wheel is built from the checkout's files and installed into a fresh virtualenv: first alone
(the client and its helpers; the server's commands say which extra they need), then with the
extras, after which `serve`, `contract` against that server and `spec-diff` run from a
temporary directory that holds nothing but a copy of spec/.
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
