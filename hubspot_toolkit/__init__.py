"""Spec-first tooling for HubSpot CRM's line items batch upsert and associations batch read.

The names users call are here; the packages beneath group them by concern:

- ``hubspot_toolkit.client``: the generated client made strict, token-safe, paced and retried,
  and bulk jobs over it (``client.resilience``, ``client.bulk``), from files of any size and
  resumable (``client.bulk.files``);
- ``hubspot_toolkit.spec``: loading, bundling and checking against the OpenAPI documents;
- ``hubspot_toolkit.properties``: line item property definitions (HubSpot's Properties API
  shape) and the rules by which HubSpot refuses property values;
- ``hubspot_toolkit.server``: the reference server (the [server] extra);
- ``hubspot_toolkit.workflow``: code generation, spec import and spec diff (the [codegen] extra);
- ``hubspot_toolkit.cli``: the ``hubspot-toolkit`` command.

Every error the toolkit raises derives from ``HubSpotToolkitError``.
"""

from typing import TYPE_CHECKING

from hubspot_toolkit._lazy import lazy_exports

if TYPE_CHECKING:
    from hubspot_toolkit.client.bulk import (
        AssociationsReport,
        InvalidRowsError,
        UpsertReport,
        aread_associations,
        aread_associations_dated,
        aupsert_line_items,
        check_rows,
        read_associations,
        read_associations_dated,
        upsert_line_items,
    )
    from hubspot_toolkit.client.bulk.files import (
        AssociationsFileReport,
        FileJobError,
        FileJobReport,
        JobInterrupted,
        JobProgress,
        JournalError,
        UnreadableFileError,
        UpsertFileReport,
        aread_associations_file,
        aupsert_line_items_file,
        read_associations_file,
        upsert_line_items_file,
    )
    from hubspot_toolkit.client.redacted import InvalidTokenError, RedactedClient
    from hubspot_toolkit.client.resilience import (
        PRESETS,
        AsyncResilientTransport,
        Budget,
        GaveUpError,
        ResilientTransport,
        RetryPolicy,
        preset,
        resilient_client,
    )
    from hubspot_toolkit.client.strict import check_exchange, strict_client
    from hubspot_toolkit.errors import ContractViolation, HubSpotToolkitError, SpecError

# Imported on first use, so that commands which must run while the generated client is absent
# or being replaced (`hubspot-toolkit generate`) never import it.
_WHERE = {
    "AssociationsFileReport": "hubspot_toolkit.client.bulk.files",
    "AssociationsReport": "hubspot_toolkit.client.bulk",
    "AsyncResilientTransport": "hubspot_toolkit.client.resilience",
    "Budget": "hubspot_toolkit.client.resilience",
    "ContractViolation": "hubspot_toolkit.errors",
    "FileJobError": "hubspot_toolkit.client.bulk.files",
    "FileJobReport": "hubspot_toolkit.client.bulk.files",
    "GaveUpError": "hubspot_toolkit.client.resilience",
    "HubSpotToolkitError": "hubspot_toolkit.errors",
    "InvalidRowsError": "hubspot_toolkit.client.bulk",
    "InvalidTokenError": "hubspot_toolkit.client.redacted",
    "JobInterrupted": "hubspot_toolkit.client.bulk.files",
    "JobProgress": "hubspot_toolkit.client.bulk.files",
    "JournalError": "hubspot_toolkit.client.bulk.files",
    "PRESETS": "hubspot_toolkit.client.resilience",
    "RedactedClient": "hubspot_toolkit.client.redacted",
    "ResilientTransport": "hubspot_toolkit.client.resilience",
    "RetryPolicy": "hubspot_toolkit.client.resilience",
    "SpecError": "hubspot_toolkit.errors",
    "UnreadableFileError": "hubspot_toolkit.client.bulk.files",
    "UpsertFileReport": "hubspot_toolkit.client.bulk.files",
    "UpsertReport": "hubspot_toolkit.client.bulk",
    "aread_associations": "hubspot_toolkit.client.bulk",
    "aread_associations_dated": "hubspot_toolkit.client.bulk",
    "aread_associations_file": "hubspot_toolkit.client.bulk.files",
    "aupsert_line_items": "hubspot_toolkit.client.bulk",
    "aupsert_line_items_file": "hubspot_toolkit.client.bulk.files",
    "check_exchange": "hubspot_toolkit.client.strict",
    "check_rows": "hubspot_toolkit.client.bulk",
    "preset": "hubspot_toolkit.client.resilience",
    "read_associations": "hubspot_toolkit.client.bulk",
    "read_associations_dated": "hubspot_toolkit.client.bulk",
    "read_associations_file": "hubspot_toolkit.client.bulk.files",
    "resilient_client": "hubspot_toolkit.client.resilience",
    "strict_client": "hubspot_toolkit.client.strict",
    "upsert_line_items": "hubspot_toolkit.client.bulk",
    "upsert_line_items_file": "hubspot_toolkit.client.bulk.files",
}


__getattr__ = lazy_exports(__name__, _WHERE)


# Literal, as type checkers and linters read it; the same names as _WHERE.
__all__ = [
    "PRESETS",
    "AssociationsFileReport",
    "AssociationsReport",
    "AsyncResilientTransport",
    "Budget",
    "ContractViolation",
    "FileJobError",
    "FileJobReport",
    "GaveUpError",
    "HubSpotToolkitError",
    "InvalidRowsError",
    "InvalidTokenError",
    "JobInterrupted",
    "JobProgress",
    "JournalError",
    "RedactedClient",
    "ResilientTransport",
    "RetryPolicy",
    "SpecError",
    "UnreadableFileError",
    "UpsertFileReport",
    "UpsertReport",
    "aread_associations",
    "aread_associations_dated",
    "aread_associations_file",
    "aupsert_line_items",
    "aupsert_line_items_file",
    "check_exchange",
    "check_rows",
    "preset",
    "read_associations",
    "read_associations_dated",
    "read_associations_file",
    "resilient_client",
    "strict_client",
    "upsert_line_items",
    "upsert_line_items_file",
]
