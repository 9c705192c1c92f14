"""A program that uses nothing but the library's file jobs, as a user's script would; the crash
tests run it as a process of its own, to kill it mid-job.

    python file_job.py upsert|read|aupsert|aread BASE_URL REQUESTS WINDOW FILE [resume]

It paces itself to REQUESTS per WINDOW seconds, prints the report as one JSON line, and exits
130 when Ctrl-C interrupted the job (the async forms, cancelled, leave no report: only
`{"interrupted": true}`)."""

import asyncio
import json
import signal
import sys
from dataclasses import asdict
from pathlib import Path

from hubspot_toolkit import (
    Budget,
    FileJobReport,
    JobInterrupted,
    aread_associations_file,
    aupsert_line_items_file,
    read_associations_file,
    resilient_client,
    upsert_line_items_file,
)
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY

KEY = SHIPPED_UNIQUE_KEY


async def run_async(
    job: str, base_url: str, budget: Budget, path: Path, resume: bool
) -> FileJobReport:
    async with resilient_client(base_url, "dev-token", budget=budget) as client:
        if job == "aupsert":
            return await aupsert_line_items_file(client, path, KEY, resume=resume)
        return await aread_associations_file(client, "contacts", "companies", path, resume=resume)


def main(job: str, base_url: str, requests: str, window: str, file: str, *rest: str) -> int:
    # Ctrl-C as in a terminal: pytest-xdist workers ignore SIGINT and their children inherit
    # that, and asyncio.run only turns SIGINT into cancellation under Python's own handler.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    budget, path, resume = Budget(int(requests), float(window)), Path(file), rest == ("resume",)
    try:
        if job.startswith("a"):
            try:
                report = asyncio.run(run_async(job, base_url, budget, path, resume))
            except KeyboardInterrupt:  # asyncio.run's, once the cancelled job has finished
                print(json.dumps({"interrupted": True}))
                return 130
        else:
            with resilient_client(base_url, "dev-token", budget=budget) as client:
                if job == "upsert":
                    report = upsert_line_items_file(client, path, KEY, resume=resume)
                else:
                    report = read_associations_file(
                        client, "contacts", "companies", path, resume=resume
                    )
    except JobInterrupted as stopped:
        report = stopped.report
    print(json.dumps(asdict(report) | {"complete": report.complete}, default=str))
    return 130 if report.interrupted and not report.complete else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
