"""The shape of HubSpot's `GET /crm/v3/properties/{objectType}` answer, as JSON Schema.

From the OpenAPI `Property` schema (PublicApiSpecs/CRM/Properties/.../v3/properties.json in
https://github.com/HubSpot/HubSpot-public-api-spec-collection). Only what the rules read is
required; every other field HubSpot sends (groupName, displayOrder, ...) is allowed as it is.
"""

from typing import Any

# PropertyCreate.type's enum, plus the internal types the properties guide lists
# (object_coordinates, json), which hold text.
TYPES = ("bool", "date", "datetime", "enumeration", "number", "phone_number", "string")
INTERNAL_TYPES = ("object_coordinates", "json")

OPTION: dict[str, Any] = {
    "type": "object",
    "required": ["label", "value"],
    "properties": {
        "label": {"type": "string"},
        "value": {"type": "string"},
        "hidden": {"type": "boolean"},
        "displayOrder": {"type": "integer"},
    },
}

PROPERTY: dict[str, Any] = {
    "type": "object",
    "required": ["name", "label", "type", "fieldType", "options"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "label": {"type": "string"},
        "type": {"enum": [*TYPES, *INTERNAL_TYPES]},
        "fieldType": {"type": "string", "minLength": 1},
        "options": {"type": "array", "items": OPTION},
        "hasUniqueValue": {"type": "boolean"},
        "calculated": {"type": "boolean"},
        "hubspotDefined": {"type": "boolean"},
        "modificationMetadata": {
            "type": "object",
            "required": ["readOnlyValue"],
            "properties": {"readOnlyValue": {"type": "boolean"}},
        },
    },
}

# HubSpot's Property Validations API answer (GET /crm/v3/property-validations/{objectTypeId};
# PublicPropertyValidationRuleMap in HubSpot's spec collection): a portal's export may carry it
# beside the properties, as `propertyValidations` (properties/validation.py; ledger:
# property-validation-rules).
RULE: dict[str, Any] = {
    "type": "object",
    "required": ["ruleType", "ruleArguments"],
    "properties": {
        "ruleType": {"type": "string"},
        "ruleArguments": {"type": "array", "items": {"type": "string"}},
        "shouldApplyNormalization": {"type": "boolean"},
    },
}
VALIDATIONS: dict[str, Any] = {
    "type": "object",
    "required": ["results"],
    "properties": {
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["propertyName", "propertyValidationRules"],
                "properties": {
                    "propertyName": {"type": "string", "minLength": 1},
                    "propertyValidationRules": {"type": "array", "items": RULE},
                },
            },
        }
    },
}

DOCUMENT: dict[str, Any] = {
    "type": "object",
    "required": ["results"],
    "properties": {
        "results": {"type": "array", "items": PROPERTY},
        "propertyValidations": VALIDATIONS,
    },
}
