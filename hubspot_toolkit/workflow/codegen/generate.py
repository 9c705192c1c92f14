"""Run openapi-python-client on the bundled spec, into a temporary folder, then swap.

generated/ is only ever replaced whole, after a generation that succeeded, so a broken spec
or a failing generator leaves it exactly as it was.
"""

import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hubspot_toolkit.errors import HubSpotToolkitError, SpecError
from hubspot_toolkit.spec.bundle import bundle_spec_dir

PACKAGE_NAME = "hubspot_crm_client"
BUNDLED_SPEC_NAME = "openapi.json"
CONFIG_FILE = Path(__file__).with_name("openapi-python-client.yaml")


class GenerationError(HubSpotToolkitError):
    """The generator itself failed; the message carries its output."""


def _generator_env() -> dict[str, str]:
    # The generator's post hooks call `ruff`; use the pinned one beside this interpreter.
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def _generator_command() -> list[str]:
    executable = Path(sys.executable).parent / "openapi-python-client"
    return [str(executable)] if executable.exists() else ["openapi-python-client"]


def render(spec_dir: Path, work_dir: Path) -> Path:
    """Generate the client package for spec_dir inside work_dir; return the package folder."""
    bundle = bundle_spec_dir(spec_dir)
    work_dir = work_dir.resolve()
    bundle_file = work_dir / BUNDLED_SPEC_NAME
    bundle_file.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", "utf-8")
    package_dir = work_dir / PACKAGE_NAME
    command = [
        *_generator_command(),
        "generate",
        "--path",
        str(bundle_file),
        "--meta",
        "none",
        "--config",
        str(CONFIG_FILE),
        "--output-path",
        str(package_dir),
        "--fail-on-warning",
    ]
    try:
        result = subprocess.run(
            command, cwd=work_dir, env=_generator_env(), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise GenerationError("openapi-python-client is not installed; run `make setup`") from None
    if result.returncode != 0 or not package_dir.is_dir():
        output = (result.stdout + result.stderr).strip()
        raise GenerationError(f"openapi-python-client failed:\n{output}")
    # Shipped with the client so that it can check responses against the very spec it was
    # generated from (hubspot_toolkit.client.strict).
    shutil.copyfile(bundle_file, package_dir / BUNDLED_SPEC_NAME)
    # PEP 561: the client is typed; mypy users of an installed copy need the marker.
    (package_dir / "py.typed").write_text("", "utf-8")
    return package_dir


def _files(root: Path) -> set[str]:
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths of files that differ, are missing from actual, or are extra in it."""
    want, have = _files(expected), _files(actual)
    changed = [
        name
        for name in sorted(want & have)
        if not filecmp.cmp(expected / name, actual / name, shallow=False)
    ]
    missing = [f"{name} (missing)" for name in sorted(want - have)]
    extra = [f"{name} (not generated from spec/)" for name in sorted(have - want)]
    return changed + missing + extra


def generate(spec_dir: Path, output_dir: Path) -> Path:
    """Regenerate output_dir/hubspot_crm_client from spec_dir; swap in only on success."""
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / PACKAGE_NAME
    with tempfile.TemporaryDirectory(prefix=".generate-", dir=output_dir) as work:
        fresh = render(spec_dir, Path(work))
        old = Path(work) / "previous"
        if target.exists():
            target.rename(old)
        try:
            fresh.rename(target)
        except OSError:
            if old.exists():
                old.rename(target)
            raise
    return target


def check(spec_dir: Path, output_dir: Path) -> list[str]:
    """Files of output_dir/hubspot_crm_client that differ from what spec_dir generates."""
    with tempfile.TemporaryDirectory(prefix="hubspot-generate-check-") as work:
        fresh = render(spec_dir, Path(work))
        return differences(fresh, output_dir / PACKAGE_NAME)


__all__ = ["GenerationError", "SpecError", "check", "differences", "generate", "render"]
