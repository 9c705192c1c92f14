"""`upsert-line-items --dry-run`: HubSpot's property rules applied to a file, row by row, with
no token and nothing sent."""

import json
from pathlib import Path

from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from tests.cli.bulk.runner import run

KEY = SHIPPED_UNIQUE_KEY


def rows_file(tmp_path: Path, *rows: dict[str, str]) -> Path:
    file = tmp_path / "rows.jsonl"
    file.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return file


def test_each_refused_property_is_named_with_its_line_and_reason(tmp_path: Path) -> None:
    file = rows_file(
        tmp_path,
        {KEY: "A1", "name": "fine", "price": "10"},
        {KEY: "A2", "price": "-5"},
        {KEY: "A3", "colour": "red", "quantity": "many"},
    )
    answer = run("upsert-line-items", file, "--id-property", KEY, "--dry-run", token=None)
    assert answer.returncode == 1, answer.stderr
    lines = answer.stdout.splitlines()
    assert "line 2: property price:" in lines[0] and "(NEGATIVE_PRICE)" in lines[0]
    assert (
        lines[1]
        == 'line 3: property colour: Property "colour" does not exist (PROPERTY_DOESNT_EXIST)'
    )
    assert lines[2].startswith("line 3: property quantity:") and "(INVALID_INTEGER)" in lines[2]
    assert "3 rows checked" in lines[3] and "2 would be refused; nothing was sent" in lines[3]
    assert not file.with_name("rows.jsonl.journal").exists()


def test_a_clean_file_against_a_portals_own_export_passes(tmp_path: Path) -> None:
    export = tmp_path / "properties.json"
    export.write_text(
        json.dumps(
            {
                "results": [
                    {
                        "name": "erp_code",
                        "label": "ERP code",
                        "type": "string",
                        "fieldType": "text",
                        "options": [],
                        "hasUniqueValue": True,
                    },
                    {
                        "name": "colour",
                        "label": "Colour",
                        "type": "enumeration",
                        "fieldType": "select",
                        "hasUniqueValue": False,
                        "options": [{"label": "Red", "value": "red", "hidden": False}],
                    },
                ]
            }
        )
    )
    file = rows_file(tmp_path, {"erp_code": "E1", "colour": "red"})
    answer = run(
        "upsert-line-items",
        file,
        "--id-property",
        "erp_code",
        "--dry-run",
        "--properties",
        export,
        token=None,
    )
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert "1 rows checked" in answer.stdout and "0 would be refused" in answer.stdout


def test_a_key_that_is_not_unique_or_a_bad_export_is_one_line(tmp_path: Path) -> None:
    file = rows_file(tmp_path, {KEY: "A1", "hs_sku": "S1"})
    answer = run("upsert-line-items", file, "--id-property", "hs_sku", "--dry-run", token=None)
    assert answer.returncode == 2
    assert "hs_sku: not a unique property" in answer.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"results": 3}')
    answer = run(
        "upsert-line-items",
        file,
        "--id-property",
        KEY,
        "--dry-run",
        "--properties",
        bad,
        token=None,
    )
    assert answer.returncode == 2
    assert answer.stderr.startswith("hubspot-bulk: error: ") and str(bad) in answer.stderr
    assert "Traceback" not in answer.stderr
