"""`parity check`: replay a recording's scenario against a target and compare."""

from typing import Any

from hubspot_toolkit.parity.compare import Divergence, compare
from hubspot_toolkit.parity.record import ParityError, Target, new_run, run


def check(recording: dict[str, Any], target: Target) -> list[Divergence]:
    """Every way target answers the recording's scenario differently from the recording."""
    if recording["scenario"].get("limitedToken") and not target.limited_token:
        raise ParityError(
            "the recording has missing-scope exchanges: set HUBSPOT_LIMITED_TOKEN to a token of "
            f"{target.base_url} without the operations' scopes"
        )
    _, mark = new_run()
    return compare(recording, run(target, recording["scenario"], mark))
