"""Upsert any number of line items: checked first, sent in chunks of at most 100 with N
requests in flight, and every input accounted for in the report.

Results are matched to inputs through `objectWriteTraceId` (set to the input's place in its
chunk, which HubSpot echoes), falling back to the key property; per-input errors of a 207
through the keys they name in `context.ids`. An input matched by neither is reported failed,
never dropped.

Give the helpers a client made by `hubspot_toolkit.client.resilience.resilient_client`, so that 429s
and transient failures are paced and retried below them; they work with any
AuthenticatedClient, but then every such failure fails its chunk.
"""

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeVar

from hubspot_crm_client import AuthenticatedClient
from hubspot_crm_client.models import (
    BatchInputSimplePublicObjectBatchInputUpsert,
    BatchResponseSimplePublicUpsertObject,
    BatchResponseSimplePublicUpsertObjectWithErrors,
    PropertyMap,
    SimplePublicObjectBatchInputUpsert,
)
from hubspot_crm_client.types import Response

from hubspot_toolkit.client.bulk.dispatch import (
    ChunkJob,
    asend_one,
    send_one,
    send_tasks,
    send_threads,
    stream_tasks,
    stream_threads,
)
from hubspot_toolkit.client.bulk.outcome import (
    FailedItem,
    Failure,
    UpsertedItem,
    UpsertReport,
    batch_errors,
    failures_by_key,
    unnamed_failure,
)
from hubspot_toolkit.client.bulk.rows import LineItemRow, check_rows
from hubspot_toolkit.client.bulk.versions import as_body, batch_answers, endpoint
from hubspot_toolkit.client.resilience import Gate
from hubspot_toolkit.spec.versions import UPSERT, V3

# HubSpot's limit of inputs per batch write ("limited to 100 records at a time", its CRM object
# guides); spec/ says it as maxItems
MAX_CHUNK = 100
BatchAnswer = (
    BatchResponseSimplePublicUpsertObject | BatchResponseSimplePublicUpsertObjectWithErrors
)
Progress = Callable[[int], None]
Settled = tuple[list[UpsertedItem], list[FailedItem]]
Chunk = list[LineItemRow]
Tag = TypeVar("Tag")
# Rows from a file carry their line numbers; plain maps are numbered by position from 1.
Rows = Iterable[LineItemRow | Mapping[str, str]]


class UpsertBatches(
    ChunkJob[list[LineItemRow], BatchInputSimplePublicObjectBatchInputUpsert, Settled]
):
    """Upserts keyed by one property: each chunk's request, and its answer as settled inputs.
    The rows are checked beforehand (check_rows, or a file job's checking pass)."""

    # every version's batch answers (2026-09's partial failure is a 200 of its own model)
    batch_answers = batch_answers("line_items", UPSERT)

    def __init__(self, id_property: str, progress: Progress | None = None) -> None:
        super().__init__()
        self.id_property = id_property
        self._progress = progress

    def body(self, chunk: list[LineItemRow]) -> BatchInputSimplePublicObjectBatchInputUpsert:
        return BatchInputSimplePublicObjectBatchInputUpsert(
            inputs=[
                SimplePublicObjectBatchInputUpsert(
                    id=row.properties[self.id_property],
                    properties=PropertyMap.from_dict(row.properties),
                    id_property=self.id_property,
                    object_write_trace_id=str(place),
                )
                for place, row in enumerate(chunk)
            ]
        )

    def fail_all(self, chunk: list[LineItemRow], failure: Failure) -> Settled:
        return self._done([], [FailedItem(row, failure) for row in chunk])

    def from_batch(self, chunk: list[LineItemRow], parsed: BatchAnswer, status: int) -> Settled:
        by_place = {str(place): row for place, row in enumerate(chunk)}
        by_key = {row.properties[self.id_property]: row for row in chunk}
        upserted: dict[int, UpsertedItem] = {}
        for result in parsed.results:
            trace = result.object_write_trace_id
            row = by_place.get(trace) if isinstance(trace, str) else None
            if row is None:
                row = by_key.get(result.properties.additional_properties.get(self.id_property, ""))
            if row is not None:
                upserted[id(row)] = UpsertedItem(row, result.id, result.new)
        errors = batch_errors(parsed)
        named = failures_by_key(errors, status)
        failed = [
            FailedItem(
                row, named.get(row.properties[self.id_property]) or unnamed_failure(errors, status)
            )
            for row in chunk
            if id(row) not in upserted
        ]
        return self._done([upserted[id(r)] for r in chunk if id(r) in upserted], failed)

    def _done(self, upserted: list[UpsertedItem], failed: list[FailedItem]) -> Settled:
        if self._progress is not None:
            self._progress(len(upserted) + len(failed))
        return upserted, failed


