"""Every example of a spec document, with the schema it must validate against.

spec/ promises that each of its examples validates (HubSpot's published spec does not): a test
checks the promise, and an import drops an example that HubSpot's change made invalid.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from hubspot_toolkit.spec.document import Document, format_path
from hubspot_toolkit.spec.operations import schema_errors
from hubspot_toolkit.spec.schemas import resolve, to_json_schema

SCHEMA_KEYS = ("type", "properties", "enum", "items")


@dataclass(frozen=True)
class Example:
    parts: tuple[Any, ...]  # where it stands in the document
    schema: Any
    value: Any

    @property
    def place(self) -> str:
        return format_path(self.parts)


def examples(document: Document) -> Iterator[Example]:
    """Every example that sits beside a schema (media type, parameter) or inside one."""

    def walk(node: Any, parts: tuple[Any, ...]) -> Iterator[Example]:
        if isinstance(node, dict):
            if "$ref" in node:
                return
            if "example" in node:
                at = (*parts, "example")
                if "schema" in node:
                    yield Example(at, node["schema"], node["example"])
                elif any(key in node for key in SCHEMA_KEYS):
                    yield Example(at, node, node["example"])
            for key, value in node.items():
                if key not in ("example", "examples"):
                    yield from walk(value, (*parts, key))
            named = node.get("examples")
            if "schema" in node and isinstance(named, dict):
                for name, example in named.items():
                    if "$ref" in example:
                        example = resolve(document, example["$ref"])
                    at = (*parts, "examples", name)
                    yield Example(at, node["schema"], example.get("value"))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, (*parts, index))

    yield from walk(document, ())


def problems(document: Document, example: Example) -> list[str]:
    """How example breaks its schema; empty when it validates."""
    return schema_errors(to_json_schema(document, example.schema), example.value)
