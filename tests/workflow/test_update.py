"""make update-spec: import an upstream-shaped document, repair it, merge only what it means."""

import difflib
import hashlib
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from hubspot_toolkit.workflow.codegen.generate import PACKAGE_NAME, generate
from tests.paths import SPEC_DIR, TOOLKIT
from tests.workflow.upstream import UPSERT_PATH, upstream_from, write

UPSERT_FILE = "line-items-batch-upsert.yaml"


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    return tmp_path / "spec"


def digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.iterdir()))).hexdigest()


def update(spec_dir: Path, upstream: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOOLKIT, "update-spec", str(upstream), "--spec-dir", str(spec_dir)],
        capture_output=True,
        text=True,
        check=False,
    )


def upstream(spec_dir: Path) -> dict[str, Any]:
    return upstream_from(spec_dir / UPSERT_FILE)


def test_noise_only_changes_nothing_and_repairs_are_reported(
    spec_dir: Path, tmp_path: Path
) -> None:
    before = digest(spec_dir)
    result = update(spec_dir, write(upstream(spec_dir), tmp_path / "up.json", as_json=True))
    assert result.returncode == 0, result.stderr
    assert digest(spec_dir) == before
    for repair in (
        "`example: null`",
        "`*/*` content as application/json",
        "string example from an object schema",
        "apiKey scheme 'private-app' by HTTP bearer",
        "kept: our operationId 'batch_upsert_line_items'",
        "no change",
    ):
        assert repair in result.stdout


def test_a_gained_response_field_changes_exactly_that(spec_dir: Path, tmp_path: Path) -> None:
    original = (spec_dir / UPSERT_FILE).read_text()
    other_before = (spec_dir / "associations-batch-read.yaml").read_text()
    document = upstream(spec_dir)
    document["components"]["schemas"]["SimplePublicUpsertObject"]["properties"]["hs_tax"] = {
        "type": "string",
        "example": None,
    }
    source = write(document, tmp_path / "up.yaml")
    assert update(spec_dir, source).returncode == 0
    changed = (spec_dir / UPSERT_FILE).read_text()
    diff = list(difflib.unified_diff(original.splitlines(), changed.splitlines(), lineterm="", n=0))
    removed = Counter(line[1:] for line in diff[2:] if line.startswith("-"))
    # the names that now mean something else than in 2026-03 are filed as <Name>_v3 (names.py)
    added = Counter(
        line[1:].replace("_v3'", "'").replace("_v3:", ":")
        for line in diff[2:]
        if line.startswith("+")
    )
    assert removed - added == Counter()
    assert list((added - removed).elements()) == ["        hs_tax:", "          type: string"]
    assert (spec_dir / "associations-batch-read.yaml").read_text() == other_before
    # importing the same document again changes nothing
    again = update(spec_dir, source)
    assert again.returncode == 0 and "no change" in again.stdout
    assert (spec_dir / UPSERT_FILE).read_text() == changed


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("just: a mapping\n", "not an OpenAPI document"),
        ("openapi: 3.0.3\npaths: {}\n", "has none of our operations"),
        ("{not yaml: [", "neither JSON nor YAML"),
    ],
)
def test_bad_input_is_one_clear_error_and_spec_untouched(
    spec_dir: Path, tmp_path: Path, content: str, expected: str
) -> None:
    before = digest(spec_dir)
    (tmp_path / "bad.yaml").write_text(content)
    result = update(spec_dir, tmp_path / "bad.yaml")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and expected in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(spec_dir) == before


def test_a_ref_that_resolves_nowhere_is_named(spec_dir: Path, tmp_path: Path) -> None:
    before = digest(spec_dir)
    document = upstream(spec_dir)
    document["paths"][UPSERT_PATH]["post"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ] = {"$ref": "#/components/schemas/Nowhere"}
    result = update(spec_dir, write(document, tmp_path / "up.yaml"))
    assert result.returncode == 1
    assert "#/components/schemas/Nowhere" in result.stderr and "resolves nowhere" in result.stderr
    assert digest(spec_dir) == before


def spec_diff(old: Path, new: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOOLKIT, "spec-diff", "--old", str(old), "--new", str(new)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_end_to_end_update_generate_diff(spec_dir: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    shutil.copyfile(spec_dir / UPSERT_FILE, old)
    # upstream gains a response field → update-spec → generate → the client has it
    document = upstream(spec_dir)
    document["components"]["schemas"]["SimplePublicUpsertObject"]["properties"]["hs_tax"] = {
        "type": "string"
    }
    assert update(spec_dir, write(document, tmp_path / "up.yaml")).returncode == 0
    package = generate(spec_dir, tmp_path / "generated")
    # filed as SimplePublicUpsertObject_v3: 2026-03's SimplePublicUpsertObject has no hs_tax
    model = (package / "models" / "simple_public_upsert_object_v3.py").read_text()
    assert "hs_tax: str | Unset" in model
    assert package.name == PACKAGE_NAME
    report = spec_diff(old, spec_dir / UPSERT_FILE)
    assert "response-property-added" in report.stdout
    # the field itself is compatible; the class it is generated into is renamed, which is not
    # (two files: whether the class is gone from the client is spec/'s to say, and it is not)
    assert report.returncode == 1 and "breaking changes (model-renamed)" in report.stderr
    assert "model-renamed at components.schemas.SimplePublicUpsertObject " in report.stdout
    # upstream then drops a response field → a breaking report naming the rule
    del document["components"]["schemas"]["SimplePublicUpsertObject"]["properties"]["url"]
    assert update(spec_dir, write(document, tmp_path / "up.yaml")).returncode == 0
    report = spec_diff(old, spec_dir / UPSERT_FILE)
    assert report.returncode == 1 and "response-property-removed" in report.stdout
