"""`hubspot-toolkit replay-history` on a small git repository shaped like HubSpot's spec
collection, built here from our own spec (no HubSpot document is committed). Its history, one
commit a day:

1. every document as spec/ says, but Line Items v3 without the batch upsert (HubSpot published
   it from 2024-09): skipped;
2. the upsert published; Associations v3 types `StandardError.category` as an object
   `ErrorCategory` (as HubSpot did in 2023);
3. Associations v3 back to a string; Line Items v3 refers to a component it leaves out and
   spec/ does not have: refused;
4. Line Items v3 answers 207 without a body (as HubSpot did on 2026-03-30);
5. Line Items v3 as spec/ says again. The file is deleted and published again unchanged in
   between, which publishes nothing new.

What the import does not follow is `unfaithful`: the replay's judgement of that is tested with
an import that does nothing (or too much), in process.
"""

import copy
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from hubspot_toolkit.workflow import replay as replay_module
from hubspot_toolkit.workflow.replay import Options, Outcome
from tests.paths import SPEC_DIR, TOOLKIT
from tests.workflow.test_sync import DOCUMENTS
from tests.workflow.upstream import UPSERT_PATH, upstream_from, write

READ_PATH = "/crm/v3/associations/{fromObjectType}/{toObjectType}/batch/read"
LINE_ITEMS_V3 = "PublicApiSpecs/CRM/Line Items/Rollouts/424/v3/lineItems.json"
ASSOCIATIONS_V3 = "PublicApiSpecs/CRM/Associations/Rollouts/120891/v3/associations.json"


def git(repo: Path, *args: str, day: int = 1) -> None:
    stamp = f"2024-01-{day:02d}T12:00:00+00:00"
    environment = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.test", *args],
        cwd=repo,
        env=environment,
        capture_output=True,
        check=True,
    )


def documents() -> dict[str, dict[str, Any]]:
    """The collection's files as spec/ says, by path."""
    return {
        f"{folder}/{name}": upstream_from(SPEC_DIR / ours, path) if path else
        upstream_from(SPEC_DIR / ours)
        for folder, name, ours, path in DOCUMENTS
    }  # fmt: skip


def commit(repo: Path, files: dict[str, dict[str, Any]], day: int) -> None:
    for path, document in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        write(document, repo / path, as_json=True)
    git(repo, "add", "-A", day=day)
    git(repo, "commit", "-qm", f"day {day}", day=day)


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("collection")
    git(repo, "init", "-q")
    files = documents()
    as_spec = copy.deepcopy(files[LINE_ITEMS_V3])
    no_upsert = copy.deepcopy(as_spec)
    no_upsert["paths"].pop(UPSERT_PATH)
    commit(repo, {**files, LINE_ITEMS_V3: no_upsert}, day=1)

    as_object = copy.deepcopy(files[ASSOCIATIONS_V3])
    schemas = as_object["components"]["schemas"]
    schemas["ErrorCategory"] = {
        "type": "object",
        "required": ["httpStatus", "name"],
        "properties": {"name": {"type": "string"}, "httpStatus": {"type": "string"}},
    }
    schemas["StandardError"]["properties"]["category"] = {
        "$ref": "#/components/schemas/ErrorCategory"
    }
    commit(repo, {LINE_ITEMS_V3: as_spec, ASSOCIATIONS_V3: as_object}, day=2)

    broken = copy.deepcopy(as_spec)
    responses = broken["paths"][UPSERT_PATH]["post"]["responses"]
    responses["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/Nowhere"
    }
    commit(repo, {LINE_ITEMS_V3: broken, ASSOCIATIONS_V3: files[ASSOCIATIONS_V3]}, day=3)

    no_body = copy.deepcopy(as_spec)
    no_body["paths"][UPSERT_PATH]["post"]["responses"]["207"]["content"] = {}
    commit(repo, {LINE_ITEMS_V3: no_body}, day=4)

    (repo / LINE_ITEMS_V3).unlink()
    git(repo, "commit", "-qam", "deleted", day=5)
    commit(repo, {LINE_ITEMS_V3: no_body}, day=6)
    commit(repo, {LINE_ITEMS_V3: as_spec}, day=7)
    return repo


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    return tmp_path / "spec"


