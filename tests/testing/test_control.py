"""The control routes are test-only: off unless asked for, loopback only."""

import asyncio
import subprocess
from pathlib import Path

import httpx
import pytest

from hubspot_toolkit.server.app import create_app
from hubspot_toolkit.server.config import ConfigError, ServerConfig
from hubspot_toolkit.server.control import PREFIX
from hubspot_toolkit.testing.in_process import served_spec
from tests.paths import REPO, TOOLKIT

MEMORY = Path(":memory:")


def control_answer(
    config: ServerConfig, client: tuple[str, int] = ("127.0.0.1", 5)
) -> httpx.Response:
    app = create_app(config, served_spec())
    transport = httpx.ASGITransport(app=app, client=client)

    async def call() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.post(PREFIX + "line_items", json={})

    return asyncio.run(call())


def test_off_unless_asked_for() -> None:
    assert ServerConfig().control is False
    assert control_answer(ServerConfig(db=MEMORY)).status_code == 404


def test_on_when_asked_for() -> None:
    answer = control_answer(ServerConfig(db=MEMORY, control=True))
    assert answer.json() == {"result": []}


def test_clients_not_on_loopback_are_refused() -> None:
    answer = control_answer(ServerConfig(db=MEMORY, control=True), client=("10.1.2.3", 5))
    assert answer.status_code == 403


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.test"])
def test_only_on_a_loopback_host(host: str) -> None:
    with pytest.raises(ConfigError, match="--control needs a loopback --host"):
        ServerConfig(host=host, control=True)
    ServerConfig(host=host)  # without control, any host is the user's choice


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert ServerConfig(host=host, control=True).control


def test_unknown_operations_and_arguments() -> None:
    app = create_app(ServerConfig(db=MEMORY, control=True), served_spec())
    transport = httpx.ASGITransport(app=app)

    async def call(path: str, body: object) -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.post(PREFIX + path, json=body)

    unknown = asyncio.run(call("drop_everything", {}))
    wrong = asyncio.run(call("limit_rate", {"limt": 3}))
    assert unknown.status_code == wrong.status_code == 400
    assert unknown.json()["message"].startswith("no control operation 'drop_everything'")
    assert wrong.json()["message"].startswith("limit_rate: ")


def test_serve_refuses_control_off_loopback(tmp_path: Path) -> None:
    run = subprocess.run(
        [*TOOLKIT, "serve", "--control", "--host", "0.0.0.0", "--db", str(tmp_path / "db")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("error: --control needs a loopback --host")
    assert run.stderr.count("\n") == 1
