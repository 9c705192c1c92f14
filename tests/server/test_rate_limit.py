"""A rolling 10-second window per token, with HubSpot's 429 body and headers."""

from pathlib import Path

from hubspot_toolkit.server.process import ReferenceServer
from tests.server.conftest import Api, keyed


def test_over_the_limit_is_429_with_headers(fresh_db: Path) -> None:
    with ReferenceServer(fresh_db, rate_limit=5) as server:
        api = Api(server.base_url, "dev-token")
        answers = [api.upsert([keyed(f"R-{n}")]) for n in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert [a.headers["X-HubSpot-RateLimit-Remaining"] for a in answers[:5]] == [
        "4",
        "3",
        "2",
        "1",
        "0",
    ]
    limited = answers[5]
    assert limited.headers["X-HubSpot-RateLimit-Max"] == "5"
    assert limited.headers["X-HubSpot-RateLimit-Interval-Milliseconds"] == "10000"
    assert 1 <= int(limited.headers["Retry-After"]) <= 10
    body = limited.json()
    assert (body["errorType"], body["policyName"]) == ("RATE_LIMIT", "TEN_SECONDLY_ROLLING")
