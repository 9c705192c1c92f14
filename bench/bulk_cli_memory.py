"""hubspot-bulk at real scale: peak memory of the CLI process for 100,000 and 1,000,000 rows,
how soon its first request reaches the server, and every row stored exactly once.

The CLI runs as users run it, a process of its own, against a reference server with no rate
limit (and `--rate-limit` high enough that the client does not pace itself). Its peak RSS is
measured by a fresh helper process that runs it and reads `getrusage(RUSAGE_CHILDREN)`, so
nothing else's memory is counted.

Prints `name: value` lines:
  bulk_cli_peak_rss_mb_100k, _1m                 peak RSS of the CLI process
  bulk_cli_peak_rss_ratio_1m_over_100k           memory growth with the file (target <= 1.5)
  bulk_cli_seconds_to_first_request(_100k)       process start to the server's first upsert
  bulk_cli_seconds_100k, _1m                     the whole run
  bulk_cli_lost_1m, bulk_cli_duplicated_1m       rows missing / stored twice afterwards
BENCH_CLI_ROWS=100000,1000000 chooses the sizes (the first two named as above).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.process import ReferenceServer

CLI = str(Path(sys.executable).parent / "hubspot-bulk")
SIZES = [int(n) for n in os.environ.get("BENCH_CLI_ROWS", "100000,1000000").split(",")]
CONCURRENCY = "4"
# Runs the command given and prints its peak RSS in KiB (Linux reports ru_maxrss in KiB).
MEASURE = (
    "import resource, subprocess, sys\n"
    "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status)\n"
)
FIRST_UPSERT = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) POST /crm/v3/objects/line_items/batch/upsert",
    re.MULTILINE,
)


def name(rows: int) -> str:
    return f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else f"{rows // 1000}k"


# The shipped definitions' unique property: the server upserts only by a unique one.
KEY = SHIPPED_UNIQUE_KEY


def write_rows(path: Path, rows: int) -> None:
    with path.open("w") as out:
        for n in range(rows):
            out.write(json.dumps({KEY: f"R{rows}-{n:07d}", "name": f"item {n}"}) + "\n")


def first_request(server: ReferenceServer, after: float) -> float | None:
    """The wall-clock time of the first upsert the server logged after `after`."""
    for stamp in FIRST_UPSERT.findall(server.output()):
        when = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").timestamp()
        if when >= after - 0.001:
            return when
    return None


def measure(work: Path, server: ReferenceServer, rows: int) -> dict[str, float]:
    file = work / f"rows-{name(rows)}.jsonl"
    write_rows(file, rows)
    command = [CLI, "upsert-line-items", str(file), "--id-property", KEY, "--quiet"]
    command += ["--base-url", server.base_url, "--rate-limit", "10000000"]
    command += ["--concurrency", CONCURRENCY]
    env = {**os.environ, "HUBSPOT_ACCESS_TOKEN": "dev-token"}
    started = time.time()
    answer = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True
    )
    seconds = time.time() - started
    peak_kib, status = answer.stdout.split()
    if status != "0":
        print(f"# {name(rows)}: hubspot-bulk exited {status}: {answer.stderr.strip()[-300:]}")
    first = first_request(server, started)
    records, keys = server.stored(KEY, f"R{rows}-")
    file.unlink()
    return {
        "peak_mb": int(peak_kib) / 1024,
        "first": (first - started) if first is not None else float("nan"),
        "seconds": seconds,
        "lost": rows - keys,
        "duplicated": records - keys,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        with ReferenceServer(work / "server.sqlite3") as server:
            results = {rows: measure(work, server, rows) for rows in SIZES}
    for rows, result in results.items():
        label = name(rows)
        print(f"bulk_cli_peak_rss_mb_{label}: {result['peak_mb']:.1f}")
        print(f"bulk_cli_seconds_{label}: {result['seconds']:.1f}")
        print(f"bulk_cli_rows_per_second_{label}: {rows / result['seconds']:.0f}")
        print(f"bulk_cli_seconds_to_first_request_{label}: {result['first']:.2f}")
        print(f"bulk_cli_lost_{label}: {result['lost']}")
        print(f"bulk_cli_duplicated_{label}: {result['duplicated']}")
    if any(r["lost"] or r["duplicated"] for r in results.values()):
        print("# rows were lost or stored twice: the figures above do not count")
        sys.exit(1)
    if len(SIZES) >= 2:
        small, large = (results[size] for size in SIZES[:2])
        print(
            f"bulk_cli_peak_rss_ratio_{name(SIZES[1])}_over_{name(SIZES[0])}: "
            f"{large['peak_mb'] / small['peak_mb']:.2f}"
        )
    print(f"bulk_cli_seconds_to_first_request: {results[SIZES[-1]]['first']:.2f}")


if __name__ == "__main__":
    main()
