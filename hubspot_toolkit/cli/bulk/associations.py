"""`hubspot-bulk read-associations FROM TO IDS_FILE`: the associations of every id in a file,
as JSON lines, with constant memory.

A first pass refuses lines that are not one id and ids that repeat, by line. The second reads
the ids again and sends them in chunks of 1000, a few in flight, each chunk followed through
all its pages by one worker; its lines are appended to the output and the chunk journaled
before the next result is looked at. One line per id, in the order chunks finish:
`{"from": ID, "to": [{"id": …, "type": …}, …]}`, or `{"from": ID, "error": "…"}` when HubSpot
refused that id (never an empty "to" in place of an unread one).
"""

import argparse
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hubspot_toolkit.cli.bulk.check import check_keys
from hubspot_toolkit.cli.bulk.interrupt import Interrupt
from hubspot_toolkit.cli.bulk.job import Run, begin, numbered
from hubspot_toolkit.cli.bulk.journal import JournalError, input_fingerprint, journal_path
from hubspot_toolkit.cli.bulk.output import OutputFile
from hubspot_toolkit.cli.bulk.readers import IdSource
from hubspot_toolkit.cli.bulk.summary import ending, show, write_json
from hubspot_toolkit.cli.bulk.target import UsageError, api_version, base_url, token
from hubspot_toolkit.client.bulk import AssociationsReport
from hubspot_toolkit.client.bulk.associations import MAX_CHUNK, stream_read_associations
from hubspot_toolkit.client.resilience import resilient_client

log = logging.getLogger("hubspot_toolkit.cli.bulk")
# ((index, the line of each id), the ids)
Chunk = tuple[tuple[int, list[int]], list[str]]


def default_output(source: Path) -> Path:
    return source.with_name(f"{source.stem}.associations.jsonl")


def read_command(args: argparse.Namespace) -> int:
    secret = token()
    url = base_url(args.base_url)
    api_version(args.api_version, "associations", "batch_read_associations")
    if args.concurrency < 1:
        raise UsageError(f"--concurrency must be at least 1, not {args.concurrency}")
    output_path: Path = args.output or default_output(args.file)
    if args.file.exists() and output_path.resolve() == args.file.resolve():
        raise UsageError(f"--output {output_path} is the ids file itself")
    if output_path.is_dir():
        raise UsageError(f"--output {output_path} is a directory")
    source = IdSource(args.file)
    header = {
        "command": "read-associations",
        "input": input_fingerprint(args.file),
        "options": {
            "from": args.from_type,
            "to": args.to_type,
            "base_url": url,
            "api_version": args.api_version,
            "chunk_size": MAX_CHUNK,
            "output": str(output_path.resolve()),
        },
    }
    started = time.monotonic()
    path = journal_path(args.file)
    start = begin(path, header, args.resume, lambda: check_keys(source, "id"), "ids")
    if start is None:
        print(f"{args.file}: no ids; nothing to read")
        return 0
    output = OutputFile(output_path)
    try:
        output.resume_at(start.side_size)
    except OSError as exc:
        start.journal.close()
        raise UsageError(f"the output file {output_path}: {exc.strerror or exc}") from None
    tally = start.tally(["read", "failed", "associations"])
    meter = start.meter("reading", tally, args.rate_limit, MAX_CHUNK, args.quiet)
    with Interrupt() as interrupt:
        run = Run(start.journal, tally, meter, interrupt)

        def settle(item: Chunk, report: AssociationsReport[Any]) -> None:
            (index, lines), ids = item
            tally.requests += report.requests
            line_of = dict(zip(ids, lines, strict=True))
            errors = [(line_of[f.id], f"id {f.id}: {f.failure}") for f in report.failed]
            unsettled = [f for f in report.failed if not f.failure.settled]
            if unsettled:
                run.unsettled(len(ids), str(unsettled[0].failure), errors)
                return
            failed = {f.id: str(f.failure) for f in report.failed}
            records: list[dict[str, object]] = []
            for key in ids:
                if key in failed:
                    records.append({"from": key, "error": failed[key]})
                else:
                    to = report.associations[key]
                    # each record as the version answered it: {id, type} in v3, {toObjectId,
                    # associationTypes} in the dated versions
                    records.append({"from": key, "to": [a.to_dict() for a in to]})
            output.write(records)
            counts = {
                "read": len(ids) - len(failed),
                "failed": len(failed),
                "associations": sum(len(v) for v in report.associations.values()),
                "rows": len(ids),
            }
            run.settled(index, (lines[0], lines[-1]), counts, errors, output.sync())

        try:
            with resilient_client(url, secret, budget=args.rate_limit) as client:
                stream_read_associations(
                    client,
                    args.from_type,
                    args.to_type,
                    _chunks(source, start.skip),
                    settle,
                    concurrency=args.concurrency,
                    stopping=run.stopping,
                    version=args.api_version,
                )
        finally:
            output.close()
            run.finish()
    seconds = time.monotonic() - started
    counts = tally.counts
    failed = counts["failed"] + tally.unsent
    headline = (
        f"read {counts['read']} ids ({counts['associations']} associations), failed {failed} "
        f"of {tally.rows} ids in {seconds:.1f} s ({tally.requests} requests); "
        f"written to {output_path}"
    )
    show(tally, headline, args.quiet)
    write_json(
        args.summary_json,
        "read-associations",
        tally,
        {"seconds": round(seconds, 3), "failed": failed, "output": str(output_path)},
    )
    return ending(path, tally, failed, noun="ids")


def _chunks(source: IdSource, skip: set[int]) -> Iterator[Chunk]:
    for index, chunk in numbered(_ids(source), MAX_CHUNK, skip):
        yield (index, [line for line, _ in chunk]), [key for _, key in chunk]


def _ids(source: IdSource) -> Iterator[tuple[int, str]]:
    for item in source:
        if not isinstance(item, tuple):  # the first pass found none: the file changed
            raise JournalError(f"{source.path} changed while it was being read: {item}")
        yield item
    log.info("second pass: every id read")
