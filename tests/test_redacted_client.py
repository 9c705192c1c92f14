"""Neither client builder shows the token in repr() or str()."""

from hubspot_toolkit.resilience import resilient_client
from hubspot_toolkit.strict import strict_client

SECRET = "pat-na1-0000-secret"


def test_client_reprs_hide_the_token() -> None:
    for client in (
        strict_client("http://127.0.0.1:9", SECRET),
        resilient_client("http://127.0.0.1:9", SECRET),
    ):
        for text in (repr(client), str(client)):
            assert SECRET not in text
            assert "http://127.0.0.1:9" in text
