"""`contract`: the contract suite against the reference server or a server you name.

The options are declared here, so that `--help` works without the [contract] extra; the suite
itself is the contract_tests package.
"""

import argparse
from pathlib import Path

from hubspot_toolkit.cli.options import (
    SPEC_DIR_HELP,
    Subcommands,
    add_spec_dir,
    at_least,
    environment,
    needs,
    prefixed,
)

PREFIX = "HUBSPOT_CONTRACT_"
DEFAULT_SAFE_PREFIX = "contract-test-"


_env = prefixed(PREFIX)
# schemathesis' phases, in the order it runs them
PHASES = ("examples", "coverage", "fuzzing", "stateful")


def phase_list(text: str) -> str:
    """An argparse type: some of PHASES, comma-separated, else argparse's one-line error."""
    chosen = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in PHASES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give one or more of {', '.join(PHASES)}, separated by commas"
        )
    return ",".join(name for name in PHASES if name in chosen)


def register(commands: Subcommands) -> None:
    summary = "run the contract suite against the reference server or $HUBSPOT_BASE_URL"
    parser = commands.add_parser(
        "contract",
        help=summary,
        description=f"{summary} (with $HUBSPOT_ACCESS_TOKEN; $HUBSPOT_LIMITED_TOKEN adds the "
        f"missing-scope check). Options default to ${PREFIX}<NAME>. Exit 0: every check "
        "passed; 1: a check failed; 2: the suite could not run.",
    )
    add_spec_dir(parser)
    parser.add_argument(
        "--reports-dir",
        type=Path,
        default=Path(_env("REPORTS_DIR") or "reports"),
        metavar="DIR",
        help="JUnit XML and event logs (default ./reports)",
    )
    parser.add_argument(
        "--seed", type=int, default=_env("SEED"), help="repeat a run (default: random)"
    )
    parser.add_argument(
        "--deep",
        action="store_true",
        default=_env("DEEP") == "1",
        help="many more examples, for nightly runs",
    )
    parser.add_argument(
        "--max-examples",
        type=at_least(0),
        default=_env("MAX_EXAMPLES") or "0",
        metavar="N",
        help="examples per operation and phase (default 100; 40 against a remote server)",
    )
    parser.add_argument(
        "--max-failures",
        type=at_least(0),
        default=_env("MAX_FAILURES") or "0",
        metavar="N",
        help="stop once N checks have failed (default: run every test case)",
    )
    parser.add_argument(
        "--phases",
        type=phase_list,
        default=_env("PHASES") or ",".join(PHASES),
        metavar="P,…",
        help=f"the schemathesis phases to run (default: all of {','.join(PHASES)})",
    )
    parser.add_argument(
        "--rate-limit",
        default=_env("RATE_LIMIT"),
        metavar="N/s",
        help="pace schemathesis, e.g. 2/s (default 5/s against a remote server, off locally)",
    )
    parser.add_argument(
        "--prefix",
        default=_env("PREFIX") or DEFAULT_SAFE_PREFIX,
        help=f"idProperty values written to a remote server start with it ({DEFAULT_SAFE_PREFIX})",
    )
    parser.add_argument(
        "--versions",
        default=_env("VERSIONS"),
        metavar="V,…",
        help="the API versions to test, e.g. 2026-03 or v3,2026-03 (default: every version "
        "in the spec)",
    )
    parser.add_argument(
        "--skip-client", action="store_true", help="skip the generated client's live half"
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=_env("VERBOSE") == "1",
        help="one line per operation and check, passed ones too (default: failures and a "
        "one-line tally; the JUnit report has every check either way)",
    )
    environment(
        parser,
        [
            ("HUBSPOT_BASE_URL", "test this server instead of a fresh reference server"),
            ("HUBSPOT_ACCESS_TOKEN", "its token"),
            ("HUBSPOT_LIMITED_TOKEN", "a token without scopes: adds the missing-scope check"),
            (f"{PREFIX}ASSOCIATIONS", "records of that server whose associations are read"),
            (f"{PREFIX}PROPERTIES", "its line item property definitions (a JSON file)"),
            ("HUBSPOT_ALLOW_INSECURE_HTTP", "1: let a token go over http:// beyond loopback"),
            SPEC_DIR_HELP,
            *_env.options(),
        ],
    )
    parser.set_defaults(run=contract_command)


def contract_command(args: argparse.Namespace) -> int:
    with needs("contract", "contract"):
        from contract_tests.runner import run_suite

    return run_suite(args)
