"""`hubspot-bulk upsert-line-items FILE`: the library's upsert_line_items_file, with a progress
line, a summary and an exit status."""

import argparse

from hubspot_toolkit.cli.bulk.command import input_format
from hubspot_toolkit.cli.bulk.progress import with_progress
from hubspot_toolkit.cli.bulk.summary import ending, show, tail, write_json
from hubspot_toolkit.cli.bulk.target import api_version, base_url, token
from hubspot_toolkit.client.bulk.files import UpsertFileReport, upsert_line_items_file
from hubspot_toolkit.client.bulk.upsert import MAX_CHUNK
from hubspot_toolkit.spec.versions import UPSERT


def upsert_command(args: argparse.Namespace) -> int:
    secret = token()
    url = base_url(args.base_url)
    api_version(args.api_version, "line_items", UPSERT)
    fmt = input_format(args)
    report = with_progress(
        args,
        url,
        secret,
        "upserting",
        MAX_CHUNK,
        lambda client, progress: upsert_line_items_file(
            client,
            args.file,
            args.id_property,
            resume=args.resume,
            format=fmt,
            failed_file=args.failed_file,
            concurrency=args.concurrency,
            version=args.api_version,
            progress=progress,
        ),
    )
    if not report.rows:
        print(f"{args.file}: no rows; nothing to send")
        return 0
    return _report(args, report)


def _report(args: argparse.Namespace, report: UpsertFileReport) -> int:
    headline = f"created {report.created}, updated {report.updated}, failed {report.failed}" + tail(
        report
    )
    show(report, headline, args.quiet)
    has_failed_file = report.failed_file.exists()
    write_json(
        args.summary_json,
        "upsert-line-items",
        report,
        {
            "seconds": round(report.seconds, 3),
            "failed": report.failed,
            "failed_file": str(report.failed_file) if has_failed_file else None,
        },
    )
    if has_failed_file and not args.quiet:
        print(
            f"the failed rows, with their errors, are in {report.failed_file}; "
            "fix and feed it back in"
        )
    return ending(report)
