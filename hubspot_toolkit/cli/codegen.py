"""`generate` and `check-generated`: spec/ → generated/, and the drift check."""

import argparse
import sys
from pathlib import Path

from hubspot_toolkit.cli.options import Subcommands, add_spec_dir, needs
from hubspot_toolkit.errors import SpecError


def register(commands: Subcommands) -> None:
    for name, run, summary in (
        ("generate", generate_command, "regenerate generated/ from spec/ (untouched on failure)"),
        ("check-generated", check_command, "fail, naming the files, if generated/ drifted"),
    ):
        parser = commands.add_parser(name, help=summary, description=summary)
        add_spec_dir(parser)
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=Path("generated"),
            metavar="DIR",
            help="where the client package goes (default ./generated)",
        )
        parser.set_defaults(run=run)


def generate_command(args: argparse.Namespace) -> int:
    with needs("generate", "codegen"):
        from hubspot_toolkit.workflow.codegen.generate import GenerationError, generate
    try:
        target = generate(args.spec_dir, args.output_dir)
    except (SpecError, GenerationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"{args.output_dir}/ was left untouched.", file=sys.stderr)
        return 1
    print(f"generated {target} from {args.spec_dir}/")
    return 0


def check_command(args: argparse.Namespace) -> int:
    with needs("check-generated", "codegen"):
        from hubspot_toolkit.workflow.codegen.generate import PACKAGE_NAME, GenerationError, check
    try:
        drifted = check(args.spec_dir, args.output_dir)
    except (SpecError, GenerationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    package = f"{args.output_dir}/{PACKAGE_NAME}"
    if drifted:
        print(
            f"{package} drifted from what {args.spec_dir}/ generates; run `make generate` "
            "(never edit generated/ by hand). Files that differ:",
            file=sys.stderr,
        )
        for name in drifted:
            print(f"  {package}/{name}", file=sys.stderr)
        return 1
    print(f"{package} matches {args.spec_dir}/")
    return 0
