"""Every change a broken or realistic server (tests/contract) makes that the scenario reaches is
reported, naming the exchange and the JSON path; a change it cannot reach is listed here with
the reason, and then nothing may be reported.

Each server runs in this process (its ASGI app through an httpx transport) in front of the
served stand-in; the recording it is held to is of an unchanged proxy in front of the same
stand-in, so that what the proxy itself does (it drops headers from answers to bodies that are
not JSON) is no difference.
"""

import json
from collections.abc import Callable, Iterator
from functools import cache
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
NO_207 = broken_servers.NO_207_VERSION  # a version whose partial failures are a 200
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
    "as_hubspot_is_captured": [
        ("v3/upsert/create", "$.body.requestedAt"),
        ("v3/upsert/missing-scope", "$.body.context"),
    ],
    "time_stands_still": [
        ("v3/upsert/update", "relation v3/upsert/update: <id:1>.updatedAt past v3/upsert/create"),
        (
            "v3/upsert/null-and-empty",
            "relation v3/upsert/null-and-empty: <id:2>.updatedAt past v3/upsert/create",
        ),
    ],
    "names_the_other_scopes": [
        ("v3/upsert/missing-scope", "$.body.context.missingScopes[0]"),
        ("v3/read/missing-scope", "$.body.context.missingScopes[0]"),
    ],
    "lists_a_record_twice": [
        ("v3/upsert/create", "$.body.results[2]"),
        ("v3/upsert/update", "$.body.results[1]"),
    ],
    "to_ids_not_records": [
        (f"{DATED}/read/existing/contacts-companies", "$.body.results[0].to[0].toObjectId")
    ],
    "pending_batches": [
        ("v3/upsert/create", "$.body.status"),
        ("v3/read/existing/contacts-companies", "$.body.status"),
    ],
    "answers_every_method": [
        ("v3/upsert/other-method", "$.status"),
        ("v3/read/other-method", "$.status"),
    ],
    "drops_paging": [
        ("v3/read/existing/contacts-companies", "$.body.results[0].paging"),
        ("v3/read/next-page/contacts-companies", "$"),
    ],
    "drops_num_errors": [
        ("v3/upsert/per-input-errors", "$.body.numErrors"),
        ("v3/read/unknown-id", "$.body.numErrors"),
    ],
    "multi_status_in_2026_09": [
        (f"{NO_207}/upsert/per-input-errors", "$.status"),
        (f"{NO_207}/read/unknown-id", "$.status"),
    ],
    "miscounts_errors_at_200": [
        (f"{NO_207}/upsert/per-input-errors", "$.body.numErrors"),
        (f"{NO_207}/read/records-without-associations", "$.body.numErrors"),
    ],
    "times_without_fractions": [
        ("v3/upsert/create", "$.body.startedAt"),
        ("v3/upsert/update", "$.body.results[0].updatedAt"),
    ],
    "string_to_object_ids": [
        (f"{DATED}/read/existing/contacts-companies", "$.body.results[0].to[0].toObjectId")
    ],
    "granular_scope_alternatives": [
        ("v3/upsert/missing-scope", "$.body.errors[0].context"),
        ("v3/read/missing-scope", "$.body.context"),
    ],
    "unrouted_methods_405": [
        ("v3/upsert/other-method", "$.status"),
        ("v3/read/other-method", '$.headers["content-type"]'),
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
    # the stand-in itself now sends a dated read's toObjectId as a JSON number
    "numeric_to_object_ids": "already the stand-in's answers",
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


Recordings = Callable[[tuple[str, ...]], dict[str, Any]]


@pytest.fixture(scope="module")
def recordings(proxies: Any, served: Served) -> Recordings:
    """versions -> the recording of the unchanged proxy for those versions only, made when first
    asked for: v3 alone holds half the exchanges, for the changes v3 shows."""
    settings = settings_from_spec(
        bundle_spec_dir(SPEC_DIR),
        prefix="contract-test-",
        id_property="external_line_item_id",
        associations=json.loads(served.associations.read_text()),
        limited=True,
    )

    @cache
    def made(chosen: tuple[str, ...]) -> dict[str, Any]:
        versions = [v for v in settings["versions"] if v["version"] in chosen]
        assert [v["version"] for v in versions] == list(chosen), "a version spec/ lacks"
        return record(proxies(UNCHANGED), settings | {"versions": versions})

    return made


def recording_for(recordings: Recordings, kind: str) -> dict[str, Any]:
    """The fewest versions that show a kind's paths (v3 and a dated version by default)."""
    named = {exchange.split("/")[0] for exchange, _ in REACHED.get(kind, [])}
    if named == {"v3"}:
        return recordings(("v3",))
    if named == {NO_207}:
        return recordings((NO_207,))
    return recordings(("v3", DATED))


def test_an_unchanged_server_shows_no_divergence(proxies: Any, recordings: Recordings) -> None:
    assert check(recordings(("v3", DATED)), proxies(UNCHANGED)) == []


def _where(divergences: list[Divergence]) -> set[tuple[str, str]]:
    return {(d.exchange, d.path) for d in divergences}


@pytest.mark.parametrize("kind", sorted(REACHED))
def test_each_change_is_reported_at_its_path(
    proxies: Any, recordings: Recordings, kind: str
) -> None:
    divergences = check(recording_for(recordings, kind), proxies(kind))
    missing = [pair for pair in REACHED[kind] if pair not in _where(divergences)]
    assert not missing, (missing, [d.line() for d in divergences[:20]])
    for divergence in divergences:  # each names what it bears on, from the recording
        assert divergence.ledger, divergence.line()


@pytest.mark.parametrize("kind", sorted(NOT_REACHED))
def test_a_change_the_scenario_cannot_see_shows_nothing(
    proxies: Any, recordings: Recordings, kind: str
) -> None:
    assert check(recording_for(recordings, kind), proxies(kind)) == []
