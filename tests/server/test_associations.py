"""Association reads: names and ids alike, empty results, missing ids, paging to the end."""

from typing import Any

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


def test_a_record_with_no_associations_has_an_empty_to(api: Api) -> None:
    answer = read(api, "contacts", "companies", [{"id": "300"}])
    assert answer.status_code == 200
    assert answer.json()["results"] == [{"from": {"id": "300"}, "to": []}]


def test_missing_ids_are_207_errors_naming_them(api: Api) -> None:
    answer = read(api, "contacts", "companies", [{"id": "300"}, {"id": "77777"}])
    assert answer.status_code == 207
    body = answer.json()
    assert body["numErrors"] == 1
    assert body["errors"][0]["context"]["ids"] == ["77777"]
    assert body["errors"][0]["category"] == "OBJECT_NOT_FOUND"


def test_paging_follows_after_to_the_end(api: Api) -> None:
    seen, after, pages = [], None, 0
    while True:
        item: dict[str, Any] = {"id": "100"} | ({"after": after} if after else {})
        result = read(api, "contacts", "companies", [item]).json()["results"][0]
        seen += [to["id"] for to in result["to"]]
        pages += 1
        after = result.get("paging", {}).get("next", {}).get("after")
        if after is None:
            break
    assert seen == ["200", "201", "202", "203", "204"]
    assert pages == 3  # the test server's page size is 2


def test_reverse_associations_are_loaded(api: Api) -> None:
    result = read(api, "companies", "contacts", [{"id": "203"}]).json()["results"][0]
    assert result["to"] == [{"id": "100", "type": "company_to_contact"}]


def test_a_bad_cursor_is_an_input_error(api: Api) -> None:
    answer = read(api, "contacts", "companies", [{"id": "100", "after": "not-a-cursor"}])
    assert answer.status_code == 207
    assert answer.json()["errors"][0]["errors"][0]["in"] == "after"
