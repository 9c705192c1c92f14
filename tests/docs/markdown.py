"""What the tests of the docs read from Markdown: sections, fenced code blocks, code spans."""

import re
from dataclasses import dataclass
from pathlib import Path

from tests.paths import REPO

FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)
SPAN = re.compile(r"`([^`\n]+)`")


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    start: int  # offset of the fence in the text it came from


def pages() -> list[Path]:
    """The README and every page under docs/."""
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def name_of(page: Path) -> str:
    return str(page.relative_to(REPO))


def section(text: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading of that level or higher (a `#` line
    inside a fenced block is a comment, not a heading)."""
    lines = text.splitlines(keepends=True)
    assert f"## {heading}\n" in lines, f"no section '## {heading}'"
    start = lines.index(f"## {heading}\n") + 1
    fenced = False
    for end in range(start, len(lines)):
        fenced ^= lines[end].startswith("```")
        if not fenced and re.match(r"#{1,2} ", lines[end]):
            return "".join(lines[start:end])
    return "".join(lines[start:])


def blocks(text: str) -> list[Block]:
    return [Block(m[1], m[2], m.start()) for m in FENCE.finditer(text)]


def prose(text: str) -> str:
    """The text with its fenced blocks blanked out."""
    return FENCE.sub(lambda m: "\n" * m[0].count("\n"), text)


def spans(text: str) -> list[str]:
    """The inline code spans outside fenced blocks."""
    return SPAN.findall(prose(text))


def shell_lines(block: str) -> list[str]:
    """A shell block's commands: continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", block)
    lines = (re.sub(r"(^|\s)#.*$", "", line).strip() for line in joined.splitlines())
    return [line for line in lines if line]
