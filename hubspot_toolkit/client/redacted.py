"""The generated AuthenticatedClient, minus the token in its repr (attrs would print it)."""

import re
from typing import Any

from hubspot_crm_client import AuthenticatedClient

from hubspot_toolkit.errors import HubSpotToolkitError

# Visible ASCII only: anything else cannot go into an HTTP header, and httpx's error for it
# would quote the whole header, token included.
_TOKEN = re.compile(r"[\x21-\x7e]+")


class InvalidTokenError(HubSpotToolkitError, ValueError):
    """The token cannot be sent; the message says why without showing it."""


def check_token(token: str) -> None:
    if not token:
        raise InvalidTokenError("the access token is empty")
    if not _TOKEN.fullmatch(token):
        raise InvalidTokenError(
            "the access token has characters no token has (spaces, line breaks, control or "
            "non-ASCII characters)"
        )


class RedactedClient(AuthenticatedClient):
    """An AuthenticatedClient whose repr() and str() never show the token."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        check_token(kwargs["token"] if "token" in kwargs else args[1])
        super().__init__(*args, **kwargs)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, token='***')"

    __str__ = __repr__
