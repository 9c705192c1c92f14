"""Bulk operations over the generated client: any number of line items or ids, chunked, sent
concurrently, every per-input failure returned with its input (see upsert.py, associations.py).
Jobs from files of any size, journaled and resumable, are in `files/`."""

from typing import TYPE_CHECKING

from hubspot_toolkit._lazy import lazy_exports

if TYPE_CHECKING:
    from hubspot_toolkit.client.bulk.associations import (
        AssociationsReport,
        FailedRead,
        aread_associations,
        aread_associations_dated,
        astream_read_associations,
        read_associations,
        read_associations_dated,
        stream_read_associations,
    )
    from hubspot_toolkit.client.bulk.outcome import (
        FailedItem,
        Failure,
        PropertyError,
        UpsertedItem,
        UpsertReport,
    )
    from hubspot_toolkit.client.bulk.rows import (
        InvalidRowsError,
        LineItemRow,
        RowProblem,
        check_rows,
    )
    from hubspot_toolkit.client.bulk.upsert import (
        astream_upsert_line_items,
        aupsert_line_items,
        stream_upsert_line_items,
        upsert_line_items,
    )

# imported on first use: the row checks and errors need no generated client
_WHERE = {
    "AssociationsReport": "hubspot_toolkit.client.bulk.associations",
    "FailedItem": "hubspot_toolkit.client.bulk.outcome",
    "Failure": "hubspot_toolkit.client.bulk.outcome",
    "PropertyError": "hubspot_toolkit.client.bulk.outcome",
    "FailedRead": "hubspot_toolkit.client.bulk.associations",
    "InvalidRowsError": "hubspot_toolkit.client.bulk.rows",
    "LineItemRow": "hubspot_toolkit.client.bulk.rows",
    "RowProblem": "hubspot_toolkit.client.bulk.rows",
    "UpsertReport": "hubspot_toolkit.client.bulk.outcome",
    "UpsertedItem": "hubspot_toolkit.client.bulk.outcome",
    "aread_associations": "hubspot_toolkit.client.bulk.associations",
    "aread_associations_dated": "hubspot_toolkit.client.bulk.associations",
    "astream_read_associations": "hubspot_toolkit.client.bulk.associations",
    "astream_upsert_line_items": "hubspot_toolkit.client.bulk.upsert",
    "read_associations_dated": "hubspot_toolkit.client.bulk.associations",
    "aupsert_line_items": "hubspot_toolkit.client.bulk.upsert",
    "check_rows": "hubspot_toolkit.client.bulk.rows",
    "read_associations": "hubspot_toolkit.client.bulk.associations",
    "stream_read_associations": "hubspot_toolkit.client.bulk.associations",
    "stream_upsert_line_items": "hubspot_toolkit.client.bulk.upsert",
    "upsert_line_items": "hubspot_toolkit.client.bulk.upsert",
}
__getattr__ = lazy_exports(__name__, _WHERE)

# Literal, as type checkers and linters read it; the same names as _WHERE.
__all__ = [
    "AssociationsReport",
    "FailedItem",
    "FailedRead",
    "Failure",
    "InvalidRowsError",
    "LineItemRow",
    "PropertyError",
    "RowProblem",
    "UpsertReport",
    "UpsertedItem",
    "aread_associations",
    "aread_associations_dated",
    "astream_read_associations",
    "astream_upsert_line_items",
    "aupsert_line_items",
    "check_rows",
    "read_associations",
    "read_associations_dated",
    "stream_read_associations",
    "stream_upsert_line_items",
    "upsert_line_items",
]
