"""`hubspot-toolkit sync-spec` against a small git repository shaped like HubSpot's public spec
collection, built here from our own spec plus HubSpot's defects (no HubSpot document is
committed): its first commit means what spec/ says, its second adds a response field to the
2026-03 association read."""

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.paths import GENERATED, SPEC_DIR, TOOLKIT
from tests.workflow.upstream import upstream_from, write

LINE_ITEMS = "PublicApiSpecs/CRM/Line Items/Rollouts/424"
ASSOCIATIONS = "PublicApiSpecs/CRM/Associations/Rollouts"
# (folder in the collection, file, our document, the operation's path)
DOCUMENTS = [
    (f"{LINE_ITEMS}/v3", "lineItems.json", "line-items-batch-upsert.yaml", None),
    (
        f"{LINE_ITEMS}/2026-03",
        "lineItems.json",
        "line-items-batch-upsert-2026-03.yaml",
        "/crm/objects/2026-03/line_items/batch/upsert",
    ),
    (
        f"{ASSOCIATIONS}/120891/v3",
        "associations.json",
        "associations-batch-read.yaml",
        "/crm/v3/associations/{fromObjectType}/{toObjectType}/batch/read",
    ),
    (
        f"{ASSOCIATIONS}/130902/2026-03",
        "associations.json",
        "associations-batch-read-2026-03.yaml",
        "/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read",
    ),
]
ADDED_FIELD = "fieldAddedUpstream"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.test", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def publish(repo: Path, change: bool) -> None:
    for folder, name, ours, path in DOCUMENTS:
        document: dict[str, Any] = (
            upstream_from(SPEC_DIR / ours, path) if path else upstream_from(SPEC_DIR / ours)
        )
        if change and "2026-03" in folder and name == "associations.json":
            schema = document["components"]["schemas"]["MultiAssociatedObjectWithLabel"]
            schema["properties"][ADDED_FIELD] = {"type": "string", "example": None}
        (repo / folder).mkdir(parents=True, exist_ok=True)
        write(document, repo / folder / name, as_json=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Updating spec files")


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("collection")
    git(repo, "init", "-q")
    publish(repo, change=False)
    publish(repo, change=True)
    return repo


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    shutil.copytree(GENERATED, tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def sync(workspace: Path, source: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOOLKIT, "sync-spec", "--source", str(source)],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_first_commit_means_what_spec_says(collection: Path, workspace: Path) -> None:
    git(collection, "checkout", "-q", "HEAD~1")
    try:
        before = snapshot(workspace / "spec")
        result = sync(workspace, collection)
    finally:
        git(collection, "checkout", "-q", "-")
    assert result.returncode == 0, result.stderr
    assert "spec/ unchanged" in result.stdout
    assert snapshot(workspace / "spec") == before
    report = (workspace / "reports" / "spec-sync.md").read_text()
    assert report.startswith("No changes")
    assert "no change: upstream means what our document says" in report


def test_a_new_field_is_imported_regenerated_and_reported_once(
    collection: Path, workspace: Path
) -> None:
    result = sync(workspace, collection)
    assert result.returncode == 0, result.stderr
    assert "changed, client regenerated" in result.stdout
    spec = (workspace / "spec" / "associations-batch-read-2026-03.yaml").read_text()
    assert ADDED_FIELD in spec
    model = workspace / "generated" / "hubspot_crm_client" / "models"
    # 2025-09 still holds HubSpot's name with the old meaning: 2026-03 files its own under its
    # version (one name, one meaning), and only 2026-03's class changes
    assert ADDED_FIELD in (model / "multi_associated_object_with_label_202603.py").read_text()
    assert ADDED_FIELD not in (model / "multi_associated_object_with_label.py").read_text()
    report = (workspace / "reports" / "spec-sync.md").read_text()
    assert "`response-property-added`" in report and ADDED_FIELD in report
    assert "### `batch_read_associations_2026_03`" in report

    spec_then, generated_then = snapshot(workspace / "spec"), snapshot(workspace / "generated")
    again = sync(workspace, collection)
    assert again.returncode == 0, again.stderr
    assert "spec/ unchanged" in again.stdout
    assert snapshot(workspace / "spec") == spec_then
    assert snapshot(workspace / "generated") == generated_then


def test_a_folder_that_is_not_the_collection_is_one_line(workspace: Path) -> None:
    result = sync(workspace, workspace)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "not a checkout of HubSpot's public spec collection" in result.stderr


def test_a_document_that_would_rewrite_another_version_stops_the_sync(
    workspace: Path, tmp_path: Path
) -> None:
    """HubSpot's v3 line items document once published a dated version's upsert beside v3's.
    Where that dated operation means something else than spec/'s document of that version,
    the sync refuses in one line, and undoes what it had imported before (here a field of the
    2026-03 association read): spec/ and generated/ stay as they were."""
    repo = tmp_path / "collection"
    repo.mkdir()
    git(repo, "init", "-q")
    publish(repo, change=True)
    v3 = repo / DOCUMENTS[0][0] / DOCUMENTS[0][1]
    document = json.loads(v3.read_text())
    dated = copy.deepcopy(document["paths"]["/crm/v3/objects/line_items/batch/upsert"])
    ok = dated["post"]["responses"]["200"]["content"]["application/json"]
    ok["schema"] = copy.deepcopy(
        document["components"]["schemas"]["BatchResponseSimplePublicUpsertObject"]
    )
    ok["schema"]["properties"]["fromTheV3Document"] = {"type": "string"}
    document["paths"]["/crm/objects/2026-03/line_items/batch/upsert"] = dated
    write(document, v3, as_json=True)
    spec_before, generated_before = snapshot(workspace / "spec"), snapshot(workspace / "generated")
    result = sync(workspace, repo)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "would rewrite line-items-batch-upsert-2026-03.yaml, a 2026-03 document" in result.stderr
    assert snapshot(workspace / "spec") == spec_before
    assert snapshot(workspace / "generated") == generated_before
