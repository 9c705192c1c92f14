"""The spec core: load and validate spec/, bundle it into one document, turn its schemas into
JSON Schema, and match and check HTTP exchanges against its operations.

Loading and bundling need the [spec] extra (PyYAML, openapi-spec-validator); checking against
an already bundled document needs only jsonschema.
"""

from hubspot_toolkit.spec.document import Document, format_path
from hubspot_toolkit.spec.location import default_spec_dir
from hubspot_toolkit.spec.operations import (
    Operation,
    check_response,
    find_operation,
    operations,
    schema_errors,
)
from hubspot_toolkit.spec.schemas import to_json_schema

__all__ = [
    "Document",
    "Operation",
    "check_response",
    "default_spec_dir",
    "find_operation",
    "format_path",
    "operations",
    "schema_errors",
    "to_json_schema",
]
