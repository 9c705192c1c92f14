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
