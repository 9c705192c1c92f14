"""What docs/ shows that a command renders is what the command renders now."""

import datetime as dt
import re

import pytest

from hubspot_toolkit.cli.main import main
from hubspot_toolkit.spec import lifecycle
from hubspot_toolkit.spec.versions import READ, UPSERT, version_of_operation_id, versioned
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


def test_the_versions_table_has_every_version_spec_tracks_with_its_dates() -> None:
    """One row per version of spec/, naming its operations and lifecycle.json's dates (a version
    added to spec/, or a date HubSpot moves, must reach docs/versions.md)."""
    page = (REPO / "docs" / "versions.md").read_text()
    rows = {
        re.sub(r"[*]|\s*\(.*", "", row.split("|")[1]).strip(): row
        for row in marked(page, "versions").splitlines()[2:]
    }
    operation_ids = {
        match
        for document in SPEC_DIR.glob("*.yaml")
        for match in re.findall(r"operationId: (\w+)", document.read_text())
    }
    tracked = {version_of_operation_id(operation_id) for operation_id in operation_ids}
    assert set(rows) == tracked, "docs/versions.md's table lists other versions than spec/"
    for version, row in rows.items():
        dates = lifecycle.lifecycle(version)
        for operation in (READ, UPSERT):
            assert f"`{versioned(operation, version)}`" in row, (version, operation)
        assert str(dates.current_until - dt.timedelta(days=1)) in row, version
        assert str(dates.supported_until) in row, version
