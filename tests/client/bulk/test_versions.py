"""The bulk helpers call the API version they are given: a row upserted through v3 is updated
through 2026-03, and 2026-03 reads answer in v4's shape, complete across pages."""

import pytest

from hubspot_toolkit.client.bulk import (
    aupsert_line_items,
    read_associations_dated,
    upsert_line_items,
)
from hubspot_toolkit.client.bulk.versions import dated_versions
from hubspot_toolkit.client.redacted import RedactedClient
from tests.client.bulk.conftest import COMPANIES_OF, CONTACTS, KEY, run_async


def test_upserts_go_to_the_version_asked_for(client: RedactedClient) -> None:
    rows = [{KEY: f"VER-{n}", "name": f"v3 {n}"} for n in range(120)]
    first = upsert_line_items(client, rows, KEY)
    again = run_async(client, lambda: aupsert_line_items(client, rows, KEY, version="2026-03"))
    assert (len(first.created), len(again.updated), again.failed) == (120, 120, [])
    assert {i.record_id for i in first.created} == {i.record_id for i in again.updated}


def test_dated_reads_follow_paging_to_the_end_in_v4_shape(client: RedactedClient) -> None:
    report = read_associations_dated(client, "contacts", "companies", CONTACTS, version="2026-03")
    assert report.failed == []
    for contact, companies in COMPANIES_OF.items():
        found = report.associations[contact]
        # HubSpot answers toObjectId as a number (ledger: dated-to-object-id-is-number)
        assert sorted(str(a.to_object_id) for a in found) == sorted(companies)
        for associated in found:
            assert {t.type_id for t in associated.association_types} == {1, 279}


def test_a_version_the_client_lacks_is_refused_before_sending(client: RedactedClient) -> None:
    with pytest.raises(ValueError, match="no batch_upsert_line_items_2099_01"):
        upsert_line_items(client, [{KEY: "X"}], KEY, version="2099-01")


def test_v3_is_not_a_dated_version(client: RedactedClient) -> None:
    with pytest.raises(ValueError, match="use read_associations"):
        read_associations_dated(client, "contacts", "companies", ["1"], version="v3")


DATED = dated_versions("line_items", "batch_upsert_line_items")


def test_the_client_offers_every_dated_version_spec_tracks() -> None:
    assert {"2025-09", "2026-03", "2026-09"} <= set(DATED)
    assert dated_versions("associations", "batch_read_associations") == DATED


@pytest.mark.parametrize("version", DATED)
def test_every_dated_version_upserts_and_reads_with_partial_failures(
    client: RedactedClient, version: str
) -> None:
    rows = [{KEY: f"EV-{version}-{n}", "quantity": str(n)} for n in range(3)]
    rows.append({KEY: f"EV-{version}-bad", "quantity": "many"})  # fails alone, the rest land
    report = upsert_line_items(client, rows, KEY, version=version)
    assert len(report.created) == 3
    assert [(f.row.properties[KEY], f.failure.property_errors[0].code) for f in report.failed] == [
        (f"EV-{version}-bad", "INVALID_INTEGER")
    ]
    # records without associations come back empty, whichever status the version answers
    ids = [item.record_id for item in report.created]
    read = read_associations_dated(client, "line_items", "deals", ids, version=version)
    assert read.failed == [] and all(read.associations[i] == [] for i in ids)
    contacts = read_associations_dated(client, "contacts", "companies", CONTACTS, version=version)
    assert contacts.failed == []
    for contact in CONTACTS[:8]:
        found = {
            str(a.to_object_id) for a in contacts.associations[contact]
        }  # a number, as captured
        assert found == set(COMPANIES_OF[contact])
