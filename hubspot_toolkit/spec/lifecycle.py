"""HubSpot's API versions as data: when each is current, supported and unsupported.

The dates and their sources are in lifecycle.json beside this module (HubSpot's published
schedule; v3's end in September 2027). It needs nothing beyond the standard library, so the
bulk jobs and the client can warn too.
"""

import datetime as dt
import json
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from hubspot_toolkit.errors import HubSpotToolkitError


class Status(StrEnum):
    CURRENT = "current"
    SUPPORTED = "supported"
    UNSUPPORTED = "unsupported"


class UnknownVersion(HubSpotToolkitError):
    """A version HubSpot's schedule (lifecycle.json) does not list."""


class UnsupportedVersionWarning(UserWarning):
    """A call goes to an API version HubSpot no longer supports (no fixes, any day may end it)."""


@dataclass(frozen=True)
class Lifecycle:
    version: str
    released: dt.date | None  # None: released before HubSpot's schedule (v3)
    current_until: dt.date  # first day it is only supported
    unsupported_from: dt.date  # first day it is unsupported
    legacy: bool
    beta: bool
    basis: str  # where the dates come from

    @property
    def supported_until(self) -> dt.date:
        """The last day it is supported."""
        return self.unsupported_from - dt.timedelta(days=1)

    def status(self, on: dt.date | None = None) -> Status:
        day = on or dt.date.today()
        if day >= self.unsupported_from:
            return Status.UNSUPPORTED
        if day >= self.current_until or (self.released is not None and day < self.released):
            return Status.SUPPORTED
        return Status.CURRENT

    def describe(self, on: dt.date | None = None) -> str:
        """`2026-03: supported until 2027-09-29`, as the CLI reports it."""
        state = self.status(on)
        kind = " (legacy)" if self.legacy else " (beta)" if self.beta else ""
        if state is Status.UNSUPPORTED:
            return f"{self.version}{kind}: unsupported since {self.unsupported_from}"
        if state is Status.CURRENT:
            return f"{self.version}{kind}: current, supported until {self.supported_until}"
        return f"{self.version}{kind}: supported until {self.supported_until}"


@cache
def schedule() -> dict[str, Lifecycle]:
    """Every version HubSpot's schedule lists, by name (`v3`, `2026-09`)."""
    text = resources.files(__package__).joinpath("lifecycle.json").read_text(encoding="utf-8")
    entries = json.loads(text)["versions"]
    return {
        name: Lifecycle(
            version=name,
            released=dt.date.fromisoformat(entry["released"]) if entry["released"] else None,
            current_until=dt.date.fromisoformat(entry["current_until"]),
            unsupported_from=dt.date.fromisoformat(entry["unsupported_from"]),
            legacy=bool(entry.get("legacy", False)),
            beta=bool(entry.get("beta", False)),
            basis=entry["basis"],
        )
        for name, entry in entries.items()
    }


def lifecycle(version: str) -> Lifecycle:
    try:
        return schedule()[version]
    except KeyError:
        known = ", ".join(schedule())
        raise UnknownVersion(f"{version}: not in HubSpot's schedule (known: {known})") from None


def status(version: str, on: dt.date | None = None) -> Status:
    """current / supported / unsupported on that day (today by default)."""
    return lifecycle(version).status(on)


def newest(on: dt.date | None = None, among: set[str] | None = None) -> str:
    """The version a new integration should use on that day: the latest released, generally
    available one (HubSpot: "for new integrations, always use the latest date version")."""
    day = on or dt.date.today()
    candidates = [
        item
        for item in schedule().values()
        if not item.legacy
        and not item.beta
        and item.released is not None
        and item.released <= day
        and (among is None or item.version in among)
    ]
    if not candidates:
        raise UnknownVersion(f"no generally available version on {day}")
    return max(candidates, key=lambda item: item.released or dt.date.min).version


def unsupported_message(version: str, on: dt.date | None = None) -> str | None:
    """Why calling version is a risk on that day, or None when it is supported (or unknown:
    a version spec/ tracks but the schedule lacks is for the import to report)."""
    item = schedule().get(version)
    if item is None or item.status(on) is not Status.UNSUPPORTED:
        return None
    return (
        f"API version {version} is unsupported since {item.unsupported_from} (HubSpot fixes "
        f"nothing in it any more); move to {newest(on)}"
    )


def warn_if_unsupported(version: str, on: dt.date | None = None) -> str | None:
    """Warn (UnsupportedVersionWarning) when version is unsupported on that day; the message."""
    message = unsupported_message(version, on)
    if message is not None:
        warnings.warn(message, UnsupportedVersionWarning, stacklevel=2)
    return message


def report(versions: Iterable[str], on: dt.date | None = None) -> list[str]:
    """One line per version, oldest first, with its status on that day, then the version a new
    integration should use: what `sync-spec` and `spec-diff` print."""
    known = schedule()
    order = {name: index for index, name in enumerate(known)}
    lines = [
        known[name].describe(on) if name in known else f"{name}: not in HubSpot's schedule"
        for name in sorted(set(versions), key=lambda name: (order.get(name, len(order)), name))
    ]
    lines.append(f"for new integrations: {newest(on)}")
    return lines
