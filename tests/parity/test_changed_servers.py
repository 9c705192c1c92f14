"""Every change a broken or realistic server (tests/contract) makes that the scenario reaches is
reported, naming the exchange and the JSON path; a change it cannot reach is listed here with
the reason, and then nothing may be reported.

Each server runs in this process (its ASGI app through an httpx transport) in front of the
served stand-in; the recording it is held to is of an unchanged proxy in front of the same
stand-in, so that what the proxy itself does (it drops headers from answers to bodies that are
not JSON) is no difference.
"""

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from hubspot_toolkit.parity.check import check
from hubspot_toolkit.parity.compare import Divergence
from hubspot_toolkit.parity.record import Target, record
from hubspot_toolkit.parity.scenario import settings_from_spec
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.testing.transport import _LOOP, StandInTransport
from tests.contract import broken_servers
from tests.parity.conftest import LIMITED, TOKEN, Served
from tests.paths import SPEC_DIR

UNCHANGED = "parity-unchanged"
DATED = "2026-03"  # a dated version every spec/ holds
# kind -> (exchange, JSON path) pairs that must each be among the divergences
REACHED: dict[str, list[tuple[str, str]]] = {
    "drops_required_field": [("v3/upsert/create", "$.body.completedAt")],
    "wrong_type": [("v3/upsert/create", "$.body.status"), ("v3/read/unknown-id", "$.body.status")],
    "undocumented_status": [("v3/upsert/create", "$.status")],
    "accepts_invalid_input": [
        ("v3/upsert/duplicate-keys", "$.status"),
        ("v3/read/too-many-inputs", "$.status"),
    ],
    "ignores_auth": [("v3/upsert/invalid-token", "$.status"), ("v3/read/no-token", "$.status")],
    "duplicates_upsert": [
        ("v3/upsert/update", "$.body.results[0].new"),
        ("v3/upsert/update", "$.body.results[0].id"),
    ],
    "server_error_on_edge_input": [("v3/upsert/empty-inputs", "$.status")],
    "misattributes_trace_ids": [("v3/upsert/create", "$.body.results[0].objectWriteTraceId")],
    "forgets_creation_time": [("v3/upsert/update", "$.body.results[0].createdAt")],
    "drops_an_existing_record": [
        ("v3/read/existing/companies-contacts", "$.body.results[1]"),
        ("v3/read/records-without-associations", "$.body.errors[1]"),
    ],
    "forbids_a_readable_type": [("v3/read/records-without-associations", "$.status")],
    "accepts_any_property": [
        ("v3/upsert/unknown-property", "$.status"),
        ("v3/upsert/non-unique-id-property", "$.status"),
    ],
    "versions_split": [(f"{DATED}/upsert/key-from-v3", "$.body.results[0].id")],
    "reused_correlation_id": [("v3/upsert/unknown-property", "$.body.correlationId")],
    "partial_failure_as_200": [("v3/upsert/per-input-errors", "$.status")],
    "created_after_updated": [
        ("v3/upsert/create", "relation v3/upsert/create: <id:1>.createdAt <= updatedAt"),
        ("v3/upsert/update", "relation v3/upsert/update: <id:1>.createdAt <= updatedAt"),
    ],
    "drops_upsert_properties": [("v3/upsert/create", "$.body.results[0].properties.name")],
    "wrong_type_ids": [
        (
            f"{DATED}/read/existing/contacts-companies",
            "$.body.results[0].to[0].associationTypes[0].typeId",
        )
    ],
    "paging_repeats": [
        (f"{DATED}/read/next-page/contacts-companies", "$.body.results[0].to[0].toObjectId")
    ],
    "hubspot_extras": [
        ("v3/upsert/create", "$.body.fieldAddedIn2027"),
        ("v3/upsert/create", "$.body.results[0].url"),
    ],
    "scopes_as_captured": [
        ("v3/upsert/missing-scope", "$.body.context"),
        ("v3/read/missing-scope", "$.body.links"),
    ],
    "batch_envelope_as_captured": [
        ("v3/upsert/create", "$.body.requestedAt"),
        ("v3/upsert/create", "$.body.links"),
    ],
    "time_ordered_correlation_ids": [("v3/upsert/duplicate-keys", "$.body.correlationId")],
    "numeric_to_object_ids": [
        (f"{DATED}/read/existing/contacts-companies", "$.body.results[0].to[0].toObjectId")
    ],
    "as_hubspot_is_captured": [
        ("v3/upsert/create", "$.body.requestedAt"),
        ("v3/upsert/missing-scope", "$.body.context"),
    ],
}
# kind -> why the scenario cannot see it (nothing may then be reported)
NOT_REACHED = {
    # only the rate headers' presence and form are recorded: their values change with every
    # other client of a portal
    "remaining_never_drops": "rate-limit header values",
    # the stand-in's 207 entries already lack errors, links and id; the scenario sends no
    # request to an unknown route
    "errors_as_captured": "already the stand-in's answers",
    # the scenario sorts unordered lists: an order that differs is no difference
    "results_out_of_order": "unordered results",
}


