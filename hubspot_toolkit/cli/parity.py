"""`parity`: record a portal's answers to a fixed scenario, check a server against a recording,
turn a recording into ledger sources (hubspot_toolkit.parity)."""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from hubspot_toolkit.cli.options import (
    SPEC_DIR_HELP,
    Subcommands,
    add_spec_dir,
    env_default,
    environment,
    needs,
)
from hubspot_toolkit.client.url_safety import ALLOW_VARIABLE
from hubspot_toolkit.errors import HubSpotToolkitError

DEFAULT_PREFIX = "contract-test-"
BASE_URL_VAR, TOKEN_VAR = "HUBSPOT_BASE_URL", "HUBSPOT_ACCESS_TOKEN"
LIMITED_VAR, ASSOCIATIONS_VAR = "HUBSPOT_LIMITED_TOKEN", "HUBSPOT_CONTRACT_ASSOCIATIONS"


def _rate(text: str) -> float:
    """`5/s` or `5` → 5.0 requests per second; 0: unpaced."""
    try:
        value = float(text.removesuffix("/s"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a rate such as 5/s") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a rate is 0 or more")
    return value


def register(commands: Subcommands) -> None:
    summary = "record a portal's answers, check a server against a recording"
    parity = commands.add_parser(
        "parity",
        help=summary,
        description=f"{summary}. Exit 0: no divergence; 1: divergences; 2: cannot run.",
    )
    actions = parity.add_subparsers(dest="parity_command", required=True, metavar="ACTION")

    record = actions.add_parser(
        "record",
        help="run the scenario against $HUBSPOT_BASE_URL and write a recording",
        description=f"Run the parity scenario against ${BASE_URL_VAR} with ${TOKEN_VAR} "
        f"(${LIMITED_VAR} adds the missing-scope exchanges; ${ASSOCIATIONS_VAR} names the "
        "portal's records with associations, as for `contract`).",
    )
    environment(
        record,
        [
            (BASE_URL_VAR, "the portal or server to record"),
            (TOKEN_VAR, "its token (never written to the recording)"),
            (LIMITED_VAR, "a token without a scope: adds the missing-scope exchanges"),
            (ASSOCIATIONS_VAR, "the portal's records with associations, as for `contract`"),
            ("HUBSPOT_CONTRACT_PREFIX", "the default of --prefix"),
            ("HUBSPOT_CONTRACT_ID_PROPERTY", "the unique property upserts are keyed by"),
            ("HUBSPOT_CONTRACT_PROPERTIES", "the portal's line item properties (its unique key)"),
            (ALLOW_VARIABLE, "1: allow a token over plain http:// to a host not on loopback"),
            SPEC_DIR_HELP,
        ],
    )
    add_spec_dir(record)
    record.add_argument("output", type=Path, metavar="RECORDING", help="the file to write")
    record.add_argument(
        "--prefix",
        default=env_default("HUBSPOT_CONTRACT_PREFIX", DEFAULT_PREFIX),
        help=f"keys written start with it (default {DEFAULT_PREFIX})",
    )
    _add_rate(record)
    record.set_defaults(run=record_command)

    check = actions.add_parser(
        "check",
        help="replay a recording against the stand-in or --against URL; report divergences",
        description="Replay RECORDING's scenario against the in-process stand-in (arranged "
        f"from the recording) or --against URL (with ${TOKEN_VAR}, and ${LIMITED_VAR} when the "
        "recording has missing-scope exchanges). Exit 0: none; 1: divergences; 2: cannot run.",
    )
    environment(
        check,
        [
            (TOKEN_VAR, "the token for --against URL"),
            (LIMITED_VAR, "a token without a scope, for the missing-scope exchanges"),
            (ALLOW_VARIABLE, "1: allow a token over plain http:// to a host not on loopback"),
            SPEC_DIR_HELP,
        ],
    )
    add_spec_dir(check)
    check.add_argument("recording", type=Path, metavar="RECORDING")
    check.add_argument("--against", metavar="URL", help="a server (default: the stand-in)")
    check.add_argument(
        "--report", type=Path, metavar="FILE", help="also write the divergences as JSON"
    )
    _add_rate(check)
    check.set_defaults(run=check_command)

    ledger = actions.add_parser(
        "ledger",
        help="a portal's recording as captured sources for the evidence ledger (YAML)",
    )
    environment(ledger, [])
    ledger.add_argument("recording", type=Path, metavar="RECORDING")
    ledger.set_defaults(run=ledger_command)


def _add_rate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rate-limit",
        type=_rate,
        default=None,
        metavar="N/s",
        help="pace the requests (default 5/s against a remote server, off on this machine)",
    )


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _associations() -> dict[str, Any] | None:
    from hubspot_toolkit.parity.record import ParityError

    path = os.environ.get(ASSOCIATIONS_VAR, "").strip()
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for entry in data.get("associations", []):
            for name in ("fromObjectType", "fromId", "toObjectType", "toId"):
                str(entry[name])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ParityError(
            f"{ASSOCIATIONS_VAR}={path}: not an ASSOCIATIONS file ({type(exc).__name__}: {exc})"
        ) from None
    return data  # type: ignore[no-any-return]


