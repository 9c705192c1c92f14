"""`hubspot-bulk read-associations FROM TO IDS_FILE`: the library's read_associations_file,
with a progress line, a summary and an exit status."""

import argparse

from hubspot_toolkit.cli.bulk.progress import plural, with_progress
from hubspot_toolkit.cli.bulk.summary import ending, show, tail, write_json
from hubspot_toolkit.cli.bulk.target import api_version, base_url, token
from hubspot_toolkit.client.bulk.associations import MAX_CHUNK
from hubspot_toolkit.client.bulk.files import read_associations_file
from hubspot_toolkit.spec.versions import READ


def read_command(args: argparse.Namespace) -> int:
    secret = token()
    url = base_url(args.base_url)
    api_version(args.api_version, "associations", READ)
    report = with_progress(
        args,
        url,
        secret,
        "reading",
        MAX_CHUNK,
        lambda client, progress: read_associations_file(
            client,
            args.from_type,
            args.to_type,
            args.file,
            resume=args.resume,
            output=args.output,
            concurrency=args.concurrency,
            version=args.api_version,
            progress=progress,
        ),
    )
    if not report.rows:
        print(f"{args.file}: no ids; nothing to read")
        return 0
    headline = (
        f"read {report.read} ids ({plural(report.associations, 'association')}), failed "
        f"{report.failed}{tail(report, 'ids')}; written to {report.output}"
    )
    show(report, headline, args.quiet)
    extra = {"seconds": round(report.seconds, 3), "failed": report.failed}
    write_json(
        args.summary_json, "read-associations", report, extra | {"output": str(report.output)}
    )
    return ending(report, noun="ids")
