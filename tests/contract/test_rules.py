"""The rules of the checks issue 26 added, on the answers they must fail and those HubSpot gives."""

from contract_tests.checks import rules

KEY = "external_line_item_id"


def answer(updated: str, modified: str | None = None) -> dict[str, object]:
    properties = {KEY: "k-1"} | ({"hs_lastmodifieddate": modified} if modified else {})
    return {"results": [{"id": "1", "updatedAt": updated, "properties": properties}]}


def test_an_update_must_move_time_at_the_precision_given() -> None:
    first = answer("2026-12-04T10:00:00.100Z", "2026-12-04T10:00:00.100Z")
    assert rules.update_time_problems(first, first, KEY, "k-1") != []  # stood still
    back = answer("2026-12-04T09:00:00.000Z")
    assert rules.update_time_problems(first, back, KEY, "k-1") != []  # went back
    moved = answer("2026-12-04T10:00:00.250Z", "2026-12-04T10:00:00.250Z")
    assert rules.update_time_problems(first, moved, KEY, "k-1") == []
    # whole seconds (as v3 sometimes sends them): one second may hold two writes
    whole = answer("2026-12-04T10:00:00Z")
    assert rules.update_time_problems(whole, whole, KEY, "k-1") == []


def test_a_403_must_name_a_scope_the_operation_needs() -> None:
    fit = rules.scope_fit_problems
    read = {"crm.objects.contacts.read", "crm.objects.deals.read"}
    write = {"crm.objects.line_items.write", "e-commerce"}
    assert fit(["crm.objects.line_items.write"], read, write, fully_listed=False)
    assert fit(["crm.objects.deals.read"], write, read, fully_listed=True)
    granular = ["crm.schemas.deals.read", "crm.objects.deals.read"]  # HubSpot's alternatives
    assert fit(granular, read, write, fully_listed=True) == []
    # a read between types spec/ lists no scope for may name only theirs
    assert fit(["crm.objects.tickets.read"], read, write, fully_listed=False) == []


def test_one_result_per_input() -> None:
    sent = {"inputs": [{"id": "k-1", "idProperty": KEY, "properties": {}}]}
    one = {"id": "1", "properties": {KEY: "k-1"}}
    assert rules.once_per_input_problems(sent, {"results": [one]}) == []
    assert len(rules.once_per_input_problems(sent, {"results": [one, dict(one)]})) == 3


def test_to_object_ids_are_numbers_or_digits() -> None:
    def read(value: object) -> dict[str, object]:
        return {"results": [{"from": {"id": "1"}, "to": [{"toObjectId": value}]}]}

    assert rules.to_object_id_problems(read(29022297485)) == []  # as captured
    assert rules.to_object_id_problems(read("29022297485")) == []  # as HubSpot's schema says
    assert rules.to_object_id_problems(read("record-1")) != []
    assert rules.to_object_id_problems(read(True)) != []


def test_an_unrouted_method_is_404_or_405() -> None:
    for status in (404, 405, 401, 429):
        assert rules.unrouted_method_problems("GET", "/x/batch/read", status) == []
    for status in (200, 207, 500):
        assert rules.unrouted_method_problems("GET", "/x/batch/read", status) != []


def test_known_associations_are_named_or_paged() -> None:
    def read(to: list[str], paged: bool) -> dict[str, object]:
        result: dict[str, object] = {"from": {"id": "1"}, "to": [{"id": t} for t in to]}
        if paged:
            result["paging"] = {"next": {"after": "a"}}
        return {"results": [result]}

    known = {"1": ["2", "3"]}
    assert rules.known_associations_problems(read(["2", "3"], False), known) == []
    assert rules.known_associations_problems(read(["2"], True), known) == []
    assert rules.known_associations_problems(read(["2"], False), known) != []
