"""The progress line: rows done, rows per second, and an ETA held to the rate-limit budget."""

import io

import pytest

from hubspot_toolkit.cli.bulk import progress
from hubspot_toolkit.cli.bulk.progress import ProgressLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_eta_never_promises_more_than_the_budget_allows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress, "_rich_bar", lambda stream: None)  # the plain line
    clock = iter([100.0, 101.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    line = ProgressLine("upserting", 10_000, done=1_000, ceiling=100.0, stream=Terminal())
    assert line.text(100.5) == "upserting 1,000/10,000 rows, 0 rows/s, ETA ?"  # 1,000 resumed
    # 1,000 rows in the first second (an empty window) but a budget of 100 rows/s: the ETA
    # is 8,000 rows at 100 rows/s, not at 1,000.
    line.advance(1_000)
    assert "2,000/10,000 rows, 1,000 rows/s, ETA 1m20s" in line.text(101.0)


def test_nothing_is_drawn_off_a_terminal() -> None:
    stream = io.StringIO()
    line = ProgressLine("reading", 10, stream=stream)
    line.advance(10)
    line.close()
    assert stream.getvalue() == ""
