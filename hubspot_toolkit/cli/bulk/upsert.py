"""`hubspot-bulk upsert-line-items FILE`: two passes over the file, neither holding its rows.

The first checks every row and every key (keys go to an on-disk index) and refuses the file,
naming each bad row, before anything is sent. The second reads the rows again and sends them
as it reads, a few chunks in flight; each chunk's failed rows are appended to the failed-rows
file and the chunk journaled before the next result is looked at.
"""

import argparse
import logging
import time
from collections.abc import Iterator
from pathlib import Path

from hubspot_toolkit.cli.bulk.check import check_keys, keyed_rows
from hubspot_toolkit.cli.bulk.failed_rows import FailedRowsFile, check_writable, default_path
from hubspot_toolkit.cli.bulk.interrupt import Interrupt
from hubspot_toolkit.cli.bulk.job import Run, Tally, begin, numbered
from hubspot_toolkit.cli.bulk.journal import JournalError, input_fingerprint, journal_path
from hubspot_toolkit.cli.bulk.readers import RowSource, file_format
from hubspot_toolkit.cli.bulk.summary import ending, show, write_json
from hubspot_toolkit.cli.bulk.target import UsageError, api_version, base_url, token
from hubspot_toolkit.client.bulk import FailedItem, LineItemRow, UpsertedItem
from hubspot_toolkit.client.bulk.upsert import MAX_CHUNK, stream_upsert_line_items
from hubspot_toolkit.client.resilience import resilient_client

log = logging.getLogger("hubspot_toolkit.cli.bulk")
Chunk = tuple[int, list[LineItemRow]]


def upsert_command(args: argparse.Namespace) -> int:
    secret = token()
    url = base_url(args.base_url)
    api_version(args.api_version, "line_items", "batch_upsert_line_items")
    if args.concurrency < 1:
        raise UsageError(f"--concurrency must be at least 1, not {args.concurrency}")
    fmt = file_format(args.file, args.format)
    failed_path: Path = args.failed_file or default_path(args.file, fmt)
    if args.file.exists() and failed_path.resolve() == args.file.resolve():
        raise UsageError(f"--failed-file {failed_path} is the input file itself")
    try:
        check_writable(failed_path)
    except OSError as exc:
        raise UsageError(f"the failed-rows file {failed_path}: {exc.strerror or exc}") from None
    source = RowSource(args.file, fmt)
    header = {
        "command": "upsert-line-items",
        "input": input_fingerprint(args.file),
        "options": {
            "id_property": args.id_property,
            "base_url": url,
            "api_version": args.api_version,
            "format": fmt,
            "chunk_size": MAX_CHUNK,
            "failed_file": str(failed_path.resolve()),
        },
    }
    started = time.monotonic()
    start = begin(
        journal_path(args.file),
        header,
        args.resume,
        lambda: check_keys(keyed_rows(source, args.id_property), args.id_property),
        "rows",
    )
    if start is None:
        print(f"{args.file}: no rows; nothing to send")
        return 0
    failed_file = FailedRowsFile(failed_path, fmt, source.columns)
    if start.done is None:
        failed_file.start_fresh()
    else:
        failed_file.resume_at(start.side_size)
    tally = start.tally(["created", "updated", "failed"])
    meter = start.meter("upserting", tally, args.rate_limit, MAX_CHUNK, args.quiet)
    unsettled: list[FailedItem] = []
    with Interrupt() as interrupt:
        run = Run(start.journal, tally, meter, interrupt)

        def settle(item: Chunk, result: tuple[list[UpsertedItem], list[FailedItem]]) -> None:
            (index, rows), (upserted, failed) = item, result
            if any(not f.failure.settled for f in failed):
                unsettled.extend(failed)  # written after the last journal record, see below
                reason = next(str(f.failure) for f in failed if not f.failure.settled)
                run.unsettled(len(rows), reason, [(f.row.line, str(f.failure)) for f in failed])
                return
            failed_file.write(sorted(failed, key=lambda f: f.row.line))
            new = sum(1 for u in upserted if u.new)
            counts = {
                "created": new,
                "updated": len(upserted) - new,
                "failed": len(failed),
                "rows": len(rows),
            }
            errors = [(f.row.line, str(f.failure)) for f in failed]
            run.settled(index, (rows[0].line, rows[-1].line), counts, errors, failed_file.sync())

        try:
            with resilient_client(url, secret, budget=args.rate_limit) as client:
                job = stream_upsert_line_items(
                    client,
                    numbered(_rows(source), MAX_CHUNK, start.skip),
                    args.id_property,
                    settle,
                    concurrency=args.concurrency,
                    stopping=run.stopping,
                    version=args.api_version,
                )
                tally.requests = job.sent
        finally:
            # Rows no answer settled: listed, but after every journal record, so that a
            # --resume cuts them off before sending them again.
            failed_file.write(sorted(unsettled, key=lambda f: f.row.line))
            failed_file.close()
            run.finish()
    return _report(args, tally, failed_path, time.monotonic() - started)


def _rows(source: RowSource) -> Iterator[LineItemRow]:
    for row in source:
        if not isinstance(row, LineItemRow):  # the first pass found none: the file changed
            raise JournalError(f"{source.path} changed while it was being sent: {row}")
        yield row
    log.info("second pass: every row read")


def _report(args: argparse.Namespace, tally: Tally, failed_path: Path, seconds: float) -> int:
    counts = tally.counts
    failed = counts["failed"] + tally.unsent
    headline = (
        f"created {counts['created']}, updated {counts['updated']}, "
        f"failed {failed} of {tally.rows} rows in {seconds:.1f} s ({tally.requests} requests)"
    )
    show(tally, headline, args.quiet)
    has_failed_file = failed_path.exists()
    write_json(
        args.summary_json,
        "upsert-line-items",
        tally,
        {
            "seconds": round(seconds, 3),
            "failed": failed,
            "failed_file": str(failed_path) if has_failed_file else None,
        },
    )
    if has_failed_file and not args.quiet:
        print(f"the failed rows, with their errors, are in {failed_path}; fix and feed it back in")
    return ending(journal_path(args.file), tally, failed)
