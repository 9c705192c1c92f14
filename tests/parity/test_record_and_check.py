"""`parity record` and `parity check` end to end, as users run them: a stand-in process
recorded twice, checked in process and over HTTP, a changed server reported, bad input refused
in one line, and the token nowhere."""

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubspot_toolkit.cli.main import main
from hubspot_toolkit.server.process import free_port
from tests.contract.test_contract_runner import wait_for_port
from tests.parity.conftest import LIMITED, TOKEN, Served
from tests.paths import REPO, TOOLKIT


def parity_process(
    served: Served, *args: str, base_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as users run it, in its own process."""
    return subprocess.run(
        [*TOOLKIT, "parity", *args],
        env=served.environment(base_url),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=False,
    )


def parity(
    served: Served, *args: str, base_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The same command in this process (a process start costs more than the command)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        for name in [n for n in os.environ if n.startswith("HUBSPOT_")]:
            patch.delenv(name)
        for name, value in served.environment(base_url).items():
            patch.setenv(name, value)
        patch.chdir(REPO)
        code = main(["parity", *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def recordings(served: Served, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("recordings")
    first, second = work / "first.json", work / "second.json"
    for path in (first, second):
        done = parity_process(served, "record", str(path))
        assert done.returncode == 0, done.stderr
    return first, second


def without_time(path: Path) -> dict[str, object]:
    recording: dict[str, object] = json.loads(path.read_text())
    recording.pop("recorded")
    return recording


def test_recording_twice_gives_the_same_file_apart_from_its_time(
    recordings: tuple[Path, Path],
) -> None:
    first, second = recordings
    assert without_time(first) == without_time(second)
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a["recorded"] != b["recorded"]  # two runs, two sets of keys written


def test_the_recording_covers_both_operations_in_every_version_of_the_spec(
    recordings: tuple[Path, Path],
) -> None:
    from hubspot_toolkit.spec.bundle import bundle_spec_dir
    from hubspot_toolkit.spec.operations import operations
    from hubspot_toolkit.spec.versions import version_of_operation_id
    from tests.paths import SPEC_DIR

    recording = json.loads(recordings[0].read_text())
    versions = {
        version_of_operation_id(op.operation_id) for op in operations(bundle_spec_dir(SPEC_DIR))
    }
    names = {e["name"] for e in recording["exchanges"]}
    for version in versions:
        for step in ("upsert/create", "upsert/missing-scope", "read/unknown-id", "read/type-id"):
            assert f"{version}/{step}" in names
    # the portal's paged record is followed to its next page
    assert any("/read/next-page/" in name for name in names)
    # the id an upsert returned is the one the read of it names
    by_name = {e["name"]: e for e in recording["exchanges"]}
    created = {r["id"] for r in by_name["v3/upsert/create"]["response"]["body"]["results"]}
    read = by_name["v3/read/records-without-associations"]["request"]["body"]["inputs"]
    assert {i["id"] for i in read} == created
    assert recording["cleanup"]["keys"] and all(
        k.startswith("contract-test-parity-<run>-") for k in recording["cleanup"]["keys"]
    )


def test_no_token_anywhere_in_the_recording(recordings: tuple[Path, Path]) -> None:
    text = recordings[0].read_text()
    assert TOKEN not in text and LIMITED not in text
    roles = {e["request"]["token"] for e in json.loads(text)["exchanges"]}
    assert roles == {"token", "limited", "invalid", "none"}


def test_the_in_process_stand_in_answers_as_the_recorded_one(
    served: Served, recordings: tuple[Path, Path]
) -> None:
    done = parity(served, "check", str(recordings[0]))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no divergence" in done.stdout


def test_the_same_server_again_shows_nothing(served: Served, recordings: tuple[Path, Path]) -> None:
    done = parity(served, "check", str(recordings[0]), "--against", served.base_url)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def changed_server(served: Served) -> Iterator[str]:
    """The recorded server behind a proxy that drops the properties of upsert answers."""
    port = free_port()
    env = served.environment() | {"UPSTREAM_TOKEN": TOKEN}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.contract.broken_servers",
            "drops_upsert_properties",
            served.base_url,
            str(port),
        ],
        env=env,
        cwd=REPO,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def test_a_server_changed_since_the_recording_is_reported(
    served: Served, recordings: tuple[Path, Path], changed_server: str, tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    done = parity(
        served, "check", str(recordings[0]), "--against", changed_server, "--report", str(report)
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        'v3/upsert/create $.body.results[0].properties.name: recorded "Parity one", now (absent)'
        in done.stdout
    )
    assert "upsert-returns-default-properties" in done.stdout  # the ledger entries it bears on
    found = json.loads(report.read_text())
    assert any(
        d["exchange"] == "v3/upsert/create" and d["path"] == "$.body.results[0].properties.name"
        for d in found
    )
    assert TOKEN not in done.stdout + done.stderr + report.read_text()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("check", "no-such-recording.json"), "cannot read a recording"),
        (("check", "pyproject.toml"), "cannot read a recording"),
        (("check", "{recording}", "--against", "http://192.0.2.1:8080"), "plain http://"),
        (("record", "{out}"), "set HUBSPOT_BASE_URL"),
    ],
)
def test_what_cannot_run_is_one_line_and_exit_2(
    served: Served,
    recordings: tuple[Path, Path],
    tmp_path: Path,
    args: tuple[str, ...],
    says: str,
) -> None:
    filled = [a.format(recording=recordings[0], out=tmp_path / "out.json") for a in args]
    env_url = "" if args[0] == "record" else None
    done = parity(served, *filled, base_url=env_url)
    assert done.returncode == 2, done.stdout + done.stderr
    assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr and TOKEN not in done.stderr
    assert not (tmp_path / "out.json").exists()
