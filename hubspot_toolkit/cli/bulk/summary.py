"""The end of a bulk job: a summary on stdout (unless --quiet) and, for CI, the same figures
as JSON in the --summary-json file."""

import json
import sys
from pathlib import Path
from typing import Any

from hubspot_toolkit.cli.bulk.progress import plural
from hubspot_toolkit.client.bulk.files import FileJobReport


def tail(report: FileJobReport, noun: str = "rows") -> str:
    """The end of a headline: rows never sent (not failed: --resume sends them), the time and
    the requests."""
    not_sent = f", not sent {report.not_sent}" if report.not_sent else ""
    return (
        f"{not_sent} of {report.rows} {noun} in {report.seconds:.1f} s "
        f"({plural(report.requests, 'request')})"
    )


def show(report: FileJobReport, headline: str, quiet: bool) -> None:
    if quiet:
        return
    print(headline)
    if report.resumed_chunks:
        chunks = plural(report.resumed_chunks, "chunk")
        print(f"  resumed: {chunks} acknowledged by earlier runs")
    for line, error in sorted(report.failures):
        print(f"  line {line}: {error}")
    if report.failures and report.failed > len(report.failures):
        print(f"  … and {report.failed - len(report.failures)} more")


def write_json(
    path: Path | None, command: str, report: FileJobReport, extra: dict[str, Any]
) -> None:
    if path is None:
        return
    figures = {
        "command": command,
        **{name: value for name, value in report.counts.items() if name != "rows"},
        "rows": report.rows,
        "unsent": report.unsent,
        "not_sent": report.not_sent,
        "requests": report.requests,
        "resumed_chunks": report.resumed_chunks,
        "chunks": report.chunks,
        "complete": report.complete,
        "interrupted": report.interrupted,
        **extra,
    }
    try:
        path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        print(f"hubspot-bulk: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)


def ending(report: FileJobReport, noun: str = "rows") -> int:
    """The exit status; for a job left unfinished, a line saying how to finish it."""
    if report.complete:
        return 1 if report.failed else 0
    again = "run the same command again with --resume"
    if report.interrupted:
        left = (
            f"{report.unsent} {noun} not sent yet"
            if report.unsent == report.not_sent
            else f"{report.unsent} {noun} not sent yet or not acknowledged"
        )
        print(
            f"hubspot-bulk: interrupted; {left}; the journal {report.journal} is intact: {again}",
            file=sys.stderr,
        )
        return 130
    print(
        f"hubspot-bulk: stopped: {report.stop_reason}; {report.unsent} {noun} not sent or not "
        f"acknowledged, kept in the journal {report.journal}: fix the cause and {again}",
        file=sys.stderr,
    )
    return 1
