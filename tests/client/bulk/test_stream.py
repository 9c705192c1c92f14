"""Streaming bulk jobs: chunks are taken from a lazy source only as workers free up, so the
first request reaches the server while the source is still being read, and only
`concurrency` chunks are ever held."""

import time
from collections.abc import Iterator

from hubspot_toolkit.client.bulk import AssociationsReport, LineItemRow
from hubspot_toolkit.client.bulk.associations import stream_read_associations
from hubspot_toolkit.client.bulk.upsert import Settled, stream_upsert_line_items
from hubspot_toolkit.client.redacted import RedactedClient
from hubspot_toolkit.server.process import ReferenceServer
from tests.client.bulk.conftest import COMPANIES_OF, CONTACTS

UPSERT = "POST /crm/v3/objects/line_items/batch/upsert"


def test_the_first_request_is_answered_before_the_source_is_read_to_its_end(
    client: RedactedClient, server: ReferenceServer
) -> None:
    before = server.output().count(UPSERT)
    taken: list[int] = []
    held_at_first_answer: list[int] = []

    def chunks() -> Iterator[tuple[int, list[LineItemRow]]]:
        for index in range(12):
            if index == 6:  # a reader that blocks until the server has seen a request
                deadline = time.monotonic() + 30
                while server.output().count(UPSERT) == before:
                    assert time.monotonic() < deadline, "no request reached the server"
                    time.sleep(0.01)
            taken.append(index)
            yield (
                index,
                [
                    LineItemRow(n, {"external_line_item_id": f"ST-{index}-{n}"})
                    for n in range(1, 51)
                ],
            )

    settled: dict[int, Settled] = {}

    def done(item: tuple[int, list[LineItemRow]], result: Settled) -> None:
        if not held_at_first_answer:
            held_at_first_answer.append(len(taken) - len(settled))
        settled[item[0]] = result

    job = stream_upsert_line_items(client, chunks(), "external_line_item_id", done, concurrency=3)
    assert sorted(settled) == list(range(12))
    assert all(len(upserted) == 50 and not failed for upserted, failed in settled.values())
    assert job.sent == 12
    assert held_at_first_answer[0] <= 3  # never more than `concurrency` chunks in memory


def test_stopping_takes_no_more_chunks_and_finishes_those_in_flight(
    client: RedactedClient,
) -> None:
    settled: list[int] = []
    chunks = ((i, [LineItemRow(1, {"external_line_item_id": f"STOP-{i}"})]) for i in range(50))
    stream_upsert_line_items(
        client,
        chunks,
        "external_line_item_id",
        lambda item, _: settled.append(item[0]),
        concurrency=2,
        stopping=lambda: len(settled) >= 3,
    )
    assert 3 <= len(settled) <= 4 and sorted(settled) == list(range(len(settled)))


def test_association_chunks_are_each_read_to_their_last_page(client: RedactedClient) -> None:
    found: dict[str, list[str]] = {}

    def done(item: tuple[int, list[str]], report: AssociationsReport) -> None:
        assert not report.failed
        for key, to in report.associations.items():
            found[key] = sorted(a.id for a in to)

    chunks = ((i, CONTACTS[i : i + 7]) for i in range(0, len(CONTACTS), 7))
    stream_read_associations(client, "contacts", "companies", chunks, done, concurrency=2)
    assert found == {c: sorted(v) for c, v in COMPANIES_OF.items()}
