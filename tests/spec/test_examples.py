"""Every example in spec/ validates against its own schema (HubSpot's published spec does not)."""

from typing import Any

import pytest

from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.examples import examples
from hubspot_toolkit.spec.loading import load_document, spec_files
from hubspot_toolkit.spec.operations import schema_errors
from hubspot_toolkit.spec.schemas import to_json_schema
from tests.paths import SPEC_DIR

CASES = [
    pytest.param(document, example.schema, example.value, id=f"{path.name}:{example.place}")
    for path in spec_files(SPEC_DIR)
    for document in [load_document(path)]
    for example in examples(document)
]


def test_there_are_examples_to_check() -> None:
    # request and response examples for both operations, plus schema-level examples
    assert len(CASES) > 40


@pytest.mark.parametrize(("document", "schema", "example"), CASES)
def test_example_validates_against_its_schema(
    document: Document, schema: Any, example: Any
) -> None:
    assert example is not None, "example: null is one of HubSpot's defects"
    assert schema_errors(to_json_schema(document, schema), example) == []


def test_a_bad_example_is_caught() -> None:
    # The check above must be able to fail: an example of the wrong type is reported.
    schema = {"type": "object", "properties": {"numErrors": {"type": "integer", "format": "int32"}}}
    assert schema_errors(to_json_schema({}, schema), {"numErrors": "123"}) != []
    assert schema_errors(to_json_schema({}, schema), {"numErrors": 2**40}) != []
