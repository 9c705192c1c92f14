"""The one spec the whole suite holds servers and the client to.

The runner bundles --spec-dir once and hands the file to everything it starts (schemathesis
and its hooks, the live client half) through HUBSPOT_CONTRACT_SPEC; run on their own (the
offline client tests under pytest), the parts bundle $HUBSPOT_SPEC_DIR or ./spec.
"""

import json
import os
from functools import cache, lru_cache
from pathlib import Path

from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.location import default_spec_dir
from hubspot_toolkit.spec.operations import Operation, operations

SPEC_FILE_VARIABLE = "HUBSPOT_CONTRACT_SPEC"


@cache
def suite_spec() -> Document:
    bundled = os.environ.get(SPEC_FILE_VARIABLE, "").strip()
    if bundled:
        document: Document = json.loads(Path(bundled).read_text(encoding="utf-8"))
        return document
    return bundle_spec_dir(default_spec_dir())


@cache
def suite_operations() -> tuple[Operation, ...]:
    """The spec's operations, built once (each compiles its path pattern once)."""
    return tuple(operations(suite_spec()))


@cache
def operation_named(operation_id: str) -> Operation | None:
    """The spec's operation of that operationId (versioned: `batch_read_associations_2026_09`)."""
    return next((op for op in suite_operations() if op.operation_id == operation_id), None)


@lru_cache(maxsize=4096)
def operation_at(method: str, path: str) -> Operation | None:
    """The operation that serves method and path: every check asks, for every response."""
    for operation in suite_operations():
        if operation.method == method.lower() and operation.path_pattern.match(path):
            return operation
    return None
