"""The merge on small documents: what it writes is valid OpenAPI and means what upstream means."""

import copy
from typing import Any

from hubspot_toolkit.workflow.update.merge import ADDED, ADDED_CONSTRAINTS, Merger, semantic

PATH = "/things"


def document(schema: dict[str, Any], **components: Any) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "paths": {
            PATH: {
                "post": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": schema}},
                        }
                    }
                }
            }
        },
        "components": {"schemas": components},
    }


def merged(ours: dict[str, Any], theirs: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    ours = copy.deepcopy(ours)
    merger = Merger(ours, theirs)
    merger.operation(PATH, "post")
    return ours, merger.notes


def meaning(doc: dict[str, Any]) -> Any:
    return semantic(doc, doc["paths"][PATH]["post"]["responses"]["200"])


def test_no_required_field_left_is_no_required_list() -> None:
    ours = document({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}})
    theirs = document({"type": "object", "properties": {"a": {"type": "string"}}})
    result, _ = merged(ours, theirs)
    schema = result["paths"][PATH]["post"]["responses"]["200"]["content"]["application/json"]
    assert "required" not in schema["schema"]  # `required: []` is not valid OpenAPI 3.0
    assert meaning(result) == meaning(theirs)


def test_no_property_left_is_no_properties() -> None:
    ours = document({"type": "object", "properties": {"a": {"type": "string"}}})
    theirs = document({"type": "object", "additionalProperties": {"type": "string"}})
    result, _ = merged(ours, theirs)
    schema = result["paths"][PATH]["post"]["responses"]["200"]["content"]["application/json"]
    assert schema["schema"] == {"type": "object", "additionalProperties": {"type": "string"}}


def test_the_order_of_an_enum_is_not_a_change() -> None:
    ours = document({"$ref": "#/components/schemas/S"}, S={"type": "string", "enum": ["A", "B"]})
    theirs = document({"type": "string", "enum": ["B", "A"]})
    result, notes = merged(ours, theirs)
    assert notes == [] and result == ours


def test_a_changed_kind_replaces_the_schema_whole() -> None:
    ours = document({"type": "object", "required": ["n"], "properties": {"n": {"type": "string"}}})
    theirs = document({"type": "array", "items": {"type": "integer"}})
    result, notes = merged(ours, theirs)
    schema = result["paths"][PATH]["post"]["responses"]["200"]["content"]["application/json"]
    assert schema["schema"] == {"type": "array", "items": {"type": "integer"}}
    assert notes == ["responses.200: now array"]


def test_a_keyword_the_merge_has_no_rule_for_still_follows_upstream() -> None:
    ours = document({"type": "integer"})
    theirs = document({"type": "integer", "multipleOf": 5, "readOnly": True})
    result, _ = merged(ours, theirs)
    assert meaning(result) == meaning(theirs)


def test_a_body_that_comes_and_goes_follows_upstream() -> None:
    """HubSpot published a 207 without a body on 2026-03-30, and with one the next day."""
    ours = document({"type": "string"})
    theirs = copy.deepcopy(ours)
    theirs["paths"][PATH]["post"]["responses"]["200"]["content"] = {}
    without, _ = merged(ours, theirs)
    assert without["paths"][PATH]["post"]["responses"]["200"]["content"] == {}
    back, notes = merged(without, ours)
    assert back == ours and notes == ["responses.200: content is now application/json"]


def test_what_we_marked_as_ours_becomes_hubspots_when_hubspot_publishes_it() -> None:
    ours = document(
        {
            "type": "object",
            "properties": {
                "inputs": {"type": "array", "maxItems": 1000, ADDED_CONSTRAINTS: ["maxItems"]},
                "after": {"type": "string", ADDED: True},
            },
        }
    )
    theirs = document(
        {
            "type": "object",
            "properties": {
                "inputs": {"type": "array", "maxItems": 500},
                "after": {"type": "string"},
            },
        }
    )
    result, _ = merged(ours, theirs)
    assert meaning(result) == meaning(theirs)
    assert result == theirs  # no marks left: both are HubSpot's now
