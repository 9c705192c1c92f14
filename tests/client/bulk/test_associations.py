"""Bulk association reads: chunks of ids, paging followed to the end, failures kept apart."""

import json
from collections.abc import Iterator

import pytest
from hubspot_crm_client.models import AssociatedId

from hubspot_toolkit.client.bulk import aread_associations, read_associations
from hubspot_toolkit.client.redacted import RedactedClient
from hubspot_toolkit.server.auth import DEV_TOKEN
from hubspot_toolkit.server.process import ReferenceServer
from tests.client.bulk.conftest import COMPANIES_OF, CONTACTS, run_async


def company_ids(report_associations: dict[str, list[AssociatedId]]) -> dict[str, list[str]]:
    return {key: sorted(a.id for a in found) for key, found in report_associations.items()}


def test_every_page_of_every_id_in_small_chunks(client: RedactedClient) -> None:
    # 20 ids in chunks of 3, each with up to 6 companies at 2 per page.
    report = read_associations(client, "contacts", "companies", CONTACTS, chunk_size=3)
    assert report.failed == []
    assert company_ids(report.associations) == {c: sorted(v) for c, v in COMPANIES_OF.items()}
    assert all(a.type_ == "contact_to_company" for v in report.associations.values() for a in v)
    first_round = 7  # ceil(20 / 3)
    assert report.requests > first_round


def test_object_type_ids_and_async_give_the_same_answer(client: RedactedClient) -> None:
    by_name = read_associations(client, "contacts", "companies", CONTACTS)
    by_id = run_async(
        client, lambda: aread_associations(client, "0-1", "0-2", CONTACTS, concurrency=2)
    )
    assert company_ids(by_name.associations) == company_ids(by_id.associations)


def test_ids_hubspot_finds_no_associations_for_are_empty_not_failed(
    client: RedactedClient,
) -> None:
    # HubSpot answers NO_ASSOCIATIONS_FOUND for a record without associations and for an id it
    # does not know alike (ledger: no-associations-207-*, association-read-unknown-from-id).
    report = read_associations(client, "contacts", "companies", [CONTACTS[3], CONTACTS[0], "9"])
    assert report.failed == []
    assert company_ids(report.associations) == {CONTACTS[3]: sorted(COMPANIES_OF[CONTACTS[3]])} | {
        CONTACTS[0]: [],
        "9": [],
    }


def test_repeated_ids_are_read_once(client: RedactedClient) -> None:
    report = read_associations(client, "contacts", "companies", [CONTACTS[5]] * 3)
    # 5 companies at 2 per page: v3's first page, then the record again through a dated
    # version, which pages (v3 ignores `after`): three pages there
    assert report.requests == 4
    assert len(report.associations[CONTACTS[5]]) == 5


@pytest.fixture(scope="module")
def company_with_150_contacts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server at HubSpot's page size (100) with one company of 150 contacts."""
    work = tmp_path_factory.mktemp("many")
    associations = work / "associations.json"
    associations.write_text(
        json.dumps(
            {
                "associations": [
                    {
                        "fromObjectType": "companies",
                        "fromId": "7000",
                        "toObjectType": "contacts",
                        "toId": str(8000 + n),
                        "type": "company_to_contact",
                    }
                    for n in range(150)
                ]
            }
        )
    )
    with ReferenceServer(work / "db.sqlite3", associations_file=associations) as server:
        yield server.base_url


def test_a_company_with_150_contacts_reads_150_through_v3(company_with_150_contacts: str) -> None:
    """v3 ignores `after`, as HubSpot does: the rest comes through a dated version."""
    with RedactedClient(base_url=company_with_150_contacts, token=DEV_TOKEN) as client:
        report = read_associations(client, "companies", "contacts", ["7000"])
        async_report = run_async(
            client, lambda: aread_associations(client, "0-2", "contact", ["7000"])
        )
    assert report.failed == [] and async_report.failed == []
    for found in (report.associations["7000"], async_report.associations["7000"]):
        ids = [a.id for a in found]
        assert len(ids) == len(set(ids)) == 150
        assert set(ids) == {str(8000 + n) for n in range(150)}
        assert {a.type_ for a in found} == {"company_to_contact"}
