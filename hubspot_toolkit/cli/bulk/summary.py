"""The end of a bulk job: a summary on stdout (unless --quiet) and, for CI, the same figures
as JSON in the --summary-json file."""

import json
import sys
from pathlib import Path
from typing import Any

from hubspot_toolkit.cli.bulk.job import Tally


def show(tally: Tally, headline: str, quiet: bool) -> None:
    if quiet:
        return
    print(headline)
    if tally.resumed_chunks:
        print(f"  resumed: {tally.resumed_chunks} chunk(s) were acknowledged by earlier runs")
    for line, error in sorted(tally.shown):
        print(f"  line {line}: {error}")
    failed = tally.counts.get("failed", 0) + tally.unsent
    if failed > len(tally.shown):
        print(f"  … and {failed - len(tally.shown)} more")


def write_json(path: Path | None, command: str, tally: Tally, extra: dict[str, Any]) -> None:
    if path is None:
        return
    figures = {
        "command": command,
        **{name: value for name, value in tally.counts.items() if name != "rows"},
        "rows": tally.rows,
        "unsent": tally.unsent,
        "requests": tally.requests,
        "resumed_chunks": tally.resumed_chunks,
        "chunks": tally.chunks,
        "complete": tally.complete,
        "interrupted": tally.interrupted,
        **extra,
    }
    try:
        path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        print(f"hubspot-bulk: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)


def ending(journal: Path, tally: Tally, failed: int, noun: str = "rows") -> int:
    """The exit status; for a job left unfinished, a line saying how to finish it."""
    if tally.complete:
        return 1 if failed else 0
    again = "run the same command again with --resume"
    if tally.interrupted:
        print(
            f"hubspot-bulk: interrupted; {tally.unsent} {noun} not sent yet; the journal "
            f"{journal} is intact: {again}",
            file=sys.stderr,
        )
        return 130
    print(
        f"hubspot-bulk: stopped: {tally.stop_reason}; {tally.unsent} {noun} not sent or not "
        f"acknowledged, kept in the journal {journal}: fix the cause and {again}",
        file=sys.stderr,
    )
    return 1
