"""`replay-history`: import HubSpot's whole published history into a scratch copy of spec/."""

import argparse
import re
import sys
from pathlib import Path

from hubspot_toolkit.cli.options import Subcommands, add_spec_dir, at_least, needs
from hubspot_toolkit.errors import HubSpotToolkitError
from hubspot_toolkit.spec.versions import READ, UPSERT

FAILED = ("refused", "unfaithful")


def register(commands: Subcommands) -> None:
    summary = "import every version HubSpot published of the documents spec/ tracks, oldest first"
    replay = commands.add_parser(
        "replay-history",
        help=summary,
        description=f"{summary}, into a scratch copy of spec/ (spec/ is only read), and say "
        "of each: imported, refused (why), unfaithful (spec/ no longer says what it says) or "
        "skipped (it does not publish the operation). Exit 0: every version imported "
        "faithfully; 1: some did not; 2: bad input.",
    )
    replay.add_argument(
        "--source", type=Path, required=True, metavar="DIR", help="a git checkout of the collection"
    )
    add_spec_dir(replay)
    replay.add_argument(
        "--every",
        type=at_least(1),
        default=1,
        metavar="N",
        help="every Nth version (and the newest)",
    )
    replay.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only versions since")
    replay.add_argument(
        "--operation", action="append", default=[], choices=(READ, UPSERT), help="(repeatable)"
    )
    replay.add_argument(
        "--version", action="append", default=[], metavar="VERSION", help="v3, 2026-03, …"
    )
    replay.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="VERSION",
        help="also replay this dated version, which spec/ does not track (e.g. 2025-09)",
    )
    replay.add_argument(
        "--keep", type=Path, metavar="DIR", help="leave the replayed spec/ in DIR at the end"
    )
    replay.add_argument(
        "--quiet", action="store_true", help="print only the versions not imported faithfully"
    )
    replay.set_defaults(run=replay_command)


def _date(text: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD")
    return text


def replay_command(args: argparse.Namespace) -> int:
    with needs("replay-history", "codegen"):
        from hubspot_toolkit.workflow.replay import Options, Outcome, Step, replay, tally
    options = Options(
        every=args.every,
        since=args.since or "",
        operations=tuple(args.operation),
        versions=tuple(args.version),
        add=tuple(args.add),
    )
    steps: list[Step] = []
    try:
        for step in replay(args.source, args.spec_dir, options, args.keep):
            steps.append(step)
            if not args.quiet or step.outcome in FAILED:
                published = step.published
                print(
                    f"{published.date[:10]} {published.commit[:10]} {step.document.name}: "
                    f"{step.outcome}: {step.detail}",
                    flush=True,
                )
    except HubSpotToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for document, counts in tally(steps).items():
        total = sum(counts.values())
        print(f"{document}: {total} versions: " + ", ".join(f"{n} {o}" for o, n in counts.items()))
    failed = any(step.outcome in (Outcome.REFUSED, Outcome.UNFAITHFUL) for step in steps)
    return 1 if failed else 0
