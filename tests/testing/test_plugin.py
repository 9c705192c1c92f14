"""The plugin as users meet it: registered by the entry point, light to load, and one line for
each kind of bad use."""

import os
import subprocess
import sys
from pathlib import Path

USER_TESTS = """
import pytest

def test_both(hubspot, hubspot_server):
    pass

@pytest.mark.hubspot(scops=["crm.objects.line_items.write"])
def test_typo(hubspot):
    pass

@pytest.mark.hubspot(properties="no-such-export.json")
def test_missing_export(hubspot):
    pass

@pytest.mark.hubspot(["crm.objects.line_items.write"])
def test_positional(hubspot):
    pass

def test_unknown_object_type(hubspot):
    hubspot.associate("deals", "1", "widget", "2")

def test_unknown_property(hubspot):
    hubspot.add_records("line_items", [{"colour": "red"}])
"""


# The other plugins in this environment import a lot and have no part in this
QUICK = ["-p", "no:cacheprovider", "-p", "no:schemathesis", "-p", "no:hypothesispytest"]


def test_bad_use_is_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(USER_TESTS)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rfE", "test_user.py", *QUICK],
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "400"},  # the summary lines in full
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out = run.stdout
    assert "2 failed, 4 errors" in out, out[-3000:]
    for line in [
        "ERROR test_user.py::test_both - Failed: test_user.py::test_both asks for both hubspot "
        "and hubspot_server",
        "ERROR test_user.py::test_typo - Failed: @pytest.mark.hubspot: unknown option 'scops'; "
        "known: scopes, rate_limit",
        f"ERROR test_user.py::test_missing_export - Failed: {tmp_path}/no-such-export.json: "
        "no such file",
        "ERROR test_user.py::test_positional - Failed: @pytest.mark.hubspot takes options by name",
        "FAILED test_user.py::test_unknown_object_type - hubspot_toolkit.testing.errors."
        "StandInError: associate: to: unknown object type 'widget'",
        "FAILED test_user.py::test_unknown_property - hubspot_toolkit.testing.errors."
        "StandInError: add_records('line_items'): records[0]: Property \"colour\" does not exist",
    ]:
        assert line in out, out[-3000:]
    assert "hubspot_server_process" not in out  # the process was never started for test_both


def test_loading_the_plugin_imports_only_pytest() -> None:
    heavy = ("starlette", "uvicorn", "httpx", "hubspot_crm_client", "yaml", "jsonschema")
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, hubspot_toolkit.testing.plugin;"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert run.stdout.strip() == "[]"
