"""Tokens travel over plain http:// only to this machine.

A bearer token sent over http:// to another host can be read by anything on the path, so the
commands that send one refuse such a URL unless HUBSPOT_ALLOW_INSECURE_HTTP=1 says the user
means it (a lab network, a TLS-terminating sidecar).
"""

import ipaddress
import os
from urllib.parse import urlsplit

from hubspot_toolkit.errors import HubSpotToolkitError

ALLOW_VARIABLE = "HUBSPOT_ALLOW_INSECURE_HTTP"


class InsecureURLError(HubSpotToolkitError):
    """A URL a token must not be sent to; the message says why and how to opt in."""


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: traffic that never leaves this machine."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_token_url(url: str, source: str) -> None:
    """Raise InsecureURLError if a token would go over plain http:// to another machine."""
    parts = urlsplit(url)
    if parts.scheme != "http" or is_loopback(parts.hostname or ""):
        return
    if os.environ.get(ALLOW_VARIABLE, "").strip() == "1":
        return
    raise InsecureURLError(
        f"{source} {url!r}: refusing to send the token over plain http:// to "
        f"{parts.hostname} (anyone on the way could read it); use https://, or set "
        f"{ALLOW_VARIABLE}=1 for a lab setup"
    )
