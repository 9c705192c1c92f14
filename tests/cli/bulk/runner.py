"""Run the installed hubspot-bulk command as users run it."""

import os
import subprocess
import sys
from pathlib import Path

# The installed command, run as users run it.
CLI = str(Path(sys.executable).parent / "hubspot-bulk")
TOKEN = "dev-token"


def run(
    *args: str | Path, token: str | None = TOKEN, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "HUBSPOT_ACCESS_TOKEN"}
    if token is not None:
        environment["HUBSPOT_ACCESS_TOKEN"] = token
    return subprocess.run(
        [CLI, *map(str, args)],
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def start(
    *args: str | Path, token: str = TOKEN, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """The command as a process of its own, to be stopped mid-run; stdout and stderr piped."""
    environment = {k: v for k, v in os.environ.items() if k != "HUBSPOT_ACCESS_TOKEN"}
    return subprocess.Popen(
        [CLI, *map(str, args)],
        env={**environment, "HUBSPOT_ACCESS_TOKEN": token, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
