"""A HubSpot version spec/ does not track yet, imported as a new user would: explicitly, with no
link to an operation spec/ lacks, a hint at the version's other document, and, once both
documents are in, spec/ byte for byte as it is today (the newest version's import replayed).

The upstream documents are built from our own 2026-09 documents, shaped as HubSpot publishes
them (HubSpot's component names, the generic `{objectType}` upsert, no links, its defects):
no HubSpot document is committed."""

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.workflow.sync import sync
from hubspot_toolkit.workflow.update.importer import update
from tests.paths import SPEC_DIR, TOOLKIT
from tests.workflow.upstream import upstream_from, write

VERSION = "2026-09"
LINE_ITEMS = f"line-items-batch-upsert-{VERSION}.yaml"
ASSOCIATIONS = f"associations-batch-read-{VERSION}.yaml"
UPSERT = f"/crm/objects/{VERSION}/line_items/batch/upsert"
GENERIC = f"/crm/objects/{VERSION}/{{objectType}}/batch/upsert"
READ = f"/crm/associations/{VERSION}/{{fromObjectType}}/{{toObjectType}}/batch/read"
FILED = re.compile(r"_\d{4}_\d{2}$")


def as_hubspot(document: dict[str, Any]) -> dict[str, Any]:
    """HubSpot's names for the components our import filed under the version, and no links."""
    renamed = {name: FILED.sub("", name) for name in document["components"]["schemas"]}
    document["components"]["schemas"] = {
        renamed[name]: schema for name, schema in document["components"]["schemas"].items()
    }

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("links", None) if "content" in node else None
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                node["$ref"] = "#/components/schemas/" + FILED.sub("", ref.rsplit("/", 1)[1])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document["paths"])
    walk(document["components"])
    document["info"]["version"] = VERSION
    return document


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """HubSpot-shaped 2026-09 documents, filed as HubSpot's collection files them."""
    root = tmp_path_factory.mktemp("collection")
    line_items = as_hubspot(upstream_from(SPEC_DIR / LINE_ITEMS, UPSERT))
    paths = line_items["paths"]
    operation = paths.pop(UPSERT)
    operation["post"]["parameters"] = [
        {"name": "objectType", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    paths[GENERIC] = operation
    associations = as_hubspot(upstream_from(SPEC_DIR / ASSOCIATIONS, READ))
    found = {}
    for folder, name, document in (
        ("PublicApiSpecs/CRM/Line Items/Rollouts/424", "lineItems.json", line_items),
        ("PublicApiSpecs/CRM/Associations/Rollouts/130902", "associations.json", associations),
    ):
        place = root / folder / VERSION
        place.mkdir(parents=True)
        found[name] = write(document, place / name, as_json=True)
    return found


@pytest.fixture
def without_it(tmp_path: Path) -> Path:
    """A copy of spec/ as it was before 2026-09 was tracked."""
    spec = tmp_path / "spec"
    shutil.copytree(SPEC_DIR, spec)
    (spec / LINE_ITEMS).unlink()
    (spec / ASSOCIATIONS).unlink()
    return spec


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.yaml"))}


def dangling_links(spec_dir: Path) -> list[str]:
    bundle = bundle_spec_dir(spec_dir)
    ids = {op.operation_id for op in operations(bundle)}
    return [
        f"{name} -> {link.get('operationId')}"
        for item in bundle["paths"].values()
        for op in item.values()
        for response in op.get("responses", {}).values()
        for name, link in response.get("links", {}).items()
        if link.get("operationId") not in ids
    ]


def test_a_version_spec_does_not_track_is_refused_unless_added(
    upstream: dict[str, Path], without_it: Path
) -> None:
    before = files(without_it)
    with pytest.raises(SpecError) as refused:
        update(upstream["lineItems.json"], without_it)
    assert "a version spec/ does not track" in str(refused.value)
    assert "--add 2026-09" in str(refused.value) and "ADD=2026-09" in str(refused.value)
    assert files(without_it) == before


def test_alone_it_links_to_nothing_missing_and_names_the_other_document(
    upstream: dict[str, Path], without_it: Path
) -> None:
    report = update(upstream["lineItems.json"], without_it, add=(VERSION,))
    assert (without_it / LINE_ITEMS).exists()
    assert dangling_links(without_it) == []
    assert "batch_read_associations_2026_09" not in (without_it / LINE_ITEMS).read_text()
    hint = [line for line in report if line.startswith("next: ")]
    assert len(hint) == 1
    assert "batch_read_associations in 2026-09" in hint[0]
    # inside a checkout of the collection, the hint names the very file
    assert str(upstream["associations.json"]) in hint[0]
    assert "PublicApiSpecs/CRM/Associations/Rollouts/<rollout>/2026-09/associations.json" in hint[0]


@pytest.mark.parametrize(
    "order", [("lineItems.json", "associations.json"), ("associations.json", "lineItems.json")]
)
def test_both_documents_in_either_order_give_spec_back_byte_for_byte(
    upstream: dict[str, Path], without_it: Path, order: tuple[str, str]
) -> None:
    first, second = order
    update(upstream[first], without_it, add=(VERSION,))
    # the version is tracked now: its second document needs no --add
    report = update(upstream[second], without_it)
    assert not [line for line in report if line.startswith("next: ")]
    assert dangling_links(without_it) == []
    assert files(without_it) == files(SPEC_DIR)


def test_the_command_refuses_in_one_line_and_takes_add(
    upstream: dict[str, Path], without_it: Path
) -> None:
    command = [*TOOLKIT, "update-spec", str(upstream["lineItems.json"]), "--spec-dir"]
    refused = subprocess.run(
        [*command, str(without_it)], capture_output=True, text=True, check=False
    )
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0].startswith("error: ")
    assert "--add 2026-09" in refused.stderr and "Traceback" not in refused.stderr
    taken = subprocess.run(
        [*command, str(without_it), "--add", VERSION], capture_output=True, text=True, check=False
    )
    assert taken.returncode == 0, taken.stderr
    assert "next: spec/ has no batch_read_associations in 2026-09" in taken.stdout


def test_sync_add_imports_the_version_whole_and_reports_its_status(
    upstream: dict[str, Path], without_it: Path
) -> None:
    collection = upstream["lineItems.json"].parents[6]
    assert (collection / "PublicApiSpecs").is_dir()
    result = sync(collection, without_it, add=(VERSION,))
    assert result.changed
    assert files(without_it) == files(SPEC_DIR)
    assert "next: " not in result.report  # both documents came in: no hint left over
    assert result.versions[-1].startswith("for new integrations: ")
    assert any(line.startswith("2026-09") for line in result.versions)
    assert "HubSpot's versions (status today):" in result.report
