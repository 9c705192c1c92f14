"""The reference server's settings, and their checks (the command line fills them in)."""

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from hubspot_toolkit.errors import HubSpotToolkitError

DEFAULT_DB = Path("var") / "reference-server.sqlite3"
# The one portal the reference server stands in for: a fixed, made-up id.
PORTAL_ID = 12345678
DEFAULT_SPEC_DIR = Path("spec")


class ConfigError(HubSpotToolkitError):
    """A setting that cannot be used; the message names it."""


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    db: Path = DEFAULT_DB
    tokens_file: Path | None = None
    rate_limit: int | None = None  # requests per window per token; None = off
    rate_window: float = 10.0  # HubSpot's window; shorter ones keep tests of pacing quick
    associations_file: Path | None = None
    faults: float = 0.0  # fraction of requests answered with an injected failure
    spec_dir: Path = DEFAULT_SPEC_DIR
    # associations per `from` id per answer: HubSpot pages past 100 (its announcement of
    # association paging, https://community.hubspot.com/t5/Developer-Announcements/
    # Announcing-a-change-to-how-v3-CRM-APIs-return-association-data/td-p/380265)
    page_size: int = 100
    properties_file: Path | None = None  # HubSpot's Properties API answer; None = the shipped one
    # Test-only routes that rewrite the server's state (server/control.py): never on by default.
    control: bool = False

    def __post_init__(self) -> None:
        bounds: list[tuple[str, float, float, float]] = [
            ("--port", self.port, 0, 65535),
            ("--rate-limit", self.rate_limit or 0, 0, 10**6),
            ("--rate-window", self.rate_window, 0.1, 3600),
            ("--faults", self.faults, 0, 1),
            ("--page-size", self.page_size, 1, 10**5),
        ]
        for name, value, low, high in bounds:
            if not low <= value <= high:
                raise ConfigError(f"{name} {value:g} must be between {low:g} and {high:g}")
        for name, path in (
            ("--tokens", self.tokens_file),
            ("--associations", self.associations_file),
        ):
            if path is not None and not path.is_file():
                raise ConfigError(f"{name} {path}: no such file")
        if self.control and not is_loopback(self.host):
            raise ConfigError(
                f"--control needs a loopback --host (127.0.0.1, ::1 or localhost), not "
                f"{self.host!r}: its routes let whoever reaches them rewrite every record"
            )


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1 (the client's url_safety has its own: the server must
    not import the client)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
