"""A token goes over plain http:// only to loopback, unless the user opts in."""

import pytest

from hubspot_toolkit.client.url_safety import InsecureURLError, check_token_url


@pytest.mark.parametrize(
    "url",
    [
        "https://api.hubapi.com",
        "http://127.0.0.1:8000",
        "http://127.8.9.10",
        "http://localhost:8000/x",
        "http://[::1]:8000",
    ],
)
def test_allowed(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBSPOT_ALLOW_INSECURE_HTTP", raising=False)
    check_token_url(url, "URL")


@pytest.mark.parametrize(
    "url", ["http://api.hubapi.com", "http://10.0.0.5:8000", "http://localhost.evil.test"]
)
def test_refused_with_one_line_naming_the_opt_in(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBSPOT_ALLOW_INSECURE_HTTP", raising=False)
    with pytest.raises(InsecureURLError, match="HUBSPOT_ALLOW_INSECURE_HTTP=1"):
        check_token_url(url, "URL")
    monkeypatch.setenv("HUBSPOT_ALLOW_INSECURE_HTTP", "1")
    check_token_url(url, "URL")
