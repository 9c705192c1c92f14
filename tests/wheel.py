"""The toolkit as a user installs it: a wheel built from the checkout's files, installed with
every extra into a fresh virtualenv outside the checkout. Built once per test run, however many
pytest-xdist workers ask: the first takes a file lock in the base temp folder the workers
share and builds; the others wait on the lock, then find it built (tests/conftest.py's
`installed_toolkit` fixture).
"""

import fcntl
import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.paths import REPO

# pip as the Makefile runs it: pinned versions, no version check.
PIP_ENV = {"PIP_CONSTRAINT": str(REPO / "constraints.txt"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
# What the journeys use: the pytest plugin, the server and the suite, the spec workflow; and a
# user's own dependency (HubSpot's SDK, for their SDK-based code).
EXTRAS = "testing,contract,codegen"
USER_PACKAGES = ("hubspot-api-client",)


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path  # the virtualenv's bin folder: python, pytest, hubspot-toolkit, hubspot-bulk

    def __truediv__(self, name: str) -> Path:
        return self.bin / name


def run(
    *command: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """`command` in `cwd`, with `env` as its whole environment (default: this process's)."""
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=dict(os.environ) if env is None else env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def user_environment(**extra: str) -> dict[str, str]:
    """The environment a user's shell has: none of this run's HUBSPOT_* or pytest settings."""
    kept = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HUBSPOT_", "PYTEST_", "PIP_CONSTRAINT", "VIRTUAL_ENV"))
    }
    return {**kept, **extra}


def project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [name for name in listed if (REPO / name).is_file()]


def build_wheel(work: Path) -> Path:
    source = work / "source"
    for name in project_files():  # built from a copy, so the checkout gains no build/ folder
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    command = (sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist")
    built = run(*command, source, cwd=work, env={**os.environ, **PIP_ENV})
    assert built.returncode == 0, built.stderr[-3000:]
    shutil.rmtree(source)
    (wheel,) = (work / "dist").glob("*.whl")
    return wheel


def make_venv(folder: Path, *requirements: str | Path) -> Path:
    """A fresh virtualenv holding `requirements`; its bin folder."""
    venv.create(folder, with_pip=True)
    bin_dir = folder / "bin"
    # no .pyc compiled at install time: Python compiles what a test imports, when it imports it
    pip = (bin_dir / "python", "-m", "pip", "install", "-q", "--no-compile")
    installed = run(*pip, *requirements, cwd=folder, env={**os.environ, **PIP_ENV})
    assert installed.returncode == 0, installed.stderr[-3000:]
    return bin_dir


@contextmanager
def _locked(lock: Path) -> Iterator[None]:
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def installed_once(shared: Path) -> Installed:
    """The wheel and its full virtualenv under `shared`, built by whichever caller comes first."""
    work = shared / "toolkit-installed"
    ready = work / "ready.json"
    with _locked(shared / "toolkit-installed.lock"):
        if not ready.exists():
            shutil.rmtree(work, ignore_errors=True)  # a build that failed halfway
            work.mkdir()
            wheel = build_wheel(work)
            bin_dir = make_venv(work / "venv", f"{wheel}[{EXTRAS}]", *USER_PACKAGES)
            ready.write_text(json.dumps({"wheel": str(wheel), "bin": str(bin_dir)}))
    paths = json.loads(ready.read_text())
    return Installed(Path(paths["wheel"]), Path(paths["bin"]))
