"""The README's quickstart, run as written: its blocks, taken from the README, in a fresh copy of
the checkout (sharing the checkout's .venv), with only the port changed to a free one.

The server block runs `make serve …` as a process; every other shell block runs in its own
bash, as a user pastes it into a second terminal; the client snippet runs with .venv/bin/python;
the test file is saved where the README says and run by the README's pytest command. The answers
are checked as a user would read them: the associations of the sample file, the upsert's
created and updated records, the bulk jobs' exits, summary and output.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hubspot_toolkit.server.process import free_port
from tests.docs.markdown import Block, blocks, section
from tests.paths import REPO
from tests.wheel import project_files

README_PORT = "8000"


@dataclass
class Ran:
    block: Block
    returncode: int
    output: str  # stdout and stderr, as a terminal shows them

    def json(self) -> dict[str, object]:
        answer: dict[str, object] = json.loads(self.output)
        return answer


def quickstart() -> tuple[str, list[Block]]:
    text = section((REPO / "README.md").read_text(), "Quickstart")
    return text, blocks(text)


def user_environment() -> dict[str, str]:
    """A fresh terminal's environment: nothing of this test run's or the toolkit's settings."""
    return {
        k: v for k, v in os.environ.items() if not k.startswith(("HUBSPOT_", "PYTEST_", "MAKE"))
    }


def wait_for_port(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the README's server command exited: {log.read_text()[-3000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail(f"the README's server did not listen on {port}: {log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Ran]]:
    """Every block of the quickstart, run in order against one server started as it says."""
    assert shutil.which("curl"), "the quickstart uses curl"
    assert (REPO / ".venv" / "bin" / "hubspot-toolkit").exists(), "run `make setup` first"
    copy = tmp_path_factory.mktemp("clone")
    for name in project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, copy / name)
    (copy / ".venv").symlink_to(REPO / ".venv")
    text, found = quickstart()
    port = str(free_port())

    def as_run(block: Block) -> str:
        return block.text.replace(f"127.0.0.1:{README_PORT}", f"127.0.0.1:{port}").replace(
            f"PORT={README_PORT}", f"PORT={port}"
        )

    server_block = found[0]
    assert server_block.language == "sh" and f"PORT={README_PORT}" in server_block.text, (
        "the quickstart starts with the server command, naming its port"
    )
    log = copy / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            ["bash", "-c", as_run(server_block)],
            cwd=copy,
            env=user_environment(),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make and the server it starts: one group to stop
        )
    results: list[Ran] = []
    try:
        wait_for_port(int(port), server, log)
        for block in found[1:]:
            code = as_run(block)
            if block.language == "python" and "def test_" in code:
                saved = re.search(r"Save this as `([^`]+)`", text[: block.start])
                assert saved, "the quickstart says where to save its test file"
                (copy / saved[1]).parent.mkdir(parents=True, exist_ok=True)
                (copy / saved[1]).write_text(code)
                results.append(Ran(block, 0, ""))
                continue
            command = ["bash", "-c", code] if block.language == "sh" else [".venv/bin/python", "-"]
            done = subprocess.run(
                command,
                input=code if block.language == "python" else None,
                cwd=copy,
                env=user_environment(),
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            results.append(Ran(block, done.returncode, done.stdout + done.stderr))
        yield results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def one(ran: list[Ran], marker: str) -> Ran:
    (found,) = [r for r in ran if marker in r.block.text]
    assert found.returncode == 0, found.output
    return found


def test_the_v3_read_answers_the_sample_associations(ran: list[Ran]) -> None:
    answer = one(ran, "/crm/v3/associations/").json()
    assert answer["results"] == [
        {"from": {"id": "101"}, "to": [{"id": "201", "type": "contact_to_company"}]}
    ]
    (error,) = answer["errors"]  # type: ignore[misc]
    assert error["subCategory"] == "crm.associations.NO_ASSOCIATIONS_FOUND"
    assert error["context"]["fromObjectId"] == ["103"]


def test_the_dated_read_answers_in_v4s_shape(ran: list[Ran]) -> None:
    answer = one(ran, "/crm/associations/2026-09/").json()
    (result,) = answer["results"]  # type: ignore[misc]
    assert result["from"] == {"id": "102"}
    assert {to["toObjectId"] for to in result["to"]} == {201, 202}  # numbers, as HubSpot sends them
    for to in result["to"]:
        assert 279 in [t["typeId"] for t in to["associationTypes"]]  # contact → company


def test_an_upsert_through_v3_is_updated_through_2026_09(ran: list[Ran]) -> None:
    (created,) = one(ran, "/crm/v3/objects/line_items/").json()["results"]  # type: ignore[misc]
    (updated,) = one(ran, "/crm/objects/2026-09/line_items/").json()["results"]  # type: ignore[misc]
    assert created["new"] is True and updated["new"] is False
    assert updated["id"] == created["id"]
    assert updated["properties"]["price"] == "300.00"
    assert updated["properties"]["name"] == created["properties"]["name"] == "Setup"


def test_the_bulk_upsert_of_the_sample_csv(ran: list[Ran]) -> None:
    upsert = one(ran, "upsert-line-items")
    assert upsert.output.startswith("created 3, updated 0, failed 0 of 3 rows")


def test_the_bulk_read_writes_what_the_readme_shows(ran: list[Ran]) -> None:
    read = one(ran, "read-associations")
    lines = [json.loads(line) for line in read.output.splitlines() if line.startswith("{")]
    assert {line["from"]: line["to"] for line in lines} == {
        "101": [{"id": "201", "type": "contact_to_company"}],
        "102": [
            {"id": "201", "type": "contact_to_company_unlabeled"},
            {"id": "202", "type": "contact_to_company"},
        ],
        "103": [],
    }
    for shown in re.findall(r"^# .*?(\{\"from\".*?\]\})", read.block.text, re.M):
        assert shown in read.output  # the README's lines, as the tool writes them


def test_the_client_branches_on_the_error_answer(ran: list[Ran]) -> None:
    client = one(ran, "strict_client(")
    updated, refused = client.output.splitlines()
    assert re.fullmatch(r"\[\('\d+', False\)\]", updated)
    assert refused.startswith("MISSING_SCOPES ")


def test_the_pytest_example_passes(ran: list[Ran]) -> None:
    tests = one(ran, ".venv/bin/pytest")
    assert re.search(r"\b2 passed\b", tests.output), tests.output
