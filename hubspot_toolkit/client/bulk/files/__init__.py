"""Bulk jobs from files of any size, resumable: line items upserted from JSONL or CSV, and the
associations of a file of ids read into JSON lines.

- upsert_file.py, associations_file.py: the two jobs (sync and async forms), each a FileJob
  (file_job.py) that runner.py runs: journal, checking pass, chunks, Ctrl-C, report;
- readers.py (CSV, JSON lines, ids), checking_pass.py with key_index.py (every bad row and
  repeated key, by line, from an on-disk index), journal.py, failed_rows.py and
  associations_output.py (the side outputs), interrupt.py, report.py;
- property_check.py: what a portal's property definitions would refuse, sending nothing.
"""

from typing import TYPE_CHECKING

from hubspot_toolkit._lazy import lazy_exports

if TYPE_CHECKING:
    from hubspot_toolkit.client.bulk.files.associations_file import (
        aread_associations_file,
        read_associations_file,
    )
    from hubspot_toolkit.client.bulk.files.journal import JournalError
    from hubspot_toolkit.client.bulk.files.property_check import (
        PropertyCheck,
        RefusedRow,
        check_line_items_file,
    )
    from hubspot_toolkit.client.bulk.files.readers import UnreadableFileError
    from hubspot_toolkit.client.bulk.files.report import (
        AssociationsFileReport,
        FileJobError,
        FileJobReport,
        JobInterrupted,
        JobProgress,
        UpsertFileReport,
    )
    from hubspot_toolkit.client.bulk.files.upsert_file import (
        aupsert_line_items_file,
        upsert_line_items_file,
    )

# imported on first use: the jobs import the generated client
_WHERE = {
    "AssociationsFileReport": "hubspot_toolkit.client.bulk.files.report",
    "FileJobError": "hubspot_toolkit.client.bulk.files.report",
    "FileJobReport": "hubspot_toolkit.client.bulk.files.report",
    "JobInterrupted": "hubspot_toolkit.client.bulk.files.report",
    "JobProgress": "hubspot_toolkit.client.bulk.files.report",
    "JournalError": "hubspot_toolkit.client.bulk.files.journal",
    "PropertyCheck": "hubspot_toolkit.client.bulk.files.property_check",
    "RefusedRow": "hubspot_toolkit.client.bulk.files.property_check",
    "UnreadableFileError": "hubspot_toolkit.client.bulk.files.readers",
    "UpsertFileReport": "hubspot_toolkit.client.bulk.files.report",
    "aread_associations_file": "hubspot_toolkit.client.bulk.files.associations_file",
    "aupsert_line_items_file": "hubspot_toolkit.client.bulk.files.upsert_file",
    "check_line_items_file": "hubspot_toolkit.client.bulk.files.property_check",
    "read_associations_file": "hubspot_toolkit.client.bulk.files.associations_file",
    "upsert_line_items_file": "hubspot_toolkit.client.bulk.files.upsert_file",
}
__getattr__ = lazy_exports(__name__, _WHERE)

# Literal, as type checkers and linters read it; the same names as _WHERE.
__all__ = [
    "AssociationsFileReport",
    "FileJobError",
    "FileJobReport",
    "JobInterrupted",
    "JobProgress",
    "JournalError",
    "PropertyCheck",
    "RefusedRow",
    "UnreadableFileError",
    "UpsertFileReport",
    "aread_associations_file",
    "aupsert_line_items_file",
    "check_line_items_file",
    "read_associations_file",
    "upsert_line_items_file",
]
