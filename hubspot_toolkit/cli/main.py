"""`hubspot-toolkit`: one command line for the whole workflow.

Each subcommand lives in its own module beside this one and registers its parser here; its
heavy imports happen only when it runs, so a client-only install still answers `--help`.
"""

import argparse
import sys
from collections.abc import Sequence

from hubspot_toolkit.cli import bulk, codegen, contract, parity, replay, serve, spec
from hubspot_toolkit.cli.options import MissingExtraError


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="hubspot-toolkit",
        description="Spec-first client and contract tests for HubSpot CRM: generate the client "
        "from spec/, serve a reference server, run the contract suite, follow HubSpot's spec, "
        "and run bulk jobs.",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (codegen, serve, contract, spec, replay, bulk, parity):
        module.register(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except MissingExtraError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return status
