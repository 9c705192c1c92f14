"""The resumable job of docs/bulk.md: upsert a file of line items of any size. Run it again after a
crash, a Ctrl-C or a stop (a refused token, retries that ran out) and it sends only what the
journal beside the file has not acknowledged.

    HUBSPOT_BASE_URL=http://127.0.0.1:8000 HUBSPOT_ACCESS_TOKEN=dev-token \\
        .venv/bin/python examples/resumable_upsert.py rows.jsonl
"""

import os
import sys
from pathlib import Path

from hubspot_toolkit import (
    JobInterrupted,
    JobProgress,
    UpsertFileReport,
    preset,
    resilient_client,
    upsert_line_items_file,
)

# A custom property created with hasUniqueValue: true (HubSpot's hs_sku is not unique).
KEY_PROPERTY = "external_line_item_id"


def show(progress: JobProgress) -> None:
    print(f"\r{progress.done:,} of {progress.total:,} rows", end="", file=sys.stderr)


def upsert_file(base_url: str, token: str, rows: Path) -> UpsertFileReport:
    """Every row of `rows` upserted once, however many runs it takes."""
    unfinished = rows.with_name(rows.name + ".journal").exists()  # an earlier run's journal
    with resilient_client(base_url, token, budget=preset("free")) as client:
        return upsert_line_items_file(client, rows, KEY_PROPERTY, resume=unfinished, progress=show)


if __name__ == "__main__":
    base_url = os.environ.get("HUBSPOT_BASE_URL", "http://127.0.0.1:8000")
    try:
        report = upsert_file(base_url, os.environ["HUBSPOT_ACCESS_TOKEN"], Path(sys.argv[1]))
    except JobInterrupted as stopped:  # Ctrl-C: the requests in flight were journaled
        sys.exit(f"\n{stopped}")
    print(f"\ncreated {report.created}, updated {report.updated}, failed {report.failed}")
    if not report.complete:
        sys.exit(f"stopped ({report.stop_reason}): run again to send the rest")
