"""Every positive upsert the suite sends is one its own reference server accepts.

Bodies come from the same schemathesis strategies `make contract` draws from, so the shaping is
proven over that whole space rather than over the paths one seed happens to reach. Schemathesis
also labels positive some bodies whose inputs repeat (seen with SEED=1080343675 and
SEED=1088505647: `{"inputs": [{"id": "", "properties": {}}, {"id": "", ...}]}`), which its
positive strategy alone never yields, so the test repeats drawn inputs as well.
"""

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract_tests.checks.shaping import shape_upsert
from contract_tests.settings import HookSettings
from contract_tests.spec_strategies import requests
from hubspot_toolkit.server.auth import DEV_TOKEN
from hubspot_toolkit.server.process import ReferenceServer
from hubspot_toolkit.spec.versions import UPSERT

REFERENCE_TARGET = HookSettings(base_url="http://127.0.0.1", token="unused")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = Path(tmp_path_factory.mktemp("positive")) / "store.sqlite3"
    with (
        ReferenceServer(db) as running,
        httpx.Client(
            base_url=running.base_url, headers={"Authorization": f"Bearer {DEV_TOKEN}"}, timeout=30
        ) as client,
    ):
        yield client


@st.composite
def positive_bodies(draw: st.DrawFn) -> Any:
    _, body = draw(requests(UPSERT))
    inputs = body["inputs"]
    if inputs and draw(st.booleans()):
        repeated = draw(st.sampled_from(inputs))
        inputs.insert(draw(st.integers(0, len(inputs))), copy.deepcopy(repeated))
        del inputs[100:]  # stays within the documented batch limit
    return body


@given(body=positive_bodies())
def test_every_shaped_positive_upsert_is_accepted(server: httpx.Client, body: Any) -> None:
    shaped = shape_upsert(copy.deepcopy(body), REFERENCE_TARGET)
    answer = server.post("/crm/v3/objects/line_items/batch/upsert", json=shaped)
    assert answer.status_code == 200, (body, shaped, answer.text)


def test_repeated_empty_ids_are_keyed() -> None:
    """The body that turned `make contract` red at random, shaped as the suite now shapes it."""
    body = {"inputs": [{"id": "", "properties": {}}, {"id": "", "properties": {}}]}
    shaped = shape_upsert(body, REFERENCE_TARGET)
    assert [item.get("idProperty") for item in shaped["inputs"]] == [
        REFERENCE_TARGET.id_property
    ] * 2
    assert len({item["id"] for item in shaped["inputs"]}) == 2
