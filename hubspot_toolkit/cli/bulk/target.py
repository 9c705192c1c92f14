"""Where the bulk CLI sends, and with what: the token from the environment, and a base URL that
never carries that token in clear text across a network."""

import os
import sys
import warnings

import httpx

from hubspot_toolkit.client.bulk.versions import endpoint
from hubspot_toolkit.client.redacted import InvalidTokenError, check_token
from hubspot_toolkit.client.url_safety import InsecureURLError, check_token_url
from hubspot_toolkit.errors import HubSpotToolkitError
from hubspot_toolkit.spec.lifecycle import UnsupportedVersionWarning

TOKEN_VARIABLE = "HUBSPOT_ACCESS_TOKEN"


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
    try:
        check_token_url(text, "--base-url")
    except InsecureURLError as exc:
        raise UsageError(str(exc)) from None
    return text


def api_version(version: str, tag: str, operation: str) -> str:
    """The version, if the generated client has the operation in it (else one line); a
    warning line when HubSpot no longer supports it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnsupportedVersionWarning)
        try:
            endpoint(tag, operation, version)
        except ValueError as exc:
            raise UsageError(f"--api-version {exc}") from None
    for warning in caught:
        print(f"warning: --api-version {warning.message}", file=sys.stderr)
    return version
