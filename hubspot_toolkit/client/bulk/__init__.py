"""Bulk operations over the generated client: any number of line items or ids, chunked, sent
concurrently, every per-input failure returned with its input (see upsert.py, associations.py)."""

from hubspot_toolkit.client.bulk.associations import (
    AssociationsReport,
    FailedRead,
    aread_associations,
    read_associations,
    stream_read_associations,
)
from hubspot_toolkit.client.bulk.outcome import FailedItem, UpsertedItem, UpsertReport
from hubspot_toolkit.client.bulk.rows import InvalidRowsError, LineItemRow, RowProblem, check_rows
from hubspot_toolkit.client.bulk.upsert import (
    aupsert_line_items,
    stream_upsert_line_items,
    upsert_line_items,
)

__all__ = [
    "AssociationsReport",
    "FailedItem",
    "FailedRead",
    "InvalidRowsError",
    "LineItemRow",
    "RowProblem",
    "UpsertReport",
    "UpsertedItem",
    "aread_associations",
    "aupsert_line_items",
    "check_rows",
    "read_associations",
    "stream_read_associations",
    "stream_upsert_line_items",
    "upsert_line_items",
]
