"""Every example in spec/ validates against its own schema (HubSpot's published spec does not)."""

from collections.abc import Iterator
from typing import Any

import pytest

from hubspot_toolkit.spec.document import Document, format_path
from hubspot_toolkit.spec.loading import load_document, spec_files
from hubspot_toolkit.spec.operations import schema_errors
from hubspot_toolkit.spec.schemas import resolve, to_json_schema
from tests.paths import SPEC_DIR


def examples(document: Document) -> Iterator[tuple[str, Any, Any]]:
    """(place, schema, example) for every example that sits beside or inside a schema."""

    def walk(node: Any, parts: tuple[Any, ...]) -> Iterator[tuple[str, Any, Any]]:
        if isinstance(node, dict):
            if "$ref" in node:
                return
            if "example" in node:
                if "schema" in node:  # media type or parameter
                    yield format_path(parts), node["schema"], node["example"]
                elif any(k in node for k in ("type", "properties", "enum", "items")):
                    yield format_path(parts), node, node["example"]
            for key, value in node.items():
                if key not in ("example", "examples"):
                    yield from walk(value, (*parts, key))
            for name, named in node.get("examples", {}).items() if "schema" in node else []:
                named = resolve(document, named["$ref"]) if "$ref" in named else named
                yield format_path((*parts, "examples", name)), node["schema"], named["value"]
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, (*parts, index))

    yield from walk(document, ())


CASES = [
    pytest.param(document, schema, example, id=f"{path.name}:{place}")
    for path in spec_files(SPEC_DIR)
    for document in [load_document(path)]
    for place, schema, example in examples(document)
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
