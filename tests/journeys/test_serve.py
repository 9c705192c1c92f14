"""Journey: `hubspot-toolkit serve` from the wheel, in a folder with no spec/ and no
--spec-dir, then the four operations (v3 and 2026-03 of each) called as the README's curl
calls them; and a second `serve` on the same port is one clear line."""

import json
import subprocess
from pathlib import Path

import httpx

from tests.journeys.conftest import TOKEN, serving
from tests.wheel import Installed, run, user_environment

ASSOCIATIONS = {
    "associations": [
        {
            "fromObjectType": "deals",
            "fromId": "101",
            "toObjectType": "line_items",
            "toId": "900",
            "type": "deal_to_line_item",
        }
    ]
}


def test_serve_from_the_wheel_answers_the_four_operations(
    installed_toolkit: Installed, tmp_path: Path
) -> None:
    """Issue 24: `error: spec: no such directory` though the wheel carries the spec."""
    (tmp_path / "associations.json").write_text(json.dumps(ASSOCIATIONS))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    line_item = {
        "inputs": [
            {"idProperty": "external_line_item_id", "id": "J-1", "properties": {"name": "a"}}
        ]
    }
    read = {"inputs": [{"id": "101"}]}
    with serving(installed_toolkit, tmp_path, "--associations", "associations.json") as server:
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as http:
            answers = {
                version: (
                    http.post(upsert, json=line_item),
                    http.post(associations + "/deals/line_items/batch/read", json=read),
                )
                for version, upsert, associations in [
                    ("v3", "/crm/v3/objects/line_items/batch/upsert", "/crm/v3/associations"),
                    (
                        "2026-03",
                        "/crm/objects/2026-03/line_items/batch/upsert",
                        "/crm/associations/2026-03",
                    ),
                ]
            }
        # the second port: a busy one is one line, exit 2 (not uvicorn's log and exit 1)
        port = server.base_url.rsplit(":", 1)[1]
        again = run(
            installed_toolkit / "hubspot-toolkit",
            "serve",
            "--port",
            port,
            cwd=tmp_path,
            env=user_environment(),
        )
    assert "the one this toolkit was built with" in server.log.read_text()
    for version, (upsert, associations) in answers.items():
        assert upsert.status_code == 200, (version, upsert.text)
        assert upsert.json()["results"][0]["properties"]["external_line_item_id"] == "J-1"
        assert associations.status_code == 200, (version, associations.text)
        assert "900" in json.dumps(associations.json()["results"][0]["to"])
    assert again.returncode == 2
    assert again.stderr.strip().splitlines()[-1] == (
        f"error: --port {port}: 127.0.0.1:{port} is in use: stop what listens there, or pass "
        "another --port"
    )
    assert "Traceback" not in again.stderr


def test_a_bad_associations_file_is_one_line_naming_the_option(
    installed_toolkit: Installed, tmp_path: Path
) -> None:
    entry = dict(ASSOCIATIONS["associations"][0])
    del entry["toObjectType"]
    (tmp_path / "associations.json").write_text(json.dumps({"associations": [entry]}))
    answer = subprocess.run(
        [installed_toolkit / "hubspot-toolkit", "serve", "--associations", "associations.json"],
        cwd=tmp_path,
        env=user_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert answer.returncode == 2
    assert answer.stderr.strip().splitlines()[-1] == (
        "error: --associations associations.json: associations[0].toObjectType is missing"
    )
