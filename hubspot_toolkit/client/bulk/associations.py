"""Read the associations of any number of ids: chunks of at most 1000 inputs, N requests in
flight, every page of every id, as HubSpot is observed to answer.

- A record without associations of the type asked for comes back as a 207 error entry
  `crm.associations.NO_ASSOCIATIONS_FOUND`, not as a result (ledger: no-associations-207-*):
  that is an empty list, not a failure.
- The dated versions page with `after` in an input. v3 does not: an `after` sent back is
  silently ignored (HubSpot's SDK maintainer, https://github.com/HubSpot/hubspot-api-python/
  issues/187). So a v3 read of a record with more than one page of associations continues
  that record through the newest dated version the client was generated with, keeps v3's
  first page as it came and adds the records that page lacked, in v3's shape.

An id whose read failed is in `failed`, never in `associations`, so that a partial list is
never mistaken for the whole one."""

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from hubspot_crm_client import AuthenticatedClient
from hubspot_crm_client.models import (
    AssociatedId,
    BatchInputPublicObjectId,
    BatchResponsePublicAssociationMulti,
    BatchResponsePublicAssociationMultiWithErrors,
    BatchResponsePublicAssociationMultiWithLabel,
    BatchResponsePublicAssociationMultiWithLabelWithErrors,
    MultiAssociatedObjectWithLabel,
    PublicObjectId,
)
from hubspot_crm_client.types import Response, Unset

from hubspot_toolkit.client.bulk.dispatch import (
    ChunkJob,
    send_tasks,
    send_threads,
    stream_tasks,
    stream_threads,
)
from hubspot_toolkit.client.bulk.outcome import (
    EVERY_REQUEST_REFUSED,
    Failure,
    batch_errors,
    failure_from_answer,
    failures_by_key,
    unnamed_failure,
)
from hubspot_toolkit.client.bulk.versions import (
    as_body,
    batch_answers,
    body_model,
    dated_versions,
    endpoint,
)
from hubspot_toolkit.client.resilience import Gate
from hubspot_toolkit.crm.association_types import v3_type_names
from hubspot_toolkit.crm.object_types import plural_name, resolve
from hubspot_toolkit.spec.versions import READ, V3

# v3's answers, and the dated versions' (v4's shape: `toObjectId` and `associationTypes`)
BatchAnswer = (
    BatchResponsePublicAssociationMulti
    | BatchResponsePublicAssociationMultiWithErrors
    | BatchResponsePublicAssociationMultiWithLabel
    | BatchResponsePublicAssociationMultiWithLabelWithErrors
)
# One associated record: {id, type} in v3, {toObjectId, associationTypes} in dated versions.
Associated = AssociatedId | MultiAssociatedObjectWithLabel
# HubSpot's limit of inputs per batch read, since 2025-02-10 (https://developers.hubspot.com/
# changelog/bug-fix-batch-read-limit-for-hubspot-associations-api); spec/ says it as maxItems
MAX_CHUNK = 1000
# One read input: an id, and the cursor of its next page (None for the first page).
Input = tuple[str, str | None]
# Per id: its associations on this page and the next page's cursor, or why it failed.
Page = tuple[list[Associated], str | None] | Failure
Tag = TypeVar("Tag")
NO_ASSOCIATIONS = "crm.associations.NO_ASSOCIATIONS_FOUND"


@dataclass(frozen=True)
class FailedRead:
    id: str
    failure: Failure


# The record type of a report: v3's AssociatedId, or a dated version's
# MultiAssociatedObjectWithLabel.
R = TypeVar("R", AssociatedId, MultiAssociatedObjectWithLabel)


@dataclass
class AssociationsReport(Generic[R]):
    """Every id asked for is a key of `associations` (its complete list, maybe empty) or in
    `failed`, never both."""

    associations: dict[str, list[R]] = field(default_factory=dict)
    failed: list[FailedRead] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


