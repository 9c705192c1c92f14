"""HubSpot's API versions in operationIds: v3 keeps its names, a dated version adds its date.

`batch_upsert_line_items` is v3; `batch_upsert_line_items_2026_03` is the same operation in
HubSpot's 2026-03 version. The server, the suite and the diff pair operations by the name
without the version.
"""

import re

V3 = "v3"
# Our two operations, by their names across versions (v3's operationIds).
UPSERT = "batch_upsert_line_items"
READ = "batch_read_associations"


def versioned(name: str, version: str) -> str:
    """name with the version after it, as operationIds and components spell it:
    (`batch_upsert_line_items`, `2026-03`) → `batch_upsert_line_items_2026_03`; v3 adds none."""
    return name if version == V3 else f"{name}_{version.replace('-', '_')}"


def version_of_operation_id(operation_id: str) -> str:
    """`batch_upsert_line_items_2026_03` → `2026-03`; a v3 name → `v3`."""
    match = re.search(r"_(\d{4})_(\d{2})$", operation_id)
    return f"{match[1]}-{match[2]}" if match else V3


def base_operation_id(operation_id: str) -> str:
    """The operation's name across versions: the operationId without its version."""
    return re.sub(r"_\d{4}_\d{2}$", "", operation_id)
