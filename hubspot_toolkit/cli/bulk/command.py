"""hubspot-bulk upsert-line-items FILE --id-property NAME [--base-url URL] …
hubspot-bulk read-associations FROM TO IDS_FILE [--output FILE] …

Exit status: 0 every row landed; 1 some rows failed (they are in the failed-rows file) or the
job stopped early (its journal says what is left: --resume); 2 nothing was sent (bad
arguments, no token, unreadable file, malformed rows, a journal of another job); 130
interrupted (the journal is intact: --resume).

The jobs are the library's (hubspot_toolkit.client.bulk.files); this package parses, renders
and exits.
"""

import argparse
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import stamina

from hubspot_toolkit.cli.bulk.target import TOKEN_VARIABLE
from hubspot_toolkit.cli.options import Subcommands, environment
from hubspot_toolkit.client.bulk import InvalidRowsError
from hubspot_toolkit.client.bulk.files import FileJobError, JournalError
from hubspot_toolkit.client.bulk.files.journal import journal_path
from hubspot_toolkit.client.bulk.files.readers import file_format
from hubspot_toolkit.client.resilience import PRESETS, Budget
from hubspot_toolkit.client.url_safety import ALLOW_VARIABLE
from hubspot_toolkit.errors import HubSpotToolkitError
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY

HUBSPOT_API = "https://api.hubapi.com"


def _budget(text: str) -> Budget:
    if text in PRESETS:
        return PRESETS[text]
    if text.isdigit() and int(text) > 0:
        return Budget(int(text))
    tiers = ", ".join(PRESETS)
    raise argparse.ArgumentTypeError(f"{text!r}: give a tier ({tiers}) or requests per 10 s")


DESCRIPTION = f"Bulk HubSpot CRM operations. The token is read from ${TOKEN_VARIABLE}."
BULK_ENVIRONMENT = [
    (TOKEN_VARIABLE, "the private app or OAuth token (not needed by --dry-run)"),
    (ALLOW_VARIABLE, "1: let the token go over http:// to a host beyond loopback"),
]


def input_format(args: argparse.Namespace) -> str:
    """--format, or the format FILE's extension names (one line naming --format if none)."""
    return file_format(args.file, args.format, hint="say --format jsonl or --format csv")


def _common(parser: argparse.ArgumentParser) -> None:
    """The options every bulk command has: where to send, how fast, and how to report."""
    parser.add_argument("--base-url", default=HUBSPOT_API, help=f"default {HUBSPOT_API}")
    parser.add_argument(
        "--rate-limit",
        type=_budget,
        default=PRESETS["free"],
        metavar="TIER|N",
        help=f"requests per 10 s: a tier ({', '.join(PRESETS)}) or a number; default free",
    )
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument(
        "--api-version",
        default="v3",
        metavar="VERSION",
        help="HubSpot's API version to call: v3 (default) or a dated one, e.g. 2026-09",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue the job in FILE.journal: send only what it has not acknowledged",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line, no summary")
    parser.add_argument(
        "--summary-json", type=Path, metavar="PATH", help="write the summary as JSON, for CI"
    )
    parser.add_argument("--verbose", action="store_true", help="log every retry and chunk")


def add_commands(commands: Subcommands) -> None:
    """The bulk subcommands, under `hubspot-toolkit bulk` and the `hubspot-bulk` alias."""
    upsert = commands.add_parser(
        "upsert-line-items",
        help="create or update line items from a JSONL or CSV file, keyed by one property",
        description="One row = one line item's properties, the key column included.",
    )
    upsert.add_argument("file", type=Path, metavar="FILE", help="rows, .jsonl or .csv")
    upsert.add_argument(
        "--id-property",
        required=True,
        metavar="NAME",
        help="the unique key: a property created with hasUniqueValue, e.g. "
        f"{SHIPPED_UNIQUE_KEY} (the one the reference server's definitions have)",
    )
    upsert.add_argument("--format", choices=("jsonl", "csv"), help="default: from the extension")
    upsert.add_argument(
        "--failed-file",
        type=Path,
        metavar="PATH",
        help="where refused rows go, with their errors (default: beside FILE, .failed before "
        "its extension: rows.csv → rows.failed.csv)",
    )
    upsert.add_argument(
        "--dry-run",
        action="store_true",
        help="check every row against the portal's property definitions; send nothing",
    )
    upsert.add_argument(
        "--properties",
        type=Path,
        metavar="FILE",
        help="the portal's definitions, as GET /crm/v3/properties/line_items answers them "
        "(for --dry-run; default: HubSpot's standard line item properties)",
    )
    _common(upsert)
    environment(upsert, BULK_ENVIRONMENT)
    upsert.set_defaults(run=run, bulk_job=_upsert)
    read = commands.add_parser(
        "read-associations",
        help="the associations of every id in a file (one id per line), as JSON lines",
        description='Writes one line per id: {"from": ID, "to": [{"id", "type"}, …]}.',
    )
    read.add_argument("from_type", metavar="FROM", help="object type of the ids, e.g. contacts")
    read.add_argument("to_type", metavar="TO", help="associated object type, e.g. companies")
    read.add_argument("file", type=Path, metavar="IDS_FILE", help="one id per line")
    read.add_argument(
        "--output", type=Path, metavar="PATH", help="default: IDS_FILE's name + .associations.jsonl"
    )
    _common(read)
    environment(read, BULK_ENVIRONMENT)
    read.set_defaults(run=run, bulk_job=_read)


def _upsert(args: argparse.Namespace) -> int:
    if args.dry_run:
        from hubspot_toolkit.cli.bulk.dry_run import dry_run_command

        return dry_run_command(args)
    from hubspot_toolkit.cli.bulk.upsert import upsert_command

    status: int = upsert_command(args)
    return status


def _read(args: argparse.Namespace) -> int:
    from hubspot_toolkit.cli.bulk.associations import read_command

    return read_command(args)


def register(commands: Subcommands) -> None:
    parser = commands.add_parser("bulk", help="bulk jobs from files", description=DESCRIPTION)
    add_commands(parser.add_subparsers(dest="bulk_command", required=True, metavar="COMMAND"))


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
        status: int = args.bulk_job(args)
        return status
    except HubSpotToolkitError as exc:  # usage, unreadable file, bad rows, another job's journal
        print(f"hubspot-bulk: error: {_in_our_words(exc)}", file=sys.stderr)
        if isinstance(exc, InvalidRowsError):
            print("nothing was sent", file=sys.stderr)
        return 2
    except (OSError, sqlite3.Error) as exc:  # a disk that filled up mid-job, say
        where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(
            f"hubspot-bulk: error: {reason}{where}; whatever the journal holds is safe: "
            "fix the cause and run the same command again with --resume",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        journal = journal_path(args.file)
        then = (
            f"the journal {journal} is intact: run the same command again with --resume"
            if journal.exists()
            else "nothing was sent"
        )
        print(f"hubspot-bulk: interrupted; {then}", file=sys.stderr)
        return 130


def _in_our_words(error: HubSpotToolkitError) -> str:
    """The library's message, with its argument names as this command spells them."""
    if isinstance(error, JournalError):
        return error.spelled("--resume", "hubspot-bulk")
    if isinstance(error, FileJobError) and error.option:
        return error.spelled("--" + error.option.replace("_", "-"))
    return str(error)
