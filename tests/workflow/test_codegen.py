"""spec/ → generated/: drift is caught, and a broken spec never touches generated/."""

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hubspot_toolkit.workflow.codegen.generate import PACKAGE_NAME, check
from tests.paths import GENERATED, SPEC_DIR, TOOLKIT


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_generated_is_what_spec_generates() -> None:
    drifted = check(SPEC_DIR, GENERATED)
    assert not drifted, (
        "generated/ drifted from spec/; run `make generate` (never edit generated/ by hand). "
        "Files that differ: " + ", ".join(drifted)
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of spec/ and generated/ that tests may break."""
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    shutil.copytree(GENERATED, tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def run_codegen(workspace: Path, command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOOLKIT, command, "--spec-dir", "spec", "--output-dir", "generated"],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=False,
    )


def test_hand_edit_is_reported_as_drift(workspace: Path) -> None:
    edited = workspace / "generated" / PACKAGE_NAME / "models" / "public_object_id.py"
    edited.write_text(edited.read_text() + "# a hand edit\n")
    result = run_codegen(workspace, "check-generated")
    assert result.returncode == 1
    assert "drifted" in result.stderr
    assert "models/public_object_id.py" in result.stderr


def drop_url_everywhere(workspace: Path) -> None:
    """Remove SimplePublicUpsertObject.url from every document sharing it (v3 and 2026-03)."""
    for spec in (workspace / "spec").glob("line-items-batch-upsert*.yaml"):
        text = spec.read_text()
        assert "        url:\n          type: string\n" in text, spec
        spec.write_text(text.replace("        url:\n          type: string\n", "", 1))


def test_spec_change_without_regeneration_is_reported(workspace: Path) -> None:
    drop_url_everywhere(workspace)
    result = run_codegen(workspace, "check-generated")
    assert result.returncode == 1
    assert "simple_public_upsert_object.py" in result.stderr


def test_generate_then_check_agrees(workspace: Path) -> None:
    drop_url_everywhere(workspace)
    assert run_codegen(workspace, "generate").returncode == 0
    assert (
        "url"
        not in (
            workspace / "generated" / PACKAGE_NAME / "models" / "simple_public_upsert_object.py"
        ).read_text()
    )
    assert run_codegen(workspace, "check-generated").returncode == 0
    assert not list((workspace / "generated").glob(".generate-*")), "temporary folder left behind"


BREAKAGES = {
    "yaml syntax": (
        "associations-batch-read.yaml",
        "      operationId: batch_read_associations\n",
        "      operationId: [batch_read_associations\n",
        r"associations-batch-read\.yaml: line \d+, column \d+: not valid YAML",
    ),
    "invalid openapi": (
        "line-items-batch-upsert.yaml",
        "          description: Every input was created or updated.\n",
        "",
        r"line-items-batch-upsert\.yaml: line \d+, at paths\./crm/v3/objects/line_items/batch/"
        r"upsert\.post\.responses\.200: invalid OpenAPI: 'description' is a required property",
    ),
    "shared component disagrees": (
        "line-items-batch-upsert.yaml",
        "      enum: [CANCELED, COMPLETE, PENDING, PROCESSING]\n",
        "      enum: [CANCELED, COMPLETE, PENDING]\n",
        r"line-items-batch-upsert\.yaml: line \d+, at components\.schemas\.BatchStatus\.enum\[3\]: "
        r"disagrees with .*associations-batch-read\.yaml",
    ),
    "not openapi": (
        "associations-batch-read.yaml",
        "openapi: 3.0.3\n",
        "swagger: '2.0'\n",
        "not an OpenAPI document",
    ),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_broken_spec_stops_generation_and_leaves_generated_untouched(
    workspace: Path, breakage: str
) -> None:
    file_name, old, new, expected = BREAKAGES[breakage]
    spec = workspace / "spec" / file_name
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new, 1))
    before = tree_digest(workspace / "generated")

    result = run_codegen(workspace, "generate")

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("error: ")
    assert re.search(expected, result.stderr), result.stderr
    assert "left untouched" in result.stderr
    assert tree_digest(workspace / "generated") == before


def test_generate_never_imports_the_generated_operations() -> None:
    """A half-written or hand-broken generated/ must not stop `generate` from replacing it:
    the command line imports no generated operation or model before it runs."""
    probe = (
        "import sys; from hubspot_toolkit.cli.main import parser; "
        "parser().parse_args(['generate']); "
        "print(sorted(m for m in sys.modules if m.startswith(('hubspot_crm_client.api', "
        "'hubspot_crm_client.models'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