def replay(spec_dir: Path, source: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *TOOLKIT,
            "replay-history",
            "--source",
            str(source),
            "--spec-dir",
            str(spec_dir),
            *options,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def outcomes(stdout: str, document: str) -> list[str]:
    """The outcome of each version of document, in the order replayed."""
    return [
        line.split(": ")[1]
        for line in stdout.splitlines()
        if line[:4].isdigit() and f" {document}: " in line
    ]


def test_every_version_oldest_first_in_a_scratch_copy(
    collection: Path, spec_dir: Path, tmp_path: Path
) -> None:
    before = files(spec_dir)
    result = replay(spec_dir, collection, "--keep", str(tmp_path / "kept"))
    assert result.returncode == 1, result.stderr  # one refused
    assert "Traceback" not in result.stderr
    out = result.stdout
    line_items = outcomes(out, "batch_upsert_line_items v3")
    assert line_items == ["skipped", "imported", "refused", "imported", "imported"]
    assert outcomes(out, "batch_read_associations v3") == ["imported"] * 3
    assert outcomes(out, "batch_read_associations 2026-03") == ["imported"]
    assert outcomes(out, "batch_upsert_line_items 2026-03") == ["imported"]
    assert "refused: $ref #/components/schemas/Nowhere: resolves nowhere" in out
    assert (
        "batch_upsert_line_items v3: 5 versions: 3 imported, 1 refused, 0 unfaithful, 1 skipped"
        in out
    )
    assert files(spec_dir) == before  # spec/ itself is only read
    kept = files(tmp_path / "kept")
    # v3's history left every dated document byte for byte as it was
    for name in ("associations-batch-read-2026-03.yaml", "line-items-batch-upsert-2026-03.yaml"):
        assert kept[name] == before[name]


def test_every_nth_version_and_the_newest(collection: Path, spec_dir: Path) -> None:
    result = replay(spec_dir, collection, "--every", "2", "--operation", "batch_upsert_line_items")
    assert outcomes(result.stdout, "batch_upsert_line_items v3") == [
        "skipped",
        "refused",
        "imported",
    ]  # versions 1, 3 and 5 of 5
    assert "batch_read_associations" not in result.stdout


def test_a_history_imported_faithfully_exits_0(collection: Path, spec_dir: Path) -> None:
    result = replay(
        spec_dir, collection, "--operation", "batch_read_associations", "--version", "v3"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "batch_read_associations v3: 3 versions: 3 imported, 0 refused" in result.stdout


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--every", "0"], "not a whole number"),
        (["--since", "2024-1-1"], "not a date"),
        (["--version", "2031-03"], "holds no document spec/ tracks"),
    ],
)
def test_bad_input_is_one_line(
    collection: Path, spec_dir: Path, options: list[str], expected: str
) -> None:
    result = replay(spec_dir, collection, *options)
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_a_folder_that_is_no_git_checkout_is_one_line(spec_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    (folder / LINE_ITEMS_V3).parent.mkdir(parents=True)
    write(upstream_from(SPEC_DIR / "line-items-batch-upsert.yaml"), folder / LINE_ITEMS_V3)
    result = replay(spec_dir, folder)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_an_import_that_does_not_follow_upstream_is_unfaithful(
    collection: Path, spec_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replay_module, "update", lambda *args, **kwargs: [])  # follows nothing
    options = Options(operations=("batch_read_associations",), versions=("v3",))
    steps = list(replay_module.replay(collection, spec_dir, options))
    assert [step.outcome for step in steps] == [
        Outcome.IMPORTED,  # as spec/ says
        Outcome.UNFAITHFUL,  # category an object: spec/ still says string
        Outcome.IMPORTED,
    ]
    assert steps[1].detail.startswith("responses.207: differs at properties.errors.items")


def test_an_import_that_rewrites_another_document_is_unfaithful(
    collection: Path, spec_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rewrites_a_dated_document(
        upstream: Path, scratch: Path, *args: str, **kwargs: object
    ) -> list[str]:
        dated = scratch / "line-items-batch-upsert-2026-03.yaml"
        dated.write_text(dated.read_text() + "# touched\n")
        return []

    monkeypatch.setattr(replay_module, "update", rewrites_a_dated_document)
    options = Options(operations=("batch_read_associations",), versions=("v3",))
    first = next(replay_module.replay(collection, spec_dir, options))
    assert first.outcome is Outcome.UNFAITHFUL
    assert first.detail == "rewrote line-items-batch-upsert-2026-03.yaml too"