def every_kind() -> list[str]:
    return [*broken_servers.KINDS, *broken_servers.FAITHFUL]


def test_every_server_is_either_reached_or_explained() -> None:
    assert set(every_kind()) == set(REACHED) | set(NOT_REACHED)


@pytest.fixture(scope="module")
def proxies(served: Served) -> Iterator[Any]:
    """kind -> a target: that server, in front of the served stand-in."""
    opened: list[httpx.AsyncClient] = []

    class Closed(httpx.AsyncClient):  # each proxy's client to the stand-in, closed at the end
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            opened.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(broken_servers.FAITHFUL, UNCHANGED, lambda s, b, sent: (s, b))
        patch.setattr(broken_servers.httpx, "AsyncClient", Closed)
        apps: dict[str, Any] = {}

        def target(kind: str) -> Target:
            if kind not in apps:
                apps[kind] = broken_servers.build_app(kind, served.base_url, TOKEN)
            transport = StandInTransport(apps[kind])
            # the stand-in's own URL, so that its links read the same through every proxy
            return Target(served.base_url, TOKEN, LIMITED, transport=transport)

        try:
            yield target
        finally:
            for client in opened:
                _LOOP.run(client.aclose())


@pytest.fixture(scope="module")
def recordings(proxies: Any, served: Served) -> dict[bool, dict[str, Any]]:
    """dated -> the recording of the unchanged proxy: v3 and one dated version (True), v3 only
    (False: half the exchanges, for the changes v3 shows)."""
    settings = settings_from_spec(
        bundle_spec_dir(SPEC_DIR),
        prefix="contract-test-",
        id_property="external_line_item_id",
        associations=json.loads(served.associations.read_text()),
        limited=True,
    )
    made = {}
    for dated in (True, False):
        chosen = ("v3", DATED) if dated else ("v3",)
        versions = [v for v in settings["versions"] if v["version"] in chosen]
        made[dated] = record(proxies(UNCHANGED), settings | {"versions": versions})
    return made


def recording_for(recordings: dict[bool, dict[str, Any]], kind: str) -> dict[str, Any]:
    paths = REACHED.get(kind, [])
    return recordings[not paths or any(not e.startswith("v3/") for e, _ in paths)]


def test_an_unchanged_server_shows_no_divergence(
    proxies: Any, recordings: dict[bool, dict[str, Any]]
) -> None:
    assert check(recordings[True], proxies(UNCHANGED)) == []


def _where(divergences: list[Divergence]) -> set[tuple[str, str]]:
    return {(d.exchange, d.path) for d in divergences}


@pytest.mark.parametrize("kind", sorted(REACHED))
def test_each_change_is_reported_at_its_path(
    proxies: Any, recordings: dict[bool, dict[str, Any]], kind: str
) -> None:
    divergences = check(recording_for(recordings, kind), proxies(kind))
    missing = [pair for pair in REACHED[kind] if pair not in _where(divergences)]
    assert not missing, (missing, [d.line() for d in divergences[:20]])
    for divergence in divergences:  # each names what it bears on, from the recording
        assert divergence.ledger, divergence.line()


@pytest.mark.parametrize("kind", sorted(NOT_REACHED))
def test_a_change_the_scenario_cannot_see_shows_nothing(
    proxies: Any, recordings: dict[bool, dict[str, Any]], kind: str
) -> None:
    assert check(recordings[True], proxies(kind)) == []
