"""What docs/ shows that a command renders is what the command renders now."""

import re

import pytest

from hubspot_toolkit.cli.main import main
from tests.paths import REPO, SPEC_DIR


def marked(text: str, name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", text, re.S)
    assert match, f"no <!-- {name}:start --> … <!-- {name}:end --> section"
    return match[1]


@pytest.mark.parametrize(
    ("migrate", "section"),
    [
        ("v3:2026-09", "migrate-v3-2026-09"),
        ("2026-03:2026-09", "migrate-2026-03-2026-09"),
        ("v3:2026-03", "migrate-report"),
    ],
)
def test_each_migration_report_is_what_spec_diff_prints(
    migrate: str, section: str, capsys: pytest.CaptureFixture[str]
) -> None:
    command = f"spec-diff --migrate {migrate} --format markdown --allow-breaking"
    assert main([*command.split(), "--spec-dir", str(SPEC_DIR)]) == 0
    printed = capsys.readouterr().out
    page = (REPO / "docs" / "versions.md").read_text()
    assert f"make spec-diff MIGRATE={migrate} ALLOW_BREAKING=1 FORMAT=markdown" in page
    assert marked(page, section) == printed, f"paste what `{command}` prints"


def test_the_readme_is_a_front_door() -> None:
    lines = (REPO / "README.md").read_text().count("\n")
    assert lines <= 250, f"README.md has {lines} lines: move reference text to docs/"
