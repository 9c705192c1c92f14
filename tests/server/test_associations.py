"""Association reads as HubSpot answers them: every spelling of a type, records without
associations, v3's single page, the dated versions' paging to the end."""

from typing import Any

from hubspot_toolkit.server.config import PORTAL_ID
from tests.server.conftest import Api, read_path


def read(api: Api, from_type: str, to_type: str, inputs: list[dict[str, Any]]) -> Any:
    answer = api.post(read_path(from_type, to_type), {"inputs": inputs})
    assert answer.status_code in (200, 207), answer.text
    return answer


def test_object_types_by_name_and_by_id_are_the_same(api: Api) -> None:
    by_name = read(api, "deals", "line_items", [{"id": "400"}]).json()["results"]
    by_id = read(api, "0-3", "0-8", [{"id": "400"}]).json()["results"]
    assert (
        by_name
        == by_id
        == [{"from": {"id": "400"}, "to": [{"id": "500", "type": "deal_to_line_item"}]}]
    )


DATED_READ = "/crm/associations/2026-03/{}/{}/batch/read"


def no_associations(body: Any, key: str, from_singular: str, to_singular: str) -> None:
    """body holds HubSpot's NO_ASSOCIATIONS_FOUND entry for key, as captured, and no result."""
    assert key not in [result["from"]["id"] for result in body["results"]]
    [entry] = [e for e in body["errors"] if e["context"].get("fromObjectId") == [key]]
    assert entry == {
        "status": "error",
        "category": "OBJECT_NOT_FOUND",
        "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND",
        "message": f"No {to_singular} is associated with {from_singular} {key}.",
        "context": {
            "fromObjectId": [key],
            "fromObjectType": [from_singular],
            "toObjectType": [to_singular],
        },
    }


def test_a_record_with_no_associations_is_a_207_error_not_a_result(api: Api) -> None:
    answer = read(api, "contacts", "companies", [{"id": "300"}, {"id": "100"}])
    assert answer.status_code == 207
    body = answer.json()
    assert body["numErrors"] == 1
    no_associations(body, "300", "contact", "company")
    assert [result["from"]["id"] for result in body["results"]] == ["100"]


def test_an_unknown_id_is_answered_as_one_without_associations(api: Api) -> None:
    body = read(api, "deals", "companies", [{"id": "77777"}]).json()
    no_associations(body, "77777", "deal", "company")


def test_a_dated_read_answers_no_associations_alike(api: Api) -> None:
    answer = api.post(DATED_READ.format("contacts", "companies"), {"inputs": [{"id": "300"}]})
    assert answer.status_code == 207
    no_associations(answer.json(), "300", "contact", "company")


def test_object_types_resolve_in_every_spelling_hubspot_reads(api: Api) -> None:
    expected = [{"from": {"id": "400"}, "to": [{"id": "500", "type": "deal_to_line_item"}]}]
    for from_type, to_type in [("Deals", "LINE_ITEMS"), ("deal", "line_item"), ("0-3", "0-8")]:
        assert read(api, from_type, to_type, [{"id": "400"}]).json()["results"] == expected


def test_a_custom_object_resolves_by_id_p_name_and_fully_qualified_name(api: Api) -> None:
    expected = [{"from": {"id": "900"}, "to": [{"id": "300", "type": "pet_to_contact"}]}]
    for spelling in ("2-7001", "p_pets", f"p{PORTAL_ID}_pets"):
        assert read(api, spelling, "contacts", [{"id": "900"}]).json()["results"] == expected


def test_an_unknown_object_type_is_answered_in_hubspots_words(api: Api) -> None:
    # A custom object's bare name is not resolved (captured, ledger: object-type-custom-names),
    # nor its p_ name in another letter case, nor a p_ name no custom object has.
    for bad in ("widgets", "0-999999", "2-42", "pets", "p_Pets", "p_cars", "p87654321_pets"):
        answer = api.post(read_path(bad, "contacts"), {"inputs": [{"id": "1"}]})
        assert answer.status_code == 400
        body = answer.json()
        assert body["message"] == f"Unable to infer object type from: {bad}"
        assert set(body) == {"status", "message", "correlationId"}


def test_v3_pages_are_100_at_most_and_after_is_ignored(api: Api) -> None:
    first = read(api, "contacts", "companies", [{"id": "100"}]).json()["results"][0]
    assert [to["id"] for to in first["to"]] == ["200", "201"]  # the test server's page size
    after = first["paging"]["next"]["after"]
    link = first["paging"]["next"]["link"]
    assert "/crm/v3/objects/0-1/100/associations/0-2?" in link and f"after={after}" in link
    again = read(api, "contacts", "companies", [{"id": "100", "after": after}]).json()
    assert again["results"][0] == first  # HubSpot's SDK maintainer: silently ignored


def test_dated_paging_follows_after_to_the_end(api: Api) -> None:
    seen, after, pages = [], None, 0
    while True:
        item: dict[str, Any] = {"id": "100"} | ({"after": after} if after else {})
        answer = api.post(DATED_READ.format("contacts", "companies"), {"inputs": [item]})
        result = answer.json()["results"][0]
        seen += [to["toObjectId"] for to in result["to"]]
        pages += 1
        after = result.get("paging", {}).get("next", {}).get("after")
        if after is None:
            break
    assert seen == [200, 201, 202, 203, 204]  # numbers, as captured (dated-to-object-id-is-number)
    assert pages == 3  # the test server's page size is 2


def test_reverse_associations_are_loaded(api: Api) -> None:
    result = read(api, "companies", "contacts", [{"id": "203"}]).json()["results"][0]
    assert result["to"] == [{"id": "100", "type": "company_to_contact"}]


def test_a_bad_dated_cursor_is_an_input_error(api: Api) -> None:
    path = DATED_READ.format("contacts", "companies")
    answer = api.post(path, {"inputs": [{"id": "100", "after": "not-a-cursor"}]})
    assert answer.status_code == 207
    assert "after=" in answer.json()["errors"][0]["message"]