def _target(base_url: str | None, rate: float | None) -> Any:
    from hubspot_toolkit.parity.record import ParityError, Target, default_rate

    url = (base_url or os.environ.get(BASE_URL_VAR, "")).strip()
    token = os.environ.get(TOKEN_VAR, "").strip()
    if not url:
        raise ParityError(f"set {BASE_URL_VAR} (and {TOKEN_VAR}) to the server to record")
    if not token:
        raise ParityError(f"set {TOKEN_VAR} to a token of {url}")
    limited = os.environ.get(LIMITED_VAR, "").strip() or None
    return Target(url, token, limited, default_rate(url, rate))


def record_command(args: argparse.Namespace) -> int:
    with needs("parity record", "server"):
        from hubspot_toolkit.parity.record import dumps, record
        from hubspot_toolkit.parity.scenario import settings_from_spec
        from hubspot_toolkit.spec.bundle import bundle_spec_dir
    try:
        target = _target(None, args.rate_limit)
        settings = settings_from_spec(
            bundle_spec_dir(args.spec_dir),
            prefix=args.prefix,
            id_property=_id_property(),
            associations=_associations(),
            limited=target.limited_token is not None,
        )
        recording = record(target, settings)
    except HubSpotToolkitError as exc:
        return _fail(str(exc))
    except Exception as exc:  # a spec folder that cannot be read, among others: one line
        return _fail(f"{type(exc).__name__}: {exc}")
    _write(args.output, dumps(recording))
    count = len(recording["exchanges"])
    print(f"parity: recorded {count} exchanges to {args.output}")
    return 0


def _id_property() -> str:
    from contract_tests.settings import PROPERTIES, remote_id_property

    return remote_id_property(os.environ.get(PROPERTIES) or None)


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a temp file beside it, then swapped in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def check_command(args: argparse.Namespace) -> int:
    with needs("parity check", "server"):
        from hubspot_toolkit.parity.check import check
        from hubspot_toolkit.parity.compare import report
        from hubspot_toolkit.parity.record import load
        from hubspot_toolkit.parity.stand_in import arranged
    try:
        recording = load(args.recording)
        if args.against:
            against = args.against
            divergences = check(recording, _target(args.against, args.rate_limit))
        else:
            against = "the in-process stand-in"
            with arranged(recording, args.spec_dir) as target:
                divergences = check(recording, target)
    except HubSpotToolkitError as exc:
        return _fail(str(exc))
    except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a hand-edited recording
        return _fail(f"{args.recording}: not a recording this toolkit wrote ({exc!r})")
    print(report(divergences, against), end="")
    if args.report:
        _write(args.report, json.dumps([d.as_json() for d in divergences], indent=2) + "\n")
    return 1 if divergences else 0


def ledger_command(args: argparse.Namespace) -> int:
    with needs("parity ledger", "spec"):
        import yaml

        from hubspot_toolkit.parity.evidence import ledger_entries
        from hubspot_toolkit.parity.record import load
    try:
        entries = ledger_entries(load(args.recording), args.recording.name)
    except HubSpotToolkitError as exc:
        return _fail(str(exc))
    print(yaml.safe_dump({"behaviours": entries}, sort_keys=False, width=100), end="")
    return 0
