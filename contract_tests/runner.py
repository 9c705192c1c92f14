"""`hubspot-toolkit contract`: schemathesis and the live client half against a target; summary.

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

from contract_tests import live as live_half
from contract_tests.preflight import preflight
from contract_tests.scopes import READABLE_VARIABLE, describe, learn
from contract_tests.settings import PROPERTIES, HookSettings, remote_id_property
from contract_tests.spec_source import SPEC_FILE_VARIABLE
from contract_tests.summary import read_events, render
from contract_tests.target import (
    Target,
    TargetError,
    from_environment,
    reference_target,
)
from contract_tests.versions import VERSIONS_VARIABLE, parse
from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.properties import PropertiesFileError
from hubspot_toolkit.server.process import ServerStartError
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.lifecycle import unsupported_message
from hubspot_toolkit.spec.location import SPEC_DIR_VARIABLE
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.versions import READ, base_operation_id, version_of_operation_id

HOOKS_MODULE = "contract_tests.checks.hooks"
DEFAULT_EXAMPLES = 100
DEEP_EXAMPLES = 2000
# HubSpot allows 100 requests per 10 s on the smallest tier. The semantic checks may send one
# more request per test case, so schemathesis itself is held to half of that.
DEFAULT_REMOTE_RATE = "5/s"
REMOTE_EXAMPLES = 40


def _schemathesis_command(
    spec: Document,
    spec_file: Path,
    target: Target,
    args: argparse.Namespace,
    events: Path,
    junit: Path,
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
        # HubSpot answers a method a route does not serve 404 as well as 405 (ledger:
        # batch-routes-other-methods): checks/answers.py's hubspot_unsupported_method judges it
        "--exclude-checks",
        "unsupported_method",
        "--phases",
        args.phases,
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
    if args.max_failures:
        command += ["--max-failures", str(args.max_failures)]
    rate = args.rate_limit or (None if target.is_reference else DEFAULT_REMOTE_RATE)
    if rate:
        command += ["--rate-limit", rate]
    for operation_id in args.included:
        command += ["--include-operation-id", operation_id]
    if not args.readable.readable:
        # The token may read no object type: every association read, in every version, would
        # be a rightful 403.
        for operation in operations(spec):
            if base_operation_id(operation.operation_id) == READ:
                command += ["--exclude-operation-id", operation.operation_id]
    return command


def _config_file(work: Path) -> Path:
    # The token reaches schemathesis through its environment, never its command line.
    config = work / "schemathesis.toml"
    config.write_text('[headers]\nAuthorization = "Bearer ${HUBSPOT_ACCESS_TOKEN}"\n')
    return config


def _hook_settings(target: Target, args: argparse.Namespace) -> HookSettings:
    """Raises PropertiesFileError when the user's properties file is bad."""
    if target.is_reference:  # it runs with the shipped definitions
        return HookSettings(
            target.base_url, target.token, target.limited_token, existing=target.existing
        )
    properties_file = os.environ.get(PROPERTIES) or None
    return HookSettings(
        base_url=target.base_url,
        token=target.token,
        limited_token=target.limited_token,
        safe_prefix=args.prefix,
        id_property=remote_id_property(properties_file),
        existing=target.existing,
        properties_file=properties_file,
    )


def run_schemathesis(
    target: Target, args: argparse.Namespace, spec: Document, spec_file: Path, work: Path
) -> tuple[int, str]:
    events = work / "events.ndjson"
    junit = args.reports_dir / "contract-junit.xml"
    command = _schemathesis_command(spec, spec_file, target, args, events, junit)
    env = _child_environment(target, args, spec_file)
    env["SCHEMATHESIS_HOOKS"] = HOOKS_MODULE
    log = args.reports_dir / "schemathesis-output.txt"
    with log.open("w") as out:
        result = subprocess.run(
            [command[0], "--config-file", str(_config_file(work)), *command[1:]],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
            cwd=work,
        )
    summary = read_events(events)
    names = {f"{op.method.upper()} {op.template}": op.operation_id for op in operations(spec)}
    text = render(summary, names, getattr(args, "verbose", False))
    failed = result.returncode != 0 or summary.failed
    if result.returncode != 0 and not summary.failures and not summary.errors:
        text += f"\nschemathesis exited {result.returncode}; its output is in {log}"
    if events.exists():
        shutil.copyfile(events, args.reports_dir / "contract-events.ndjson")
    return (1 if failed else 0), text + f"\n{summary.total_cases} test cases; JUnit XML: {junit}"


