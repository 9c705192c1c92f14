"""An error's category (and a 429's errorType) must fit its status, as HubSpot is captured
answering: what hubspot_values_make_sense judges every error answer by."""

import pytest

from contract_tests.checks.semantics import category_problems

RATE_LIMITED = {
    "status": "error",
    "message": "You have reached your ten_secondly_rolling limit.",
    "errorType": "RATE_LIMIT",
    "policyName": "TEN_SECONDLY_ROLLING",
}


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (429, RATE_LIMITED),  # captured: errorType, no category
        (429, {**RATE_LIMITED, "category": "RATE_LIMITS"}),  # newer docs (ledger)
        (429, {**RATE_LIMITED, "category": "RATE_LIMIT"}),
        (400, {"message": "Unable to infer object type from: widgets"}),  # captured: none
        (400, {"category": "VALIDATION_ERROR"}),
        (401, {"category": "INVALID_AUTHENTICATION"}),
        (403, {"category": "MISSING_SCOPES"}),
        (404, {"message": "resource not found"}),
    ],
)
def test_answers_as_hubspot_gives_them_raise_nothing(status: int, body: dict[str, str]) -> None:
    assert category_problems(status, body) == []


@pytest.mark.parametrize(
    ("status", "body", "named"),
    [
        (429, {**RATE_LIMITED, "category": "VALIDATION_ERROR"}, "category 'VALIDATION_ERROR'"),
        (429, {**RATE_LIMITED, "errorType": "SERVER_ERROR"}, "errorType 'SERVER_ERROR'"),
        (403, {"category": "VALIDATION_ERROR"}, "HubSpot's 403s have MISSING_SCOPES"),
        (401, {}, "category None"),
    ],
)
def test_a_category_that_does_not_fit_its_status_is_named(
    status: int, body: dict[str, str], named: str
) -> None:
    problems = category_problems(status, body)
    assert len(problems) == 1 and named in problems[0], problems
