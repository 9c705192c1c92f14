"""`update-spec` and `spec-diff`: follow HubSpot's published spec, and say what changed."""

import argparse
import sys
from pathlib import Path
from typing import Any

from hubspot_toolkit.cli.options import Subcommands, add_spec_dir, needs
from hubspot_toolkit.errors import SpecError


def register(commands: Subcommands) -> None:
    summary = "import HubSpot's published document into spec/ (then run generate)"
    update = commands.add_parser("update-spec", help=summary, description=summary)
    update.add_argument("upstream", type=Path, metavar="FILE", help="HubSpot's JSON or YAML")
    add_spec_dir(update)
    update.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="VERSION",
        help="accept a document of a version spec/ does not track yet, e.g. 2026-09: following "
        "it means serving and testing its shapes too (repeatable)",
    )
    update.set_defaults(run=update_command)

    summary = "import every tracked version from a checkout of HubSpot's spec collection"
    sync = commands.add_parser(
        "sync-spec",
        help=summary,
        description=f"{summary}, regenerate the client when spec/ changed, and write the "
        "change report as Markdown (a pull request's body).",
    )
    sync.add_argument(
        "--source", type=Path, required=True, metavar="DIR", help="the collection's checkout"
    )
    add_spec_dir(sync)
    sync.add_argument(
        "--output-dir",
        type=Path,
        default=Path("generated"),
        metavar="DIR",
        help="the generated client's folder (default ./generated)",
    )
    sync.add_argument(
        "--report",
        type=Path,
        default=Path("reports/spec-sync.md"),
        metavar="FILE",
        help="where the Markdown report goes (default reports/spec-sync.md)",
    )
    sync.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="VERSION",
        help="also track this dated version, e.g. 2026-09 (repeatable)",
    )
    sync.set_defaults(run=sync_command)

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
    diff.add_argument(
        "--migrate",
        metavar="OLD:NEW",
        help="what a client must change to move between two API versions of spec/, e.g. "
        "v3:2026-03 (operations pair by their name across versions)",
    )
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    diff.add_argument("--allow-breaking", action="store_true", help="exit 0 even when breaking")
    diff.set_defaults(run=diff_command)


def update_command(args: argparse.Namespace) -> int:
    with needs("update-spec", "codegen"):
        from hubspot_toolkit.workflow.update.importer import update
    try:
        report = update(args.upstream, args.spec_dir, add=tuple(args.add))
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"{args.spec_dir}/ was left untouched.", file=sys.stderr)
        return 1
    print("\n".join(report))
    return 0


def sync_command(args: argparse.Namespace) -> int:
    with needs("sync-spec", "codegen"):
        from hubspot_toolkit.workflow.codegen.generate import GenerationError, generate
        from hubspot_toolkit.workflow.sync import sync
    try:
        result = sync(args.source, args.spec_dir, tuple(args.add))
        if result.changed:
            generate(args.spec_dir, args.output_dir)
    except (SpecError, GenerationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(result.report, encoding="utf-8")
    except OSError as exc:
        print(f"error: {args.report}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    state = "changed, client regenerated" if result.changed else "unchanged"
    print(f"{args.spec_dir}/ {state}; report in {args.report}")
    print("\n".join(result.versions))
    return 0


def diff_command(args: argparse.Namespace) -> int:
    with needs("spec-diff", "codegen"):
        from hubspot_toolkit.spec import lifecycle
        from hubspot_toolkit.spec.bundle import bundle_spec_dir
        from hubspot_toolkit.workflow.diff.compare import compare, only_version
        from hubspot_toolkit.workflow.diff.report import as_json, as_markdown, as_text
        from hubspot_toolkit.workflow.diff.sources import (
            SourceError,
            default_base,
            from_file,
            spec_at,
            spec_now,
        )
    try:
        if args.migrate:
            old_version, _, new_version = args.migrate.partition(":")
            if not old_version or not new_version:
                raise SourceError(f"--migrate {args.migrate!r}: give OLD:NEW, e.g. v3:2026-03")
            bundle = bundle_spec_dir(args.spec_dir)
            old, new = only_version(bundle, old_version), only_version(bundle, new_version)
            for version, side in ((old_version, old), (new_version, new)):
                if not side["paths"]:
                    raise SourceError(f"--migrate: {args.spec_dir}/ has no {version} operations")
            old_name, new_name = old_version, new_version
        elif args.old or args.new:
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
    # each version's status: on stderr, so that --format json stays one document
    print("\n".join(lifecycle.report(_versions(new) | _versions(old))), file=sys.stderr)
    # Two files are two documents, not the client's whole spec/: which model classes exist
    # is for a spec/ comparison (--base) to say.
    changes = compare(old, new, models=not (args.old or args.new))
    if args.format == "json":
        print(as_json(changes))
    elif args.format == "markdown":
        print(as_markdown(changes, old_name, new_name), end="")
    else:
        print(as_text(changes, old_name, new_name))
    breaking = [c for c in changes if c.breaking]
    if breaking and not args.allow_breaking:
        rules = ", ".join(sorted({c.rule for c in breaking}))
        print(
            f"breaking changes ({rules}); pass --allow-breaking to accept (under make: "
            "make spec-diff ALLOW_BREAKING=1)",
            file=sys.stderr,
        )
        return 1
    return 0


def _versions(document: dict[str, Any]) -> set[str]:
    """The API versions of a document's operations."""
    from hubspot_toolkit.spec.operations import versions_of

    return versions_of(document)
