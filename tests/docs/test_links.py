"""Every link of the README and docs/*.md to a file of the repository reaches it, and every
`#anchor` names a heading of the page it points to (as GitHub makes anchors of headings)."""

import re
from pathlib import Path

from tests.docs.markdown import name_of, pages, prose

LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(page: Path) -> set[str]:
    headings = re.findall(r"^#{1,6} (.+)$", prose(page.read_text()), re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def broken(page: Path) -> list[str]:
    problems = []
    for target in LINK.findall(prose(page.read_text())):
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            problems.append(f"{name_of(page)}: {target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            problems.append(f"{name_of(page)}: {target}: no such heading")
    return problems


def test_every_link_reaches_its_file_and_heading() -> None:
    problems = [problem for page in pages() for problem in broken(page)]
    assert not problems, "\n".join(problems)


def test_anchors_are_made_as_github_makes_them(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("## The journal: `--resume`\n\n### HubSpot's API versions, v3 & 2026-03\n")
    assert anchors(page) == {"the-journal---resume", "hubspots-api-versions-v3--2026-03"}