class _Job(ChunkJob[list[Input], Any, dict[str, Page]]):
    # every version's batch answers (2026-09's partial failure is a 200 of its own model)
    batch_answers = batch_answers("associations", READ)

    def __init__(self, ids: Iterable[str], chunk_size: int, version: str = V3) -> None:
        super().__init__()
        self.version = version
        self.body_model = body_model(endpoint("associations", READ, version))
        # v3 ids with more than one page, continued through a dated version
        self.beyond_first_page: list[str] = []
        if not 1 <= chunk_size <= MAX_CHUNK:
            raise ValueError(f"chunk_size must be between 1 and {MAX_CHUNK}, not {chunk_size}")
        self.ids = list(dict.fromkeys(ids))  # asking twice for one id is the same read
        if bad := [i for i in self.ids if not isinstance(i, str) or not i]:
            raise ValueError(f"ids must be non-empty strings: {bad[:5]!r}")
        self.chunk_size = chunk_size
        self.found: dict[str, list[Associated]] = {i: [] for i in self.ids}
        self.failed: dict[str, Failure] = {}
        self.cursors_seen: set[Input] = set()
        self.pending: list[Input] = [(i, None) for i in self.ids]

    def next_round(self) -> list[list[Input]]:
        """The chunks of this round (first pages, then every next page found)."""
        pending, self.pending = self.pending, []
        size = self.chunk_size
        return [pending[i : i + size] for i in range(0, len(pending), size)]

    def body(self, chunk: list[Input]) -> Any:
        """v3's input model, or a dated version's (whose inputs carry `after`)."""
        if self.version == V3:
            return BatchInputPublicObjectId(inputs=[PublicObjectId(id=i) for i, _ in chunk])
        inputs = [{"id": i} if a is None else {"id": i, "after": a} for i, a in chunk]
        return self.body_model.from_dict({"inputs": inputs})

    def fail_all(self, chunk: list[Input], failure: Failure) -> dict[str, Page]:
        return {i: failure for i, _ in chunk}

    def answered(self, chunk: list[Input], response: Response[Any]) -> dict[str, Page]:
        """A read's body is only ids, which are checked before sending: a 400 of the whole
        request (not a batch answer naming ids) refuses what every request shares, the object
        types in its path (an unknown one: ledger unknown-object-type). No later request can
        succeed: stop at once, and leave the ids unsettled."""
        if int(response.status_code) != 400 or isinstance(response.parsed, self.batch_answers):
            return super().answered(chunk, response)
        refused = failure_from_answer(response)
        self.stop.set(f"every request is refused with {refused}")
        return self.fail_all(
            chunk, Failure(400, EVERY_REQUEST_REFUSED, refused.message, refused.correlation_id)
        )

    def from_batch(self, chunk: list[Input], parsed: BatchAnswer, status: int) -> dict[str, Page]:
        pages: dict[str, Page] = {}
        asked = {i for i, _ in chunk}
        for result in parsed.results:
            if result.from_.id in asked:
                cursor = None
                if not isinstance(result.paging, Unset) and not isinstance(
                    result.paging.next_, Unset
                ):
                    cursor = result.paging.next_.after
                pages[result.from_.id] = (list(result.to), cursor)
        errors = batch_errors(parsed)
        for error in errors:
            if isinstance(error.sub_category, str) and error.sub_category == NO_ASSOCIATIONS:
                for key in error.context.additional_properties.get("fromObjectId", []):
                    if key in asked and key not in pages:
                        pages[key] = ([], None)
        named = failures_by_key(errors, status)
        for i in asked - pages.keys():
            pages[i] = named.get(i) or unnamed_failure(errors, status)
        return pages

    def settle(self, chunks: list[list[Input]], answers: list[dict[str, Page]]) -> None:
        for chunk, pages in zip(chunks, answers, strict=True):
            for key, _ in chunk:
                page = pages[key]
                if isinstance(page, Failure):
                    self.failed[key] = page
                    continue
                associated, cursor = page
                self.found[key].extend(associated)
                if cursor is None:
                    continue
                if self.version == V3:
                    self.beyond_first_page.append(key)
                    continue
                if (key, cursor) in self.cursors_seen:
                    self.failed[key] = Failure(None, "PAGING_LOOP", f"cursor {cursor!r} repeated")
                    continue
                self.cursors_seen.add((key, cursor))
                self.pending.append((key, cursor))

    def continuation(self) -> str | None:
        """The dated version that continues v3's records past their first page (None: none
        needed); ids whose continuation is impossible fail here, named."""
        if not self.beyond_first_page:
            return None
        dated = dated_versions("associations", READ)
        if not dated:
            for key in self.beyond_first_page:
                self.failed[key] = Failure(
                    None,
                    "PAGING_UNSUPPORTED",
                    "more than one page of associations, and v3 does not page: track a dated "
                    "version in spec/ and regenerate to read the rest",
                )
            self.beyond_first_page = []
            return None
        return dated[-1]

    def continue_with(self, types: tuple[str, str], report: "AssociationsReport[Any]") -> None:
        """Add to each continued v3 record the associations the dated read found beyond v3's
        first page, named as v3 names them."""
        names = tuple(plural_name(resolve(t) or t) for t in types)
        self.sent += report.requests
        for failed in report.failed:
            self.failed[failed.id] = failed.failure
        for key, dated in report.associations.items():
            seen = {to.id for to in self.found[key] if isinstance(to, AssociatedId)}
            for to in dated:
                to_id = str(to.to_object_id)
                if to_id in seen:
                    continue
                kinds = [kind.to_dict() for kind in to.association_types]
                for name in v3_type_names(names[0], names[1], kinds):
                    self.found[key].append(AssociatedId(id=to_id, type_=name))
        self.beyond_first_page = []

    def report(self, started: float) -> AssociationsReport[Any]:
        return AssociationsReport(
            associations={i: to for i, to in self.found.items() if i not in self.failed},
            failed=[FailedRead(i, f) for i, f in self.failed.items()],
            requests=self.sent,
            seconds=time.monotonic() - started,
        )


