"""Neither client builder shows the token in repr() or str(), or takes one it cannot send."""

import pytest

from hubspot_toolkit.client.redacted import InvalidTokenError
from hubspot_toolkit.client.resilience import resilient_client
from hubspot_toolkit.client.strict import strict_client

SECRET = "pat-na1-0000-secret"


def test_client_reprs_hide_the_token() -> None:
    for client in (
        strict_client("http://127.0.0.1:9", SECRET),
        resilient_client("http://127.0.0.1:9", SECRET),
    ):
        for text in (repr(client), str(client)):
            assert SECRET not in text
            assert "http://127.0.0.1:9" in text


@pytest.mark.parametrize("token", ["", "two words", "line\nbreak", "non-ascii-é"])
def test_a_token_that_cannot_be_sent_is_refused_without_showing_it(token: str) -> None:
    for build in (strict_client, resilient_client):
        with pytest.raises(InvalidTokenError) as caught:
            build("http://127.0.0.1:9", token)
        assert token not in str(caught.value) or not token
