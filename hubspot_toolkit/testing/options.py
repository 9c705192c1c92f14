"""The variants a test asks for by name: `@pytest.mark.hubspot(...)`, `stand_in(...)`."""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hubspot_toolkit.spec.lifecycle import warn_if_unsupported
from hubspot_toolkit.testing.errors import StandInError

if TYPE_CHECKING:
    from hubspot_toolkit.testing.base import StandIn


@dataclass(frozen=True)
class Options:
    """scopes: the token's (hubspot.token gets exactly these); rate_limit: requests per
    rate_window seconds per token; faults: the fraction of requests answered with an injected
    failure (fault_seed makes which ones repeatable); properties: the portal's line item
    property definitions, a Properties API export file or its parsed JSON; version: serve only
    this API version (any spec/ tracks: v3, 2025-09, 2026-03, 2026-09), so that a call to
    another one fails (and warn when HubSpot no longer supports it)."""

    scopes: tuple[str, ...] | None = None
    rate_limit: int | None = None
    rate_window: float = 10.0
    faults: float = 0.0
    fault_seed: int | None = None
    properties: str | Path | Mapping[str, Any] | None = None
    version: str | None = None

    @classmethod
    def parse(cls, given: Mapping[str, Any], where: str) -> "Options":
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise StandInError(f"{where}: unknown option {unknown[0]!r}; known: {', '.join(known)}")
        values = dict(given)
        scopes = values.get("scopes")
        if scopes is not None:
            if isinstance(scopes, str) or not all(isinstance(s, str) for s in scopes):
                raise StandInError(f"{where}: scopes must be a list of strings, not {scopes!r}")
            values["scopes"] = tuple(scopes)
        for option, needs in (("rate_window", "rate_limit"), ("fault_seed", "faults")):
            if option in values and not values.get(needs):
                raise StandInError(f"{where}: {option} means nothing without {needs}")
        return cls(**values)

    def apply(self, hubspot: "StandIn") -> None:
        if self.properties is not None:
            hubspot.use_properties(self.properties)
        if self.version is not None:
            hubspot.serve_only(self.version)
            warn_if_unsupported(self.version)  # a test of code that calls a version HubSpot ended
        if self.rate_limit is not None:
            hubspot.limit_rate(self.rate_limit, self.rate_window)
        if self.faults:
            hubspot.inject_faults(self.faults, self.fault_seed)
        if self.scopes is not None:
            hubspot.token = hubspot.add_token(self.scopes)