def _read(
    client: AuthenticatedClient,
    types: tuple[str, str],
    ids: Iterable[str],
    concurrency: int,
    chunk_size: int,
    version: str,
) -> AssociationsReport[Any]:
    operation = endpoint("associations", READ, version)
    job = _Job(ids, chunk_size, version)
    started = time.monotonic()

    def call(body: BatchInputPublicObjectId) -> Response[Any]:
        answer: Response[Any] = operation.sync_detailed(
            *types, client=client, body=as_body(operation, body)
        )
        return answer

    while chunks := job.next_round():
        job.settle(chunks, send_threads(job, chunks, call, concurrency))
    if dated := job.continuation():
        rest = job.beyond_first_page
        job.continue_with(types, _read(client, types, rest, concurrency, chunk_size, dated))
    return job.report(started)


async def _aread(
    client: AuthenticatedClient,
    types: tuple[str, str],
    ids: Iterable[str],
    concurrency: int,
    chunk_size: int,
    version: str,
) -> AssociationsReport[Any]:
    operation = endpoint("associations", READ, version)
    job = _Job(ids, chunk_size, version)
    started = time.monotonic()

    async def call(body: BatchInputPublicObjectId) -> Response[Any]:
        answer: Response[Any] = await operation.asyncio_detailed(
            *types, client=client, body=as_body(operation, body)
        )
        return answer

    while chunks := job.next_round():
        job.settle(chunks, await send_tasks(job, chunks, call, concurrency))
    if dated := job.continuation():
        rest = job.beyond_first_page
        continued = await _aread(client, types, rest, concurrency, chunk_size, dated)
        job.continue_with(types, continued)
    return job.report(started)


def _dated(version: str) -> str:
    if version == V3:
        raise ValueError("version 'v3': use read_associations / aread_associations")
    return version


