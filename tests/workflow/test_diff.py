"""One fixture pair per diff rule, built by changing our own spec in one place."""

import copy
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from hubspot_toolkit.spec.bundle import bundle_documents
from hubspot_toolkit.spec.versions import versioned
from hubspot_toolkit.workflow.diff.compare import compare
from hubspot_toolkit.workflow.diff.rules import RULES, Impact
from hubspot_toolkit.workflow.update.names import rename
from tests.paths import SPEC_DIR, TOOLKIT

UPSERT_FILE = SPEC_DIR / "line-items-batch-upsert.yaml"
READ_FILE = SPEC_DIR / "associations-batch-read.yaml"
UPSERT_PATH = "/crm/v3/objects/line_items/batch/upsert"
Doc = dict[str, Any]


def load(path: Path) -> Doc:
    return dict(yaml.safe_load(path.read_text()))


def with_enum(values: list[str]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc["components"]["schemas"]["SimplePublicObjectBatchInputUpsert"]["properties"][
            "idProperty"
        ]["enum"] = values

    return change


# rule -> (file, change to the old side or None, change to the new side)
def move_to_version(document: Doc, version: str) -> None:
    item = document["paths"].pop(UPSERT_PATH)
    item["post"]["operationId"] = versioned(item["post"]["operationId"], version)
    document["paths"][f"/crm/objects/{version}/line_items/batch/upsert"] = item


CASES: dict[str, tuple[Path, Callable[[Doc], None] | None, Callable[[Doc], None]]] = {
    "operation-removed": (UPSERT_FILE, None, lambda d: d["paths"].clear()),
    "operation-added": (
        UPSERT_FILE,
        None,
        lambda d: d["paths"].__setitem__(
            "/crm/v3/objects/line_items/batch/create",
            {"post": {**copy.deepcopy(d["paths"][UPSERT_PATH]["post"]), "operationId": "create"}},
        ),
    ),
    # the same operation in another API version: another path, a versioned operationId
    "path-changed": (UPSERT_FILE, None, lambda d: move_to_version(d, "2026-03")),
    "operation-id-changed": (
        UPSERT_FILE,
        None,
        lambda d: d["paths"][UPSERT_PATH]["post"].__setitem__("operationId", "upsert_v2"),
    ),
    "security-scopes-added": (
        UPSERT_FILE,
        None,
        lambda d: d["paths"][UPSERT_PATH]["post"].__setitem__(
            "security", [{"oauth2": ["crm.objects.line_items.write", "crm.objects.deals.read"]}]
        ),
    ),
    "security-scopes-removed": (
        UPSERT_FILE,
        None,
        lambda d: d["paths"][UPSERT_PATH]["post"]["security"].append({"oauth2": []}),
    ),
    "path-parameter-changed": (
        READ_FILE,
        None,
        lambda d: d["components"]["schemas"]["ObjectType"].__setitem__("maxLength", 10),
    ),
    "request-property-added-required": (
        UPSERT_FILE,
        None,
        lambda d: (
            d["components"]["schemas"]["SimplePublicObjectBatchInputUpsert"][
                "properties"
            ].__setitem__("currency", {"type": "string"}),
            d["components"]["schemas"]["SimplePublicObjectBatchInputUpsert"]["required"].append(
                "currency"
            ),
        ),
    ),
    "request-property-added": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicObjectBatchInputUpsert"][
            "properties"
        ].__setitem__("currency", {"type": "string"}),
    ),
    "request-property-removed": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicObjectBatchInputUpsert"][
            "properties"
        ].pop("objectWriteTraceId"),
    ),
    "request-property-became-required": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicObjectBatchInputUpsert"][
            "required"
        ].append("idProperty"),
    ),
    "request-property-became-optional": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicObjectBatchInputUpsert"][
            "required"
        ].remove("properties"),
    ),
    "request-type-changed": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicObjectBatchInputUpsert"]["properties"][
            "idProperty"
        ].__setitem__("type", "integer"),
    ),
    "request-enum-value-removed": (
        UPSERT_FILE,
        with_enum(["hs_sku", "ext"]),
        with_enum(["hs_sku"]),
    ),
    "request-enum-value-added": (UPSERT_FILE, with_enum(["hs_sku"]), with_enum(["hs_sku", "ext"])),
    "request-max-items-decreased": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["BatchInputSimplePublicObjectBatchInputUpsert"][
            "properties"
        ]["inputs"].__setitem__("maxItems", 50),
    ),
    "request-max-items-increased": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["BatchInputSimplePublicObjectBatchInputUpsert"][
            "properties"
        ]["inputs"].__setitem__("maxItems", 200),
    ),
    "response-status-removed": (
        UPSERT_FILE,
        None,
        lambda d: d["paths"][UPSERT_PATH]["post"]["responses"].pop("207"),
    ),
    "response-status-added": (
        UPSERT_FILE,
        None,
        lambda d: d["paths"][UPSERT_PATH]["post"]["responses"].__setitem__(
            "409", {"$ref": "#/components/responses/BadRequest"}
        ),
    ),
    "response-property-removed": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicUpsertObject"]["properties"].pop("url"),
    ),
    "response-property-became-optional": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicUpsertObject"]["required"].remove(
            "archived"
        ),
    ),
    "response-property-added": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicUpsertObject"]["properties"].__setitem__(
            "hs_tax", {"type": "string"}
        ),
    ),
    "response-property-became-required": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicUpsertObject"]["required"].append("url"),
    ),
    "response-type-changed": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["SimplePublicUpsertObject"]["properties"][
            "updatedAt"
        ].__setitem__("format", "date"),
    ),
    "response-enum-value-added": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["BatchStatus"]["enum"].append("FAILED"),
    ),
    "response-enum-value-removed": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"]["BatchStatus"]["enum"].remove("PENDING"),
    ),
    "response-media-type-changed": (
        UPSERT_FILE,
        None,
        lambda d: d["paths"][UPSERT_PATH]["post"]["responses"]["200"].__setitem__(
            "content",
            {
                "application/hal+json": d["paths"][UPSERT_PATH]["post"]["responses"]["200"][
                    "content"
                ]["application/json"]
            },
        ),
    ),
    # a version's own meaning filed under a versioned name: the generated class is renamed
    "model-renamed": (
        UPSERT_FILE,
        None,
        lambda d: rename(d, "schemas", "StandardError", "StandardError_v3"),
    ),
    "model-removed": (
        UPSERT_FILE,
        lambda d: d["components"]["schemas"].__setitem__("Retired", {"type": "object"}),
        lambda d: d["components"]["schemas"].pop("Retired"),
    ),
    "model-added": (
        UPSERT_FILE,
        None,
        lambda d: d["components"]["schemas"].__setitem__("Arrived", {"type": "object"}),
    ),
}


