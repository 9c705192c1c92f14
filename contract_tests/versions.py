"""Which of the spec's API versions a run covers (`hubspot-toolkit contract --versions`)."""

import os

VERSIONS_VARIABLE = "HUBSPOT_CONTRACT_VERSIONS"


def parse(text: str | None) -> tuple[str, ...] | None:
    """`v3, 2026-03` → ("v3", "2026-03"); None, for every version in the spec, when the text
    names none."""
    return tuple(v.strip() for v in (text or "").split(",") if v.strip()) or None


def chosen() -> tuple[str, ...] | None:
    """The versions the runner was asked for (it hands --versions down as the variable)."""
    return parse(os.environ.get(VERSIONS_VARIABLE))


def selected(version: str) -> bool:
    versions = chosen()
    return versions is None or version in versions
