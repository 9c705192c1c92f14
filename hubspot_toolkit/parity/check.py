"""`parity check`: replay a recording's scenario against a target and compare."""

from typing import Any

from hubspot_toolkit.parity.compare import Divergence, compare
from hubspot_toolkit.parity.record import Target, new_run, run


def check(recording: dict[str, Any], target: Target) -> list[Divergence]:
    """Every way target answers the recording's scenario differently from the recording."""
    _, mark = new_run()
    return compare(recording, run(target, recording["scenario"], mark))