def read_associations(
    client: AuthenticatedClient,
    from_object_type: str,
    to_object_type: str,
    ids: Iterable[str],
    *,
    concurrency: int = 4,
    chunk_size: int = MAX_CHUNK,
) -> AssociationsReport[AssociatedId]:
    """The complete associations of every id in `ids` (records of `from_object_type`) with
    records of `to_object_type`, through v3; object types by name (`contacts`) or id (`0-1`)."""
    types = (from_object_type, to_object_type)
    return _read(client, types, ids, concurrency, chunk_size, V3)


def read_associations_dated(
    client: AuthenticatedClient,
    from_object_type: str,
    to_object_type: str,
    ids: Iterable[str],
    *,
    version: str,
    concurrency: int = 4,
    chunk_size: int = MAX_CHUNK,
) -> AssociationsReport[MultiAssociatedObjectWithLabel]:
    """read_associations through one of HubSpot's dated versions (`2026-03`), whose answers
    list `toObjectId` and `associationTypes` per associated record."""
    types = (from_object_type, to_object_type)
    return _read(client, types, ids, concurrency, chunk_size, _dated(version))


async def aread_associations(
    client: AuthenticatedClient,
    from_object_type: str,
    to_object_type: str,
    ids: Iterable[str],
    *,
    concurrency: int = 4,
    chunk_size: int = MAX_CHUNK,
) -> AssociationsReport[AssociatedId]:
    """The async form of read_associations."""
    types = (from_object_type, to_object_type)
    return await _aread(client, types, ids, concurrency, chunk_size, V3)


async def aread_associations_dated(
    client: AuthenticatedClient,
    from_object_type: str,
    to_object_type: str,
    ids: Iterable[str],
    *,
    version: str,
    concurrency: int = 4,
    chunk_size: int = MAX_CHUNK,
) -> AssociationsReport[MultiAssociatedObjectWithLabel]:
    """The async form of read_associations_dated."""
    types = (from_object_type, to_object_type)
    return await _aread(client, types, ids, concurrency, chunk_size, _dated(version))


def stream_read_associations(
    client: AuthenticatedClient,
    from_object_type: str,
    to_object_type: str,
    chunks: Iterable[tuple[Tag, list[str]]],
    done: Callable[[tuple[Tag, list[str]], AssociationsReport[Any]], None],
    *,
    concurrency: int = 4,
    stopping: Callable[[], bool] = lambda: False,
    version: str = V3,
    gate: Gate | None = None,
) -> None:
    """Read chunks of distinct ids (at most MAX_CHUNK each), each with a tag of the caller's,
    as `chunks` yields them: each chunk read to its last page by one worker, `concurrency`
    chunks at a time. `done((tag, chunk), report)` runs in the caller's thread as each chunk
    completes; `stopping()` true stops taking chunks; once `gate` is closed no request leaves.
    `version`: v3 or a dated one."""
    endpoint("associations", READ, version)  # refuse it before reading
    types = (from_object_type, to_object_type)

    def work(item: tuple[Tag, list[str]]) -> AssociationsReport[Any]:
        ids = item[1]
        return _read(client, types, ids, 1, len(ids), version)

    stream_threads(chunks, work, concurrency, done, stopping, gate)


async def astream_read_associations(
    client: AuthenticatedClient,
    from_object_type: str,
    to_object_type: str,
    chunks: AsyncIterator[tuple[Tag, list[str]]],
    done: Callable[[tuple[Tag, list[str]], AssociationsReport[Any]], Awaitable[None] | None],
    *,
    concurrency: int = 4,
    stopping: Callable[[], bool] = lambda: False,
    version: str = V3,
    gate: Gate | None = None,
) -> None:
    """The async form of stream_read_associations: tasks on the running loop, `done` called (or
    awaited) on it. Cancelled, it lets the chunks in flight finish and hands them to `done`
    first."""
    endpoint("associations", READ, version)  # refuse it before reading
    types = (from_object_type, to_object_type)

    async def work(item: tuple[Tag, list[str]]) -> AssociationsReport[Any]:
        ids = item[1]
        return await _aread(client, types, ids, 1, len(ids), version)

    await stream_tasks(chunks, work, concurrency, done, stopping, gate)
