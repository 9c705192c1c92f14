"""The bulk example of docs/bulk.md: sync a catalogue of line items, then read every association.

Run it against the reference server (`make serve RATE_LIMIT=100 FAULTS=0.1`) or HubSpot:

    HUBSPOT_BASE_URL=http://127.0.0.1:8000 HUBSPOT_ACCESS_TOKEN=dev-token \\
        .venv/bin/python examples/bulk_sync.py
"""

import os

from hubspot_toolkit.client.bulk import read_associations, upsert_line_items
from hubspot_toolkit.client.resilience import preset, resilient_client

# A custom property created with hasUniqueValue: true (HubSpot's hs_sku is not unique).
KEY_PROPERTY = "external_line_item_id"


def sync_catalogue(
    base_url: str, token: str, catalogue: list[dict[str, str]]
) -> tuple[dict[str, str], list[str]]:
    """Upsert every row by KEY_PROPERTY; return each key's record id, and the failures as text."""
    with resilient_client(base_url, token, budget=preset("free")) as client:
        report = upsert_line_items(client, catalogue, KEY_PROPERTY, concurrency=4)
    ids = {item.row.properties[KEY_PROPERTY]: item.record_id for item in report.created}
    ids.update({item.row.properties[KEY_PROPERTY]: item.record_id for item in report.updated})
    failures = [f"row {item.row.line}: {item.failure}" for item in report.failed]
    return ids, failures


def deals_of(base_url: str, token: str, line_item_ids: list[str]) -> dict[str, list[str]]:
    """Every deal id associated with each line item, all pages read."""
    with resilient_client(base_url, token) as client:
        report = read_associations(client, "line_items", "deals", line_item_ids)
    return {key: [deal.id for deal in found] for key, found in report.associations.items()}


if __name__ == "__main__":
    base_url = os.environ.get("HUBSPOT_BASE_URL", "http://127.0.0.1:8000")
    token = os.environ["HUBSPOT_ACCESS_TOKEN"]
    rows = [
        {KEY_PROPERTY: f"LI-{n:05d}", "name": f"Item {n}", "price": "9.90"} for n in range(1000)
    ]
    ids, failures = sync_catalogue(base_url, token, rows)
    print(f"{len(ids)} line items synced, {len(failures)} failed", *failures[:5], sep="\n")
    print(deals_of(base_url, token, list(ids.values())[:5]))
