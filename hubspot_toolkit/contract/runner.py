"""`make contract`: run schemathesis and the live client contract against a target; summarise.

Exit status: 0 when nothing failed, 1 when a check failed, 2 when the suite could not run
(unreachable server, wrong token, bad settings).
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from hubspot_toolkit.bundle import bundle_spec_dir
from hubspot_toolkit.contract.preflight import preflight
from hubspot_toolkit.contract.settings import DEFAULT_SAFE_PREFIX, HookSettings
from hubspot_toolkit.contract.summary import read_events, render
from hubspot_toolkit.contract.target import (
    Target,
    TargetError,
    from_environment,
    reference_target,
)
from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.validation import operations

REPO = Path(__file__).resolve().parents[2]
HOOKS_MODULE = "hubspot_toolkit.contract.hooks"
PHASES = "examples,coverage,fuzzing"
DEFAULT_EXAMPLES = 100
DEEP_EXAMPLES = 2000
# HubSpot allows 100 requests per 10 s on the smallest tier. The semantic checks may send one
# more request per test case, so schemathesis itself is held to half of that.
DEFAULT_REMOTE_RATE = "5/s"
REMOTE_EXAMPLES = 40


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ
    parser = argparse.ArgumentParser(prog="contract", description=__doc__)
    parser.add_argument("--spec-dir", type=Path, default=REPO / "spec")
    parser.add_argument("--reports-dir", type=Path, default=Path("reports"))
    parser.add_argument("--seed", type=int, default=int(env.get("SEED") or random.randrange(2**31)))
    parser.add_argument("--deep", action="store_true", default=env.get("DEEP") == "1")
    parser.add_argument("--max-examples", type=int, default=int(env.get("MAX_EXAMPLES") or 0))
    parser.add_argument("--rate-limit", default=env.get("CONTRACT_RATE_LIMIT") or None)
    parser.add_argument(
        "--prefix", default=env.get("HUBSPOT_CONTRACT_PREFIX") or DEFAULT_SAFE_PREFIX
    )
    parser.add_argument("--skip-client", action="store_true", help="skip the live client contract")
    return parser.parse_args(argv)


def _schemathesis_command(
    spec_file: Path, target: Target, args: argparse.Namespace, events: Path, junit: Path
) -> list[str]:
    default = DEFAULT_EXAMPLES if target.is_reference else REMOTE_EXAMPLES
    examples = args.max_examples or (DEEP_EXAMPLES if args.deep else default)
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        str(spec_file),
        "--url",
        target.base_url,
        "--checks",
        "all",
        "--phases",
        PHASES,
        "--mode",
        "all",
        "--max-examples",
        str(examples),
        "--seed",
        str(args.seed),
        # One worker: CPython 3.11 before 3.11.8 can fail ast.parse in concurrent threads
        # ("AST constructor recursion depth mismatch", gh-106905), which hypothesis calls.
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--report",
        "junit,ndjson",
        "--report-junit-path",
        str(junit),
        "--report-ndjson-path",
        str(events),
        "--no-color",
    ]
    rate = args.rate_limit or (None if target.is_reference else DEFAULT_REMOTE_RATE)
    if rate:
        command += ["--rate-limit", rate]
    return command


def _config_file(work: Path) -> Path:
    # The token reaches schemathesis through its environment, never its command line.
    config = work / "schemathesis.toml"
    config.write_text('[headers]\nAuthorization = "Bearer ${HUBSPOT_ACCESS_TOKEN}"\n')
    return config


def _hook_settings(target: Target, args: argparse.Namespace) -> HookSettings:
    return HookSettings(
        base_url=target.base_url,
        token=target.token,
        limited_token=target.limited_token,
        safe_prefix=None if target.is_reference else args.prefix,
    )


def run_schemathesis(target: Target, args: argparse.Namespace, work: Path) -> tuple[int, str]:
    spec = bundle_spec_dir(args.spec_dir)
    spec_file = work / "openapi.json"
    spec_file.write_text(json.dumps(spec))
    args.reports_dir.mkdir(parents=True, exist_ok=True)
    events = work / "events.ndjson"
    junit = args.reports_dir / "contract-junit.xml"
    command = _schemathesis_command(spec_file, target, args, events, junit)
    env = {**os.environ, **_hook_settings(target, args).to_environment()}
    env["SCHEMATHESIS_HOOKS"] = HOOKS_MODULE
    log = args.reports_dir / "schemathesis-output.txt"
    with log.open("w") as out:
        result = subprocess.run(
            [command[0], "--config-file", str(_config_file(work)), *command[1:]],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    summary = read_events(events)
    names = {f"{op.method.upper()} {op.template}": op.operation_id for op in operations(spec)}
    text = render(summary, names)
    failed = result.returncode != 0 or summary.failed
    if result.returncode != 0 and not summary.failures and not summary.errors:
        text += f"\nschemathesis exited {result.returncode}; its output is in {log}"
    if events.exists():
        shutil.copyfile(events, args.reports_dir / "contract-events.ndjson")
    return (1 if failed else 0), text + f"\n{summary.total_cases} test cases; JUnit XML: {junit}"


def run_live_client(target: Target, args: argparse.Namespace) -> tuple[int, str]:
    """The generated client, driven by spec-valid inputs, parses every answer of the target."""
    junit = args.reports_dir / "client-live-junit.xml"
    env = {**os.environ, **_hook_settings(target, args).to_environment()}
    env["HYPOTHESIS_SEED"] = str(args.seed)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(REPO / "contract_tests" / "live"),
            "-q",
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    verdict = "passed" if result.returncode == 0 else "FAILED"
    text = f"generated client against the live server: {verdict} ({last.strip('= ')})"
    if result.returncode != 0:
        text += "\n" + result.stdout[-3000:]
    return (0 if result.returncode == 0 else 1), text


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    started = time.monotonic()
    try:
        configured = from_environment()
        context: AbstractContextManager[Target] = (
            nullcontext(configured) if configured else reference_target()
        )
        with context as target, tempfile.TemporaryDirectory(prefix="contract-") as work:
            where = "reference server" if target.is_reference else "HUBSPOT_BASE_URL"
            print(f"Contract suite against {target.base_url} ({where}), seed {args.seed}")
            if not target.is_reference:
                print(f"Records written are keyed by idProperty values starting {args.prefix!r}.")
            preflight(target)
            status, text = run_schemathesis(target, args, Path(work))
            print(text)
            if not args.skip_client:
                client_status, client_text = run_live_client(target, args)
                print(client_text)
                status = max(status, client_status)
    except (TargetError, SpecError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 2
    elapsed = time.monotonic() - started
    print(
        f"{'PASSED' if status == 0 else 'FAILED'} in {elapsed:.1f} s "
        f"(reproduce with SEED={args.seed} make contract)"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