def pair(rule: str) -> tuple[Doc, Doc]:
    path, old_change, new_change = CASES[rule]
    old = load(path)
    if old_change:
        old_change(old)
    new = copy.deepcopy(old)
    new_change(new)
    return old, new


def test_every_rule_has_a_fixture_pair() -> None:
    assert sorted(CASES) == sorted(RULES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_is_detected_with_its_impact(rule: str) -> None:
    old, new = pair(rule)
    changes = compare(
        bundle_documents([(Path("old"), old)]), bundle_documents([(Path("new"), new)])
    )
    found = {c.rule for c in changes}
    assert rule in found, f"expected {rule}, got {sorted(found)}"
    change = next(c for c in changes if c.rule == rule)
    assert change.impact is RULES[rule][0]


def test_no_change_is_no_change() -> None:
    doc = load(UPSERT_FILE)
    bundled = bundle_documents([(UPSERT_FILE, doc)])
    assert compare(bundled, copy.deepcopy(bundled)) == []


def test_descriptions_examples_and_factoring_are_noise() -> None:
    old = load(UPSERT_FILE)
    new = copy.deepcopy(old)
    new["paths"][UPSERT_PATH]["post"]["description"] = "reworded"
    new["components"]["schemas"]["SimplePublicUpsertObject"]["example"]["id"] = "2048"
    # inline what was a $ref: the same schema, factored differently
    links = new["components"]["schemas"]["Links"]
    new["components"]["schemas"]["BatchResponseSimplePublicUpsertObject"]["properties"]["links"] = (
        links
    )
    changes = compare(bundle_documents([(Path("a"), old)]), bundle_documents([(Path("b"), new)]))
    assert changes == []


def run_cli(tmp_path: Path, rule: str, *options: str) -> subprocess.CompletedProcess[str]:
    old, new = pair(rule)
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(old, sort_keys=False))
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(new, sort_keys=False))
    return subprocess.run(
        [
            *TOOLKIT,
            "spec-diff",
            "--old",
            str(tmp_path / "old.yaml"),
            "--new",
            str(tmp_path / "new.yaml"),
            *options,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_exits_0_when_a_response_field_was_added(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "response-property-added")
    assert result.returncode == 0, result.stderr
    assert "response-property-added" in result.stdout


@pytest.mark.parametrize("rule", ["response-property-removed", "request-property-became-required"])
def test_cli_exits_1_naming_the_rule_when_breaking(tmp_path: Path, rule: str) -> None:
    result = run_cli(tmp_path, rule)
    assert result.returncode == 1
    assert rule in result.stdout and rule in result.stderr
    assert run_cli(tmp_path, rule, "--allow-breaking").returncode == 0


def test_cli_json_for_tools(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "response-enum-value-added", "--format", "json")
    report = json.loads(result.stdout)
    assert report["breaking"] is True
    assert report["changes"][0]["impact"] == Impact.BREAKING_CLIENTS.value


def test_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "junk.yaml").write_text("just: text\n")
    result = subprocess.run(
        [*TOOLKIT, "spec-diff", "--old", str(tmp_path / "junk.yaml"), "--new", str(UPSERT_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert "not an OpenAPI document" in result.stderr


def test_a_rename_in_the_only_document_using_the_name_breaks_imports_too() -> None:
    old, new = pair("model-renamed")
    changes = compare(bundle_documents([(Path("a"), old)]), bundle_documents([(Path("b"), new)]))
    models = [(c.operation, c.rule, c.detail) for c in changes if c.rule.startswith("model-")]
    assert models == [
        ("batch_upsert_line_items", "model-renamed", "StandardError_v3"),
        ("components.schemas", "model-removed", "now StandardError_v3"),
        ("components.schemas", "model-added", ""),
    ]


def test_a_version_filing_its_own_meaning_renames_only_that_versions_models() -> None:
    """v3 files its request body under a versioned name while 2026-03 keeps the shared one:
    v3's operation changes class, 2026-03's does not, and the shared class stays importable."""
    dated_file = SPEC_DIR / "line-items-batch-upsert-2026-03.yaml"
    body = "BatchInputSimplePublicObjectBatchInputUpsert"
    old = bundle_documents([(UPSERT_FILE, load(UPSERT_FILE)), (dated_file, load(dated_file))])
    v3 = load(UPSERT_FILE)
    rename(v3, "schemas", body, f"{body}_v3")
    new = bundle_documents([(UPSERT_FILE, v3), (dated_file, load(dated_file))])
    models = [(c.operation, c.rule, c.detail) for c in compare(old, new) if "model" in c.rule]
    assert models == [
        ("batch_upsert_line_items", "model-renamed", f"{body}_v3"),
        ("components.schemas", "model-added", ""),
    ]
