"""Which of the spec's API versions a run covers (`hubspot-toolkit contract --versions`)."""

import os

VERSIONS_VARIABLE = "HUBSPOT_CONTRACT_VERSIONS"


def chosen() -> tuple[str, ...] | None:
    """The versions asked for (`v3`, `2026-03`, …), or None for every version in the spec."""
    value = os.environ.get(VERSIONS_VARIABLE, "").strip()
    return tuple(v.strip() for v in value.split(",") if v.strip()) or None


def selected(version: str) -> bool:
    versions = chosen()
    return versions is None or version in versions
