"""Bulk association reads: chunks of ids, paging followed to the end, failures kept apart."""

from hubspot_crm_client.models import AssociatedId

from hubspot_toolkit.client.bulk import aread_associations, read_associations
from hubspot_toolkit.client.redacted import RedactedClient
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


def test_unknown_ids_fail_and_are_not_reported_as_empty(client: RedactedClient) -> None:
    report = read_associations(client, "contacts", "companies", [CONTACTS[3], "999999", "x"])
    assert set(report.associations) == {CONTACTS[3]}
    failed = {f.id: f.failure for f in report.failed}
    assert set(failed) == {"999999", "x"}
    assert all(f.status == 207 and f.category == "OBJECT_NOT_FOUND" for f in failed.values())


def test_repeated_ids_are_read_once(client: RedactedClient) -> None:
    report = read_associations(client, "contacts", "companies", [CONTACTS[5]] * 3)
    assert report.requests == 3  # 5 companies at 2 per page: the first page and two more
    assert len(report.associations[CONTACTS[5]]) == 5
