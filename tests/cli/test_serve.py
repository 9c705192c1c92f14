"""`hubspot-toolkit serve --properties FILE`: a file that is not HubSpot's Properties API answer
stops the server at start with one line and exit 2."""

import json
import os
import subprocess
from pathlib import Path

import httpx
import pytest

from hubspot_toolkit.properties import DEFAULT_FILE, SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.process import ReferenceServer
from tests.paths import REPO, TOOLKIT

KEY = SHIPPED_UNIQUE_KEY


def serve(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HUBSPOT_SERVER_")}
    return subprocess.run(
        [*TOOLKIT, "serve", "--port", "0", "--db", str(tmp_path / "db.sqlite3"), *args],
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        check=False,
    )


def entry(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "price",
        "label": "Unit price",
        "type": "number",
        "fieldType": "number",
        "options": [],
    }
    return base | changes


BAD = [
    ("{not json", "not valid JSON"),
    (json.dumps([entry()]), "the document: [{"),
    (json.dumps({"results": [entry(type="money")]}), "results[0].type: 'money' is not one of"),
    (json.dumps({"results": [entry(), entry(options="x")]}), "results[1].options: 'x' is not"),
    (
        json.dumps({"results": [entry(modificationMetadata={"archivable": True})]}),
        "results[0].modificationMetadata: 'readOnlyValue' is a required property",
    ),
    (json.dumps({"results": [entry(), entry()]}), "results[1].name: 'price' is defined twice"),
]


@pytest.mark.parametrize(("text", "problem"), BAD)
def test_a_bad_properties_file_is_one_line_and_exit_2(
    tmp_path: Path, text: str, problem: str
) -> None:
    bad = tmp_path / "properties.json"
    bad.write_text(text)
    result = serve(tmp_path, "--properties", str(bad))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {bad}: ") and problem in lines[0], lines[0]


def test_a_missing_properties_file_from_the_environment(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    result = serve(tmp_path, env={"HUBSPOT_SERVER_PROPERTIES": str(missing)})
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {missing}: no such file"


def test_make_serve_passes_properties_only_from_the_command_line() -> None:
    def dry_run(*args: str, env: dict[str, str] | None = None) -> str:
        return subprocess.run(
            ["make", "-n", "serve", *args],
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        ).stdout

    assert "--properties 'mine.json'" in dry_run("PROPERTIES=mine.json")
    assert "--properties" not in dry_run(env={"PROPERTIES": "mine.json"})


def test_a_property_made_unique_over_shared_values_stops_the_server(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    with ReferenceServer(db) as server:
        for key in ("A", "B"):  # two records share an hs_sku, which is not unique by default
            body = {"inputs": [{"id": key, "idProperty": KEY, "properties": {"hs_sku": "SAME"}}]}
            answer = httpx.post(
                f"{server.base_url}/crm/v3/objects/line_items/batch/upsert",
                json=body,
                headers={"Authorization": "Bearer dev-token"},
            )
            assert answer.status_code == 200, answer.text
    document = json.loads(DEFAULT_FILE.read_text())
    for entry in document["results"]:
        entry["hasUniqueValue"] = entry["name"] in ("hs_sku", KEY)
    export = tmp_path / "properties.json"
    export.write_text(json.dumps(document))
    result = serve(tmp_path, "--properties", str(export))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {export}: property 'hs_sku' cannot have unique")
    assert result.stderr.count("\n") == 1
