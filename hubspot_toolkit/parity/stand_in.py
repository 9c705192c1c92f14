"""The in-process stand-in, arranged from what a recording shows: its named records and their
associations, the key property, a token with every scope and one with none, and the page size
its paged answers show; serving the spec folder, so that every version recorded is served."""

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hubspot_toolkit.parity.record import ParityError, Target
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.app import create_app
from hubspot_toolkit.server.config import ServerConfig
from hubspot_toolkit.server.control import ControlledApp
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.operations import versions_of
from hubspot_toolkit.testing.in_process import BASE_URL, MEMORY, InProcessStandIn

DEFAULT_PAGE_SIZE = 100  # HubSpot's v3 page of associations (ledger: v3-page-size-100)


def page_size(recording: dict[str, Any]) -> int:
    """The shortest page a paged answer shows (HubSpot's 100 when none is paged)."""
    sizes = [
        len(result.get("to", []))
        for exchange in recording["exchanges"]
        for result in _results(exchange.get("response", {}).get("body"))
        if isinstance(result, dict) and result.get("paging")
    ]
    return min([s for s in sizes if s > 0], default=DEFAULT_PAGE_SIZE)


def _results(body: Any) -> list[Any]:
    results = body.get("results") if isinstance(body, dict) else None
    return results if isinstance(results, list) else []


@contextmanager
def arranged(recording: dict[str, Any], spec_dir: Path) -> Iterator[Target]:
    """A target on a fresh in-process stand-in arranged for recording's scenario."""
    scenario = recording["scenario"]
    try:
        spec = bundle_spec_dir(spec_dir)
    except Exception as exc:  # any unreadable spec folder: one line, exit 2
        raise ParityError(f"--spec-dir {spec_dir}: {exc}") from None
    served = versions_of(spec)
    missing = [v["version"] for v in scenario["versions"] if v["version"] not in served]
    if missing:
        raise ParityError(
            f"the recording covers API version {missing[0]}, which {spec_dir} does not hold"
        )
    with tempfile.TemporaryDirectory(prefix="hubspot-parity-") as work:
        associations = Path(work) / "associations.json"
        associations.write_text(json.dumps(scenario["associations"]), encoding="utf-8")
        config = ServerConfig(
            db=MEMORY,
            control=True,
            associations_file=associations,
            page_size=page_size(recording),
        )
        app = create_app(config, spec)
        assert isinstance(app, ControlledApp)
        hubspot = InProcessStandIn(app)
        try:
            for entry in scenario.get("properties", []):
                hubspot.define_property(
                    entry["name"],
                    entry.get("type", "string"),
                    unique=entry.get("unique", False),
                    options=entry.get("options", ()),
                )
            defined = {entry["name"] for entry in scenario.get("properties", [])}
            if scenario["idProperty"] not in defined | {SHIPPED_UNIQUE_KEY}:
                hubspot.define_property(scenario["idProperty"], unique=True)
            limited = hubspot.add_token([]) if scenario.get("limitedToken") else None
            yield Target(BASE_URL, hubspot.token, limited, transport=hubspot.transport)
        finally:
            hubspot.close()
