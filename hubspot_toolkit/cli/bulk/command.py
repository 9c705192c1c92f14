"""hubspot-bulk upsert-line-items FILE --id-property NAME [--base-url URL] …

Exit status: 0 every row landed; 1 some rows failed (they are in the failed-rows file);
2 nothing was sent (bad arguments, no token, unreadable file or malformed rows).
"""

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import httpx
import stamina

from hubspot_toolkit.cli.bulk.failed_rows import (
    check_writable,
    default_path,
    describe,
    write_failed_rows,
)
from hubspot_toolkit.cli.bulk.progress import progress_bar
from hubspot_toolkit.cli.bulk.readers import (
    ERROR_COLUMN,
    UnreadableFileError,
    file_format,
    read_rows,
)
from hubspot_toolkit.cli.options import Subcommands
from hubspot_toolkit.client.bulk import (
    InvalidRowsError,
    UpsertReport,
    check_rows,
    upsert_line_items,
)
from hubspot_toolkit.client.redacted import InvalidTokenError, check_token
from hubspot_toolkit.client.resilience import PRESETS, Budget, resilient_client
from hubspot_toolkit.errors import HubSpotToolkitError

HUBSPOT_API = "https://api.hubapi.com"
TOKEN_VARIABLE = "HUBSPOT_ACCESS_TOKEN"
SHOWN_FAILURES = 10


class UsageError(HubSpotToolkitError):
    pass


def _budget(text: str) -> Budget:
    if text in PRESETS:
        return PRESETS[text]
    if text.isdigit() and int(text) > 0:
        return Budget(int(text))
    tiers = ", ".join(PRESETS)
    raise argparse.ArgumentTypeError(f"{text!r}: give a tier ({tiers}) or requests per 10 s")


DESCRIPTION = f"Bulk HubSpot CRM operations. The token is read from ${TOKEN_VARIABLE}."


def add_commands(commands: Subcommands) -> None:
    """The bulk subcommands, under `hubspot-toolkit bulk` and the `hubspot-bulk` alias."""
    upsert = commands.add_parser(
        "upsert-line-items",
        help="create or update line items from a JSONL or CSV file, keyed by one property",
        description="One row = one line item's properties, the key column included.",
    )
    upsert.add_argument("file", type=Path, metavar="FILE", help="rows, .jsonl or .csv")
    upsert.add_argument(
        "--id-property", required=True, metavar="NAME", help="the unique key, e.g. hs_sku"
    )
    upsert.add_argument("--base-url", default=HUBSPOT_API, help=f"default {HUBSPOT_API}")
    upsert.add_argument("--format", choices=("jsonl", "csv"), help="default: from the extension")
    upsert.add_argument(
        "--failed-file", type=Path, metavar="PATH", help="default: FILE's name + .failed"
    )
    upsert.add_argument(
        "--rate-limit",
        type=_budget,
        default=PRESETS["free"],
        metavar="TIER|N",
        help=f"requests per 10 s: a tier ({', '.join(PRESETS)}) or a number; default free",
    )
    upsert.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    upsert.add_argument("--verbose", action="store_true", help="log every retry")
    upsert.set_defaults(run=run)


def register(commands: Subcommands) -> None:
    parser = commands.add_parser("bulk", help="bulk jobs from files", description=DESCRIPTION)
    add_commands(parser.add_subparsers(dest="bulk_command", required=True, metavar="COMMAND"))


def _token() -> str:
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise UsageError(f"set {TOKEN_VARIABLE} to a private app or OAuth access token")
    try:
        check_token(token)
    except InvalidTokenError as exc:
        raise UsageError(f"{TOKEN_VARIABLE}: {exc}") from None
    return token


def _base_url(text: str) -> str:
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError) as exc:
        raise UsageError(f"--base-url {text!r} is not a URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise UsageError(f"--base-url {text!r}: give an http:// or https:// URL with a host")
    return text


def upsert_command(args: argparse.Namespace) -> int:
    token = _token()
    base_url = _base_url(args.base_url)
    if args.concurrency < 1:
        raise UsageError(f"--concurrency must be at least 1, not {args.concurrency}")
    fmt = file_format(args.file, args.format)
    failed_file: Path = args.failed_file or default_path(args.file, fmt)
    try:
        check_writable(failed_file)
    except OSError as exc:
        raise UsageError(f"the failed-rows file {failed_file}: {exc.strerror or exc}") from None
    read = read_rows(args.file, fmt)
    problems = list(read.problems)
    try:
        rows = check_rows(read.rows, args.id_property)
    except InvalidRowsError as exc:
        problems.extend(exc.problems)
    if problems:
        raise InvalidRowsError(sorted(problems, key=lambda p: p.line))
    if not rows:
        print(f"{args.file}: no rows; nothing to send")
        return 0
    client = resilient_client(base_url, token, budget=args.rate_limit)
    with client, progress_bar(len(rows), "upserting") as advance:
        report = upsert_line_items(
            client, rows, args.id_property, concurrency=args.concurrency, progress=advance
        )
    _print_summary(report, len(rows))
    if report.failed:
        _save_failed(failed_file, fmt, report, read.columns)
        return 1
    return 0


def _save_failed(path: Path, fmt: str, report: UpsertReport, columns: list[str]) -> None:
    try:
        write_failed_rows(path, fmt, report.failed, columns)
    except OSError as exc:
        # Checked before sending, but the disk may have filled since: never lose the rows.
        print(f"hubspot-bulk: cannot write {path} ({exc.strerror or exc}); the failed rows:")
        for item in report.failed:
            print(json.dumps({**item.row.properties, ERROR_COLUMN: describe(item)}))
        return
    print(f"the failed rows, with their errors, are in {path}; fix and feed it back in")


def _print_summary(report: UpsertReport, total: int) -> None:
    print(
        f"created {len(report.created)}, updated {len(report.updated)}, "
        f"failed {len(report.failed)} of {total} rows in {report.seconds:.1f} s "
        f"({report.requests} requests)"
    )
    for item in sorted(report.failed, key=lambda i: i.row.line)[:SHOWN_FAILURES]:
        print(f"  line {item.row.line}: {item.failure}")
    if len(report.failed) > SHOWN_FAILURES:
        print(f"  … and {len(report.failed) - SHOWN_FAILURES} more")


def _logging(verbose: bool) -> None:
    # Our transport logs each retry (never a token); stamina's own hook would log a bare
    # "stamina.retry_scheduled" line for each, so it is switched off in the CLI.
    stamina.instrumentation.set_on_retry_hooks([])
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="hubspot-bulk: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """`hubspot-bulk …`, an alias of `hubspot-toolkit bulk …`."""
    parser = argparse.ArgumentParser(prog="hubspot-bulk", description=DESCRIPTION)
    add_commands(parser.add_subparsers(dest="bulk_command", required=True, metavar="COMMAND"))
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    _logging(args.verbose)
    try:
        return upsert_command(args)
    except (UsageError, UnreadableFileError, InvalidRowsError) as exc:
        print(f"hubspot-bulk: error: {exc}", file=sys.stderr)
        if isinstance(exc, InvalidRowsError):
            print("nothing was sent", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("hubspot-bulk: interrupted; rows already sent may have been written", file=sys.stderr)
        return 130
