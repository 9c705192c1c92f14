"""Journey: HubSpot in a user's own test suite. A new project folder, a test file using the
`hubspot` fixture (and `hubspot_server`, with HubSpot's own SDK), run with the virtualenv's
plain `pytest`, as the user runs it."""

from pathlib import Path

from tests.wheel import Installed, run, user_environment

USER_TESTS = """
import asyncio

import httpx
import pytest
from hubspot import HubSpot
from hubspot.crm.line_items import (
    BatchInputSimplePublicObjectBatchInputUpsert,
    SimplePublicObjectBatchInputUpsert,
)
from hubspot_crm_client.api.associations import batch_read_associations
from hubspot_crm_client.models import BatchInputPublicObjectId, PublicObjectId

KEY = "external_line_item_id"
READ = BatchInputPublicObjectId(inputs=[PublicObjectId(id="101")])


@pytest.mark.hubspot(scopes=["crm.objects.deals.read", "crm.objects.line_items.read"])
def test_generated_client_with_a_limited_token(hubspot):
    hubspot.associate("deals", "101", "line_items", ["900", "901"])
    with hubspot.client() as client:
        answer = batch_read_associations.sync("deals", "line_items", client=client, body=READ)

    async def read():
        async with hubspot.client() as client:
            return await batch_read_associations.asyncio(
                "deals", "line_items", client=client, body=READ
            )

    again = asyncio.run(read())
    assert [to.id for to in answer.results[0].to] == ["900", "901"]
    assert [to.id for to in again.results[0].to] == ["900", "901"]
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        write = client.post(
            "/crm/v3/objects/line_items/batch/upsert",
            json={"inputs": []},
            headers={"Authorization": "Bearer " + hubspot.token},
        )
    assert write.status_code == 403


def test_hubspots_sdk_upserts_by_a_unique_property(hubspot_server):
    api = HubSpot(access_token=hubspot_server.token, host=hubspot_server.base_url)
    body = BatchInputSimplePublicObjectBatchInputUpsert(
        inputs=[SimplePublicObjectBatchInputUpsert(id="L-1", id_property=KEY, properties={})]
    )
    first = api.crm.line_items.batch_api.upsert(body)
    again = api.crm.line_items.batch_api.upsert(body)
    assert first.results[0].id == again.results[0].id
    assert list(hubspot_server.line_items(by=KEY)) == ["L-1"]


def test_nothing_leaks_into_the_next_test(hubspot_server):
    assert hubspot_server.line_items() == {}


def test_nothing_leaks_in_process_either(hubspot):
    assert hubspot.line_items() == {} and hubspot.requests() == []
"""


def test_a_users_own_tests_use_the_hubspot_fixture(
    installed_toolkit: Installed, tmp_path: Path
) -> None:
    project = tmp_path / "my-integration"
    project.mkdir()
    (project / "test_my_integration.py").write_text(USER_TESTS)
    # Plain pytest, as a user runs it: whatever steers this run's pytest must not steer it.
    tests = run(
        installed_toolkit / "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        cwd=project,
        env=user_environment(),
    )
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert "4 passed" in tests.stdout
