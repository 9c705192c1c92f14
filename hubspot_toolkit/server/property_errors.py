"""HubSpot's answers to refused line item properties: the "Property values were not valid"
body, and the "non-unique property" refusal of an idProperty.
"""

import json
from typing import Any

from hubspot_toolkit.crm.object_types import LINE_ITEMS
from hubspot_toolkit.properties import PropertyDefinitions, PropertyProblem
from hubspot_toolkit.server.config import PORTAL_ID
from hubspot_toolkit.server.errors import ApiError

RECORD_ID_PROPERTY = "hs_object_id"


def _entry(problem: PropertyProblem) -> dict[str, Any]:
    # Keys in HubSpot's order: https://developers.hubspot.com/docs/api-reference/error-handling
    # (207 example); propertyValue, when a value is at fault, as captured in 2025 in
    # https://github.com/Atlas-Authority/marketing-automation/issues/206.
    entry: dict[str, Any] = {
        "isValid": False,
        "message": problem.message,
        "error": problem.code,
        "name": problem.name,
        "localizedErrorMessage": problem.message,
    }
    if problem.value is not None:
        entry["propertyValue"] = problem.value
    entry["portalId"] = PORTAL_ID
    return entry


def invalid_values(problems: list[PropertyProblem]) -> tuple[str, list[dict[str, Any]]]:
    """The message and errors[] of HubSpot's VALIDATION_ERROR for refused property values: the
    message holds every problem as a compact JSON array, errors[] one entry per problem."""
    array = json.dumps([_entry(p) for p in problems], separators=(",", ":"), ensure_ascii=False)
    errors = [
        {"message": p.message, "code": p.code, "context": {"propertyName": [p.name]}}
        for p in problems
    ]
    return f"Property values were not valid: {array}", errors


def id_property_error(definitions: PropertyDefinitions, name: str) -> ApiError | None:
    """A 400 for the whole batch when name cannot key an upsert: it must have hasUniqueValue.

    Message as captured in https://github.com/segmentio/action-destinations/pull/3957 (which also
    shows hs_object_id refused); no capture carries errors[], so none is sent. For a property
    that does not exist no source shows the answer: we infer the same message.
    """
    definition = definitions.get(name)
    if definition is not None and definition.has_unique_value:
        return None
    return ApiError(
        400,
        "VALIDATION_ERROR",
        f"Unable to perform update/upsert by non-unique {LINE_ITEMS} property {name} "
        f"in portal ID {PORTAL_ID}",
    )
