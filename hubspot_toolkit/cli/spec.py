"""`update-spec` and `spec-diff`: follow HubSpot's published spec, and say what changed."""

import argparse
import sys
from pathlib import Path

from hubspot_toolkit.cli.options import Subcommands, add_spec_dir, needs
from hubspot_toolkit.errors import SpecError


def register(commands: Subcommands) -> None:
    summary = "import HubSpot's published document into spec/ (then run generate)"
    update = commands.add_parser("update-spec", help=summary, description=summary)
    update.add_argument("upstream", type=Path, metavar="FILE", help="HubSpot's JSON or YAML")
    add_spec_dir(update)
    update.set_defaults(run=update_command)

    summary = "classify spec changes as breaking or compatible, per operation"
    diff = commands.add_parser(
        "spec-diff",
        help=summary,
        description=f"{summary}. Exit 0: nothing breaking (or --allow-breaking); 1: something "
        "is; 2: bad input.",
    )
    add_spec_dir(diff)
    diff.add_argument(
        "--base",
        metavar="REF",
        help="compare spec/ with spec/ at this git ref (default: the merge base with main)",
    )
    diff.add_argument("--old", type=Path, metavar="FILE", help="compare two files: the old one")
    diff.add_argument("--new", type=Path, metavar="FILE", help="…and the new one")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument("--allow-breaking", action="store_true", help="exit 0 even when breaking")
    diff.set_defaults(run=diff_command)


def update_command(args: argparse.Namespace) -> int:
    with needs("update-spec", "codegen"):
        from hubspot_toolkit.workflow.update.importer import update
    try:
        report = update(args.upstream, args.spec_dir)
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"{args.spec_dir}/ was left untouched.", file=sys.stderr)
        return 1
    print("\n".join(report))
    return 0


def diff_command(args: argparse.Namespace) -> int:
    with needs("spec-diff", "codegen"):
        from hubspot_toolkit.workflow.diff.compare import compare
        from hubspot_toolkit.workflow.diff.report import as_json, as_text
        from hubspot_toolkit.workflow.diff.sources import (
            SourceError,
            default_base,
            from_file,
            spec_at,
            spec_now,
        )
    try:
        if args.old or args.new:
            if not (args.old and args.new):
                raise SourceError("give both --old and --new, or neither (then --base is used)")
            old_name, new_name = str(args.old), str(args.new)
            old, new = from_file(args.old), from_file(args.new)
        else:
            base = args.base or default_base(args.spec_dir)
            old_name, new_name = f"{args.spec_dir}/ at {base}", f"{args.spec_dir}/ now"
            old, new = spec_at(args.spec_dir, base), spec_now(args.spec_dir)
    except (SourceError, SpecError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    changes = compare(old, new)
    print(as_json(changes) if args.format == "json" else as_text(changes, old_name, new_name))
    breaking = [c for c in changes if c.breaking]
    if breaking and not args.allow_breaking:
        rules = ", ".join(sorted({c.rule for c in breaking}))
        print(f"breaking changes ({rules}); pass --allow-breaking to accept", file=sys.stderr)
        return 1
    return 0
