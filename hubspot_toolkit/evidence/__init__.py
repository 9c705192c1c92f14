"""The evidence ledger: every HubSpot behaviour the stand-in, spec/ and the suite encode, with its
best evidence, graded (ledger.yaml). Tests replay its exchanges against the stand-in;
docs/evidence.md's evidence table is rendered from it (`python -m hubspot_toolkit.evidence`) and
checked against it.
"""

from functools import cache
from pathlib import Path
from typing import Any

LEDGER = Path(__file__).with_name("ledger.yaml")
GRADES = ("captured", "maintainer", "production", "docs", "inference")


@cache
def behaviours() -> tuple[dict[str, Any], ...]:
    """The ledger's entries, in its order."""
    import yaml  # the [spec] extra; the client never reads the ledger

    entries = yaml.safe_load(LEDGER.read_text(encoding="utf-8"))["behaviours"]
    return tuple(entries)


def _first_source(entry: dict[str, Any]) -> str:
    urls = [s["url"] for s in entry.get("sources", []) if str(s.get("url", "")).startswith("http")]
    return f"<{urls[0]}>" if urls else "(no linkable source)"


def readme_table() -> str:
    """docs/evidence.md's evidence table: one row per behaviour, best grade first."""
    rows = sorted(behaviours(), key=lambda e: GRADES.index(e["grade"]))
    lines = ["| behaviour | grade | confidence | best source |", "|---|---|---|---|"]
    lines += [
        f"| `{e['id']}` | {e['grade']} | {e['confidence']} | {_first_source(e)} |" for e in rows
    ]
    return "\n".join(lines) + "\n"


def open_questions() -> str:
    """docs/evidence.md's list of what sources leave open: every entry graded inference."""
    return "".join(
        f"- `{e['id']}`: {' '.join(str(e.get('open') or e['claim']).split())}\n"
        for e in behaviours()
        if e["grade"] == "inference"
    )