class _Job(UpsertBatches):
    """One bulk upsert of rows held in memory: checked, then cut into chunks."""

    def __init__(
        self, rows: Rows, id_property: str, chunk_size: int, progress: Progress | None
    ) -> None:
        super().__init__(id_property, progress)
        if not 1 <= chunk_size <= MAX_CHUNK:
            raise ValueError(f"chunk_size must be between 1 and {MAX_CHUNK}, not {chunk_size}")
        as_rows = [
            row if isinstance(row, LineItemRow) else LineItemRow(place, row)
            for place, row in enumerate(rows, start=1)
        ]
        checked = check_rows(as_rows, id_property)
        self.chunks = [checked[i : i + chunk_size] for i in range(0, len(checked), chunk_size)]

    def report(self, settled: list[Settled], started: float) -> UpsertReport:
        report = UpsertReport(requests=self.sent, seconds=time.monotonic() - started)
        for upserted, failed in settled:
            for item in upserted:
                (report.created if item.new else report.updated).append(item)
            report.failed.extend(failed)
        return report


def upsert_line_items(
    client: AuthenticatedClient,
    rows: Rows,
    id_property: str,
    *,
    concurrency: int = 4,
    chunk_size: int = MAX_CHUNK,
    progress: Progress | None = None,
    version: str = V3,
) -> UpsertReport:
    """Upsert every row (a property map holding its `id_property` value) as a line item.

    Raises InvalidRowsError, before sending anything, if a row has no key, a non-text value or
    a key that another row has. Otherwise returns a report in which every row is created,
    updated or failed (with its reason). `progress` is called with the number of rows settled
    after each chunk, from worker threads. `version` is HubSpot's API version to call: `v3`,
    or a dated one the client has (`2026-03`)."""
    call = _sync_call(client, version)
    job = _Job(rows, id_property, chunk_size, progress)
    started = time.monotonic()
    return job.report(send_threads(job, job.chunks, call, concurrency), started)


async def aupsert_line_items(
    client: AuthenticatedClient,
    rows: Rows,
    id_property: str,
    *,
    concurrency: int = 4,
    chunk_size: int = MAX_CHUNK,
    progress: Progress | None = None,
    version: str = V3,
) -> UpsertReport:
    """The async form of upsert_line_items (tasks on the running loop instead of threads)."""
    call = _async_call(client, version)
    job = _Job(rows, id_property, chunk_size, progress)
    started = time.monotonic()
    return job.report(await send_tasks(job, job.chunks, call, concurrency), started)


def stream_upsert_line_items(
    client: AuthenticatedClient,
    chunks: Iterable[tuple[Tag, Chunk]],
    id_property: str,
    done: Callable[[tuple[Tag, Chunk], Settled], None],
    *,
    concurrency: int = 4,
    stopping: Callable[[], bool] = lambda: False,
    version: str = V3,
    gate: Gate | None = None,
) -> UpsertBatches:
    """Upsert chunks of checked rows (at most MAX_CHUNK each), each with a tag of the caller's
    (its index, say), as `chunks` yields them: `concurrency` requests in flight and only those
    chunks in memory. `done((tag, chunk), (upserted, failed))` runs in the caller's thread as
    each chunk settles; `stopping()` true stops taking chunks; once `gate` is closed no request
    leaves (the chunks not sent fail NOT_SENT). Returns the job (`.sent`)."""
    call = _sync_call(client, version)
    job = UpsertBatches(id_property)

    def work(item: tuple[Tag, Chunk]) -> Settled:
        return send_one(job, item[1], call)

    stream_threads(chunks, work, concurrency, done, stopping, gate)
    return job


async def astream_upsert_line_items(
    client: AuthenticatedClient,
    chunks: AsyncIterator[tuple[Tag, Chunk]],
    id_property: str,
    done: Callable[[tuple[Tag, Chunk], Settled], Awaitable[None] | None],
    *,
    concurrency: int = 4,
    stopping: Callable[[], bool] = lambda: False,
    version: str = V3,
    gate: Gate | None = None,
) -> UpsertBatches:
    """The async form of stream_upsert_line_items: tasks on the running loop, `done` called (or
    awaited) on it. Cancelled, it lets the requests in flight finish and hands them to `done`
    first."""
    call = _async_call(client, version)
    job = UpsertBatches(id_property)

    async def work(item: tuple[Tag, Chunk]) -> Settled:
        return await asend_one(job, item[1], call)

    await stream_tasks(chunks, work, concurrency, done, stopping, gate)
    return job


def _sync_call(
    client: AuthenticatedClient, version: str
) -> Callable[[BatchInputSimplePublicObjectBatchInputUpsert], Response[Any]]:
    """One batch upsert request through `version` (refused at once if the client lacks it)."""
    operation = endpoint("line_items", UPSERT, version)

    def call(body: BatchInputSimplePublicObjectBatchInputUpsert) -> Response[Any]:
        answer: Response[Any] = operation.sync_detailed(
            client=client, body=as_body(operation, body)
        )
        return answer

    return call


def _async_call(
    client: AuthenticatedClient, version: str
) -> Callable[[BatchInputSimplePublicObjectBatchInputUpsert], Awaitable[Response[Any]]]:
    """The async form of _sync_call."""
    operation = endpoint("line_items", UPSERT, version)

    async def call(body: BatchInputSimplePublicObjectBatchInputUpsert) -> Response[Any]:
        answer: Response[Any] = await operation.asyncio_detailed(
            client=client, body=as_body(operation, body)
        )
        return answer

    return call