def _child_environment(target: Target, args: argparse.Namespace, spec_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != PROPERTIES}
    env.update(_hook_settings(target, args).to_environment())
    if args.versions:
        env[VERSIONS_VARIABLE] = args.versions
    env[SPEC_FILE_VARIABLE] = str(spec_file)
    env[READABLE_VARIABLE] = ",".join(args.readable.readable)
    return env


def run_live_client(
    target: Target, args: argparse.Namespace, spec_file: Path, work: Path
) -> tuple[int, str]:
    """The generated client, driven by spec-valid inputs, parses every answer of the target."""
    junit = args.reports_dir / "client-live-junit.xml"
    env = _child_environment(target, args, spec_file)
    env["HYPOTHESIS_SEED"] = str(args.seed)
    # Its own empty configuration: neither a checkout's pytest settings nor the caller's apply.
    config = work / "pytest.ini"
    config.write_text("[pytest]\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(Path(live_half.__file__).parent),
            "-q",
            "-c",
            str(config),
            "--rootdir",
            str(work),
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=work,
    )
    last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    verdict = "passed" if result.returncode == 0 else "FAILED"
    text = f"generated client against the live server: {verdict} ({last.strip('= ')})"
    if result.returncode != 0:
        text += "\n" + result.stdout[-3000:]
    return (0 if result.returncode == 0 else 1), text


def _included_operations(spec: Document, versions: str | None) -> list[str]:
    """The operationIds of the versions asked for; empty when every version is tested."""
    asked = parse(versions)
    if asked is None:
        return []
    ids = {op.operation_id: version_of_operation_id(op.operation_id) for op in operations(spec)}
    unknown = sorted(set(asked) - set(ids.values()))
    if unknown:
        have = ", ".join(sorted(set(ids.values())))
        raise TargetError(f"--versions {','.join(unknown)}: the spec has {have}")
    return sorted(op for op, version in ids.items() if version in asked)


def run_suite(args: argparse.Namespace) -> int:
    """Run the suite as `hubspot-toolkit contract` was asked to; the exit status."""
    if args.seed is None:
        args.seed = random.randrange(2**31)
    # Children run in a scratch folder: make every path the user gave absolute first.
    args.spec_dir = args.spec_dir.resolve()
    args.reports_dir = args.reports_dir.resolve()
    # --spec-dir reaches every part of the suite, in this process (scopes, checks) and in the
    # children it starts (the live client half runs under its own pytest), as the variable
    # they read when run on their own.
    os.environ[SPEC_DIR_VARIABLE] = str(args.spec_dir)
    started = time.monotonic()
    try:
        spec = bundle_spec_dir(args.spec_dir)
        args.included = _included_operations(spec, args.versions)
        for version in parse(args.versions) or []:
            message = unsupported_message(version)
            if message:
                print(f"warning: --versions {message}", file=sys.stderr)
        configured = from_environment()
        context: AbstractContextManager[Target] = (
            nullcontext(configured) if configured else reference_target(args.spec_dir, spec)
        )
        with context as target, tempfile.TemporaryDirectory(prefix="contract-") as scratch:
            work = Path(scratch)
            spec_file = work / "openapi.json"
            spec_file.write_text(json.dumps(spec))
            args.reports_dir.mkdir(parents=True, exist_ok=True)
            where = "reference server" if target.is_reference else "HUBSPOT_BASE_URL"
            print(f"Contract suite against {target.base_url} ({where}), seed {args.seed}")
            hook_settings = _hook_settings(target, args)  # a bad properties file stops here
            if not target.is_reference:
                print(
                    f"Records written are keyed by {hook_settings.id_property} values starting "
                    f"{args.prefix!r}."
                )
            preflight(target)
            args.readable = learn(target.base_url, target.token)
            print(describe(args.readable))
            status, text = run_schemathesis(target, args, spec, spec_file, work)
            print(text)
            if not args.skip_client and args.max_failures and status != 0:
                # the live half writes too: a run asked to stop early stops here
                print("generated client against the live server: skipped (--max-failures)")
            elif not args.skip_client:
                client_status, client_text = run_live_client(target, args, spec_file, work)
                print(client_text)
                status = max(status, client_status)
    except (TargetError, SpecError, ServerStartError, PropertiesFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
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
