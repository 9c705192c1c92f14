"""docs/bulk.md's bulk example runs against a rate-limited, flaky reference server process."""

import json
from pathlib import Path

from hubspot_toolkit.server.process import ReferenceServer
from tests.examples.loader import load_example


def test_bulk_example_syncs_and_reads(tmp_path: Path) -> None:
    example = load_example("bulk_sync")
    associations = tmp_path / "associations.json"
    rows = [{"external_line_item_id": f"EX-{n}", "name": f"item {n}"} for n in range(300)]
    with ReferenceServer(tmp_path / "db.sqlite3", rate_limit=20, faults=0.1) as server:
        ids, failures = example.sync_catalogue(server.base_url, "dev-token", rows)
        assert failures == [] and len(ids) == 300
        # Associate the first line item with three deals, then read them back through paging.
        first = ids["EX-0"]
        links = [
            {
                "fromObjectType": "line_items",
                "fromId": first,
                "toObjectType": "deals",
                "toId": str(900 + n),
                "type": "line_item_to_deal",
            }
            for n in range(3)
        ]
        associations.write_text(json.dumps({"associations": links}))
    with ReferenceServer(
        tmp_path / "db.sqlite3", associations_file=associations, page_size=2
    ) as server:
        deals = example.deals_of(server.base_url, "dev-token", [first, ids["EX-1"]])
    assert deals == {first: ["900", "901", "902"], ids["EX-1"]: []}
