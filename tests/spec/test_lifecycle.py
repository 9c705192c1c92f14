"""HubSpot's version schedule as data: statuses on given days, the version to build on, the
warning for an unsupported version, and every version spec/ tracks is on the schedule."""

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from hubspot_toolkit.spec import lifecycle
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.lifecycle import Status, UnknownVersion, UnsupportedVersionWarning
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.versions import version_of_operation_id
from tests.paths import SPEC_DIR, TOOLKIT

day = dt.date.fromisoformat


def test_every_version_spec_tracks_is_on_the_schedule() -> None:
    tracked = {
        version_of_operation_id(op.operation_id) for op in operations(bundle_spec_dir(SPEC_DIR))
    }
    assert tracked <= set(lifecycle.schedule())


@pytest.mark.parametrize(
    ("version", "on", "status"),
    [
        ("2026-09", "2026-09-07", Status.SUPPORTED),  # not released yet: not current
        ("2026-09", "2026-09-08", Status.CURRENT),
        ("2026-09", "2027-03-08", Status.SUPPORTED),
        ("2026-09", "2028-03-08", Status.UNSUPPORTED),
        ("2026-03", "2026-09-29", Status.CURRENT),
        ("2026-03", "2026-12-04", Status.SUPPORTED),
        ("2026-03", "2027-09-30", Status.UNSUPPORTED),
        ("v3", "2026-03-29", Status.CURRENT),
        ("v3", "2027-08-31", Status.SUPPORTED),
        ("v3", "2027-09-01", Status.UNSUPPORTED),  # September 2027: v1-v3 go unsupported
    ],
)
def test_status_on_a_day(version: str, on: str, status: Status) -> None:
    assert lifecycle.status(version, day(on)) is status


def test_new_integrations_use_the_latest_generally_available_version() -> None:
    assert lifecycle.newest(day("2026-12-04")) == "2026-09"
    assert lifecycle.newest(day("2026-09-07")) == "2026-03"  # 2025-09 was a beta, v3 legacy
    with pytest.raises(UnknownVersion):
        lifecycle.newest(day("2026-01-01"))


def test_an_unsupported_version_warns_and_a_supported_one_does_not() -> None:
    with pytest.warns(
        UnsupportedVersionWarning, match="v3 is unsupported since 2027-09-01.*2026-09"
    ):
        lifecycle.warn_if_unsupported("v3", day("2027-09-01"))
    assert lifecycle.warn_if_unsupported("v3", day("2027-08-31")) is None
    assert lifecycle.warn_if_unsupported("2031-03", day("2040-01-01")) is None  # not ours to say


def test_an_unknown_version_is_named() -> None:
    with pytest.raises(UnknownVersion, match="2031-03: not in HubSpot's schedule"):
        lifecycle.lifecycle("2031-03")


def test_report_says_each_status_and_what_to_build_on() -> None:
    lines = lifecycle.report(["2026-09", "v3", "2031-03"], day("2026-12-04"))
    assert lines == [
        "v3 (legacy): supported until 2027-08-31",
        "2026-09: current, supported until 2028-03-07",
        "2031-03: not in HubSpot's schedule",
        "for new integrations: 2026-09",
    ]


def test_every_date_has_its_basis() -> None:
    raw = json.loads(Path(lifecycle.__file__).with_name("lifecycle.json").read_text())
    for name, entry in raw["versions"].items():
        assert "https://" in entry["basis"], name
        item = lifecycle.lifecycle(name)
        assert item.current_until < item.unsupported_from


def test_spec_diff_reports_the_versions_it_compares() -> None:
    result = subprocess.run(
        [*TOOLKIT, "spec-diff", "--spec-dir", str(SPEC_DIR), "--migrate", "v3:2026-09",
         "--allow-breaking", "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)  # the statuses go to stderr: JSON stays one document
    statuses = result.stderr.splitlines()
    assert statuses[0].startswith("v3 (legacy): ") and statuses[1].startswith("2026-09: ")
    assert statuses[2] == f"for new integrations: {lifecycle.newest()}"
