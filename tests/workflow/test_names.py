"""An import writes its own document only, and keeps HubSpot's component names.

Fixtures are our own spec/ made HubSpot-shaped (tests/workflow/upstream.py), then changed the
way HubSpot's history changed them: `StandardError.category` was an object (`ErrorCategory`:
`name`, `httpStatus`) in HubSpot's 2023 documents and a string since.
"""

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from hubspot_toolkit.spec.bundle import bundle_spec_dir
from tests.paths import SPEC_DIR, TOOLKIT
from tests.workflow.upstream import UPSERT_PATH, upstream_from, write

READ_PATH = "/crm/v3/associations/{fromObjectType}/{toObjectType}/batch/read"
READ_FILE = "associations-batch-read.yaml"
UPSERT_FILE = "line-items-batch-upsert.yaml"
EXAMPLE_207 = f"paths.{READ_PATH}.post.responses.207.content.application/json.example"
ERROR_CATEGORY = {
    "type": "object",
    "required": ["httpStatus", "name"],
    "properties": {
        "name": {"type": "string"},
        "httpStatus": {"type": "string", "enum": ["BAD_REQUEST", "NOT_FOUND", "OK"]},
    },
}


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    return tmp_path / "spec"


def update(spec_dir: Path, document: dict[str, Any], tmp_path: Path) -> str:
    source = write(document, tmp_path / "upstream.json", as_json=True)
    result = subprocess.run(
        [*TOOLKIT, "update-spec", str(source), "--spec-dir", str(spec_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def associations(spec_dir: Path, category: str) -> dict[str, Any]:
    """HubSpot's v3 associations document as spec/ is, with StandardError.category as a
    `string`, an object `named` ErrorCategory, or an `inline` object."""
    document = upstream_from(spec_dir / READ_FILE, READ_PATH)
    schemas = document["components"]["schemas"]
    if category == "named":
        schemas["ErrorCategory"] = copy.deepcopy(ERROR_CATEGORY)
        schemas["StandardError"]["properties"]["category"] = {
            "$ref": "#/components/schemas/ErrorCategory"
        }
    elif category == "inline":
        schemas["StandardError"]["properties"]["category"] = copy.deepcopy(ERROR_CATEGORY)
    return document


def loaded(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


@pytest.mark.parametrize("shape", ["named", "inline"])
def test_a_field_that_flips_object_string_object(
    spec_dir: Path, tmp_path: Path, shape: str
) -> None:
    original = files(spec_dir)
    as_string = associations(spec_dir, "string")
    as_object = associations(spec_dir, shape)

    report = update(spec_dir, as_object, tmp_path)
    bundle_spec_dir(spec_dir)  # valid, and one meaning per name across spec/
    # our 207 example says category: OBJECT_NOT_FOUND, a string: dropped, not left invalid
    assert f"dropped: the example at {EXAMPLE_207}" in report
    object_once = files(spec_dir)
    # only the imported document changed; the others are byte for byte as they were
    assert {name for name in original if object_once[name] != original[name]} == {READ_FILE}
    schemas = loaded(spec_dir / READ_FILE)["components"]["schemas"]
    assert "StandardError" not in schemas  # the other documents' name keeps their meaning
    category = schemas["StandardError_v3"]["properties"]["category"]
    if shape == "named":
        assert category == {"$ref": "#/components/schemas/ErrorCategory"}
        assert schemas["ErrorCategory"]["required"] == ["httpStatus", "name"]
    else:
        assert category["type"] == "object" and "ErrorCategory" not in schemas

    # back to a string: no `required: []` left behind, and the document is what it was, but
    # for the example the object shape invalidated
    update(spec_dir, as_string, tmp_path)
    now = files(spec_dir)
    assert {name for name in original if now[name] != original[name]} == {READ_FILE}
    expected = yaml.safe_load(original[READ_FILE])
    del expected["paths"][READ_PATH]["post"]["responses"]["207"]["content"]["application/json"][
        "example"
    ]
    assert loaded(spec_dir / READ_FILE) == expected
    text = (spec_dir / READ_FILE).read_text()
    assert "required: []" not in text and "ErrorCategory" not in text and "_v3" not in text

    # and an object again: the same document as the first time
    update(spec_dir, as_object, tmp_path)
    assert files(spec_dir) == object_once


def test_a_v3_change_leaves_the_dated_documents_byte_for_byte(
    spec_dir: Path, tmp_path: Path
) -> None:
    original = files(spec_dir)
    document = upstream_from(spec_dir / UPSERT_FILE)
    schemas = document["components"]["schemas"]
    schemas["BatchStatus"]["enum"].append("FAILED")
    for name in (
        "BatchResponseSimplePublicUpsertObject",
        "BatchResponseSimplePublicUpsertObjectWithErrors",
    ):
        schemas[name]["properties"]["status"] = {"$ref": "#/components/schemas/BatchStatus"}
    report = update(spec_dir, document, tmp_path)
    assert "filed here as BatchStatus_v3" in report
    bundle_spec_dir(spec_dir)
    now = files(spec_dir)
    for name in original:
        if name != UPSERT_FILE:
            assert now[name] == original[name], f"{name} changed"
    ours = loaded(spec_dir / UPSERT_FILE)["components"]["schemas"]
    assert "FAILED" in ours["BatchStatus_v3"]["enum"] and "BatchStatus" not in ours
    # what refers to the new meaning is filed too: the 2026-03 client keeps its classes
    response = ours["BatchResponseSimplePublicUpsertObject_v3"]
    assert response["properties"]["status"] == {"$ref": "#/components/schemas/BatchStatus_v3"}
    assert "FAILED" not in (spec_dir / "line-items-batch-upsert-2026-03.yaml").read_text()
    # the same document again changes nothing
    assert "no change" in update(spec_dir, document, tmp_path)
    assert files(spec_dir) == now


def test_a_new_component_is_kept_by_name(spec_dir: Path, tmp_path: Path) -> None:
    document = upstream_from(spec_dir / UPSERT_FILE)
    schemas = document["components"]["schemas"]
    schemas["PublicObjectNotice"] = {
        "type": "object",
        "required": ["message"],
        "properties": {"message": {"type": "string"}, "code": {"type": "string"}},
    }
    schemas["SimplePublicUpsertObject"]["properties"]["notices"] = {
        "type": "array",
        "items": {"$ref": "#/components/schemas/PublicObjectNotice"},
    }
    report = update(spec_dir, document, tmp_path)
    assert "added components.schemas.PublicObjectNotice from upstream" in report
    bundle_spec_dir(spec_dir)
    ours = loaded(spec_dir / UPSERT_FILE)["components"]["schemas"]
    assert ours["PublicObjectNotice"]["required"] == ["message"]
    notices = ours["SimplePublicUpsertObject_v3"]["properties"]["notices"]
    assert notices["items"] == {"$ref": "#/components/schemas/PublicObjectNotice"}


def test_a_v3_document_never_rewrites_another_version(spec_dir: Path, tmp_path: Path) -> None:
    """HubSpot's v3 line items document once published 2025-09's upsert beside v3's."""
    original = files(spec_dir)
    document = upstream_from(spec_dir / UPSERT_FILE)
    dated = "/crm/objects/2026-03/line_items/batch/upsert"
    document["paths"][dated] = copy.deepcopy(document["paths"][UPSERT_PATH])
    # meaning what spec/ says for 2026-03: imported, the 2026-03 document left alone
    assert "no change" in update(spec_dir, document, tmp_path)
    assert files(spec_dir) == original

    # meaning something else: refused in one line, spec/ untouched
    schemas = document["components"]["schemas"]
    schemas["SimplePublicUpsertObject"]["properties"]["hs_tax"] = {"type": "string"}
    source = write(document, tmp_path / "upstream.json", as_json=True)
    result = subprocess.run(
        [*TOOLKIT, "update-spec", str(source), "--spec-dir", str(spec_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith("error: ") and "would rewrite line-items-batch-upsert-2026-03" in first
    assert "Traceback" not in result.stderr
    assert files(spec_dir) == original
