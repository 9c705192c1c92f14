"""The change kinds our schemas can have, and who each one breaks.

Following oasdiff's rules: a change is breaking for clients when code using the generated
client, or reading the responses, can stop working; breaking for servers when a server that
kept the old behaviour no longer fulfils the new spec; compatible otherwise.
"""

from dataclasses import dataclass
from enum import StrEnum


class Impact(StrEnum):
    BREAKING_CLIENTS = "breaking for clients"
    BREAKING_SERVERS = "breaking for servers"
    COMPATIBLE = "compatible"


RULES: dict[str, tuple[Impact, str]] = {
    "operation-removed": (Impact.BREAKING_CLIENTS, "the operation was removed"),
    "operation-added": (Impact.COMPATIBLE, "an operation was added"),
    "path-changed": (
        Impact.BREAKING_CLIENTS,
        "the operation moved to another path (another API version): requests must go there",
    ),
    "operation-id-changed": (
        Impact.BREAKING_CLIENTS,
        "the operationId changed, which renames the generated module and functions",
    ),
    "security-scopes-added": (
        Impact.BREAKING_CLIENTS,
        "a token that was enough before no longer is (new scopes or another scheme)",
    ),
    "security-scopes-removed": (Impact.COMPATIBLE, "more ways to authorise, or fewer scopes"),
    "path-parameter-changed": (Impact.BREAKING_CLIENTS, "a path parameter changed"),
    "request-property-added-required": (
        Impact.BREAKING_CLIENTS,
        "a new required request field: existing callers do not send it",
    ),
    "request-property-added": (Impact.COMPATIBLE, "a new optional request field"),
    "request-property-removed": (
        Impact.BREAKING_CLIENTS,
        "a request field was removed: the generated model loses it",
    ),
    "request-property-became-required": (
        Impact.BREAKING_CLIENTS,
        "an optional request field became required",
    ),
    "request-property-became-optional": (
        Impact.BREAKING_SERVERS,
        "a required request field became optional: servers must cope without it",
    ),
    "request-type-changed": (Impact.BREAKING_CLIENTS, "a request field's type or format changed"),
    "request-enum-value-removed": (Impact.BREAKING_CLIENTS, "a request enum lost a value"),
    "request-enum-value-added": (Impact.BREAKING_SERVERS, "a request enum gained a value"),
    "request-max-items-decreased": (Impact.BREAKING_CLIENTS, "fewer items are allowed"),
    "request-max-items-increased": (Impact.BREAKING_SERVERS, "more items must be accepted"),
    "response-status-removed": (Impact.BREAKING_CLIENTS, "a documented response was removed"),
    "response-status-added": (Impact.COMPATIBLE, "a response was documented"),
    "response-property-removed": (Impact.BREAKING_CLIENTS, "a response field was removed"),
    "response-property-became-optional": (
        Impact.BREAKING_CLIENTS,
        "a required response field became optional: readers may find it missing",
    ),
    "response-property-added": (Impact.COMPATIBLE, "a response field was added"),
    "response-property-became-required": (
        Impact.BREAKING_SERVERS,
        "an optional response field became required: servers must always send it",
    ),
    "response-type-changed": (Impact.BREAKING_CLIENTS, "a response field's type or format changed"),
    "response-enum-value-added": (
        Impact.BREAKING_CLIENTS,
        "a response enum gained a value the generated enum cannot parse",
    ),
    "response-enum-value-removed": (Impact.COMPATIBLE, "a response enum lost a value"),
    "response-media-type-changed": (Impact.BREAKING_CLIENTS, "the response media type changed"),
    # Components are the generated models: their names are the classes users import.
    "model-renamed": (
        Impact.BREAKING_CLIENTS,
        "a model the operation takes or returns is generated under another name (a version's "
        "own meaning of a shared name, or a rename): code naming the old class for it breaks",
    ),
    "model-removed": (
        Impact.BREAKING_CLIENTS,
        "no operation uses this component name any more: importing its generated class fails",
    ),
    "model-added": (Impact.COMPATIBLE, "a component was added: a new generated model class"),
}


@dataclass(frozen=True)
class Change:
    operation: str
    rule: str
    location: str
    detail: str = ""

    @property
    def impact(self) -> Impact:
        return RULES[self.rule][0]

    @property
    def description(self) -> str:
        return RULES[self.rule][1]

    @property
    def breaking(self) -> bool:
        return self.impact is not Impact.COMPATIBLE

    def as_dict(self) -> dict[str, str]:
        return {
            "operation": self.operation,
            "rule": self.rule,
            "impact": self.impact.value,
            "location": self.location,
            "description": self.description,
            "detail": self.detail,
        }
