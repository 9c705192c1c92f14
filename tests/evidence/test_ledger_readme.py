"""docs/evidence.md's ledger table and open questions are the ledger's, and the ledger is sound."""

import re

from hubspot_toolkit.evidence import GRADES, behaviours, open_questions, readme_table
from tests.paths import REPO

EVIDENCE_PAGE = REPO / "docs" / "evidence.md"


def section(text: str, name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", text, re.S)
    assert match, f"docs/evidence.md has no {name} section"
    return match[1]


def test_the_evidence_page_shows_the_ledger_as_it_is() -> None:
    page = EVIDENCE_PAGE.read_text()
    assert section(page, "evidence") == readme_table(), "run python -m hubspot_toolkit.evidence"
    assert section(page, "open") == open_questions()


def test_every_entry_is_graded_by_its_best_source() -> None:
    ids = [e["id"] for e in behaviours()]
    assert len(ids) == len(set(ids))
    for entry in behaviours():
        source_grades = [s["grade"] for s in entry.get("sources", [])]
        best = min((GRADES.index(g) for g in source_grades), default=GRADES.index("inference"))
        assert GRADES.index(entry["grade"]) == best, entry["id"]
        for pattern in [entry.get("exchange", {}).get("expect", {}).get("message")]:
            if pattern:
                re.compile(pattern)
