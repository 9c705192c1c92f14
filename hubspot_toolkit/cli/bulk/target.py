"""Where the bulk CLI sends, and with what: the token from the environment, and a base URL that
never carries that token in clear text across a network."""

import ipaddress
import os

import httpx

from hubspot_toolkit.client.redacted import InvalidTokenError, check_token
from hubspot_toolkit.errors import HubSpotToolkitError

TOKEN_VARIABLE = "HUBSPOT_ACCESS_TOKEN"
# For lab setups (a reference server on another machine of a private network): 1 allows it.
INSECURE_VARIABLE = "HUBSPOT_ALLOW_INSECURE_HTTP"


class UsageError(HubSpotToolkitError):
    pass


def token() -> str:
    value = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not value:
        raise UsageError(f"set {TOKEN_VARIABLE} to a private app or OAuth access token")
    try:
        check_token(value)
    except InvalidTokenError as exc:
        raise UsageError(f"{TOKEN_VARIABLE}: {exc}") from None
    return value


def base_url(text: str) -> str:
    """The URL, if it is http(s) with a host, and plain http only to this machine: anyone on
    the path could read a token sent in clear text to another host."""
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError) as exc:
        raise UsageError(f"--base-url {text!r} is not a URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise UsageError(f"--base-url {text!r}: give an http:// or https:// URL with a host")
    allowed = os.environ.get(INSECURE_VARIABLE, "").strip() == "1"
    if url.scheme == "http" and not is_loopback(url.host) and not allowed:
        raise UsageError(
            f"--base-url {text!r}: refusing to send the token over plain http:// to "
            f"{url.host} (anyone on the way could read it); use https://, or set "
            f"{INSECURE_VARIABLE}=1 for a lab setup"
        )
    return text


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: traffic that never leaves this machine."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
