"""Which object types the token may read, learned before any case is generated.

A real integration's token holds the scopes its app was granted, rarely every object type's
read scope. Reading associations of a type it lacks is answered 403 MISSING_SCOPES, rightly:
that is the token's limit, not a broken promise. So the suite asks once per standard type
(an association read of no ids between two records of that type, which only the scope check
can refuse) and sends association reads only between types the token can read.

A missing scope is answered 403 with context.missingScopes (HubSpot's error handling guide,
https://developers.hubspot.com/docs/api-reference/error-handling, and the Error schema's
context example in its published spec); each type needs its own read scope (the security
section of HubSpot's association read lists one read scope per object type).
"""

import os
from dataclasses import dataclass

import httpx

from contract_tests.spec_source import suite_spec

READABLE_VARIABLE = "HUBSPOT_CONTRACT_READABLE_TYPES"
PROBE = "/crm/v3/associations/{name}/{name}/batch/read"


@dataclass(frozen=True)
class ReadableTypes:
    readable: tuple[str, ...]  # names and ids of the types the token may read
    skipped: dict[str, list[str]]  # name -> the scopes the server said were missing


def standard_types() -> list[tuple[str, str]]:
    """(name, id) of the standard types, from the examples of the spec's path parameter."""
    examples = suite_spec()["components"]["parameters"]["fromObjectType"]["examples"]
    values = [str(example["value"]) for example in examples.values()]
    names = [v for v in values if not v[0].isdigit()]
    ids = [v for v in values if v[0].isdigit()]
    return list(zip(names, ids, strict=True))


def learn(base_url: str, token: str, timeout: float = 30.0) -> ReadableTypes:
    readable: list[str] = []
    skipped: dict[str, list[str]] = {}
    with httpx.Client(base_url=base_url, timeout=timeout) as client:
        for name, type_id in standard_types():
            answer = client.post(
                PROBE.format(name=name),
                json={"inputs": []},
                headers={"Authorization": f"Bearer {token}"},
            )
            if answer.status_code == 403:
                try:
                    context = answer.json().get("context") or {}
                except ValueError:
                    context = {}
                skipped[name] = [str(s) for s in context.get("missingScopes") or []]
            else:
                # Anything else (200, 429, even a 5xx) is the checks' business, not a scope.
                readable += [name, type_id]
    return ReadableTypes(tuple(readable), skipped)


def readable_from_environment() -> tuple[str, ...] | None:
    """What the runner learned, handed to the hooks and the live half; None when not set."""
    value = os.environ.get(READABLE_VARIABLE)
    if value is None:
        return None
    return tuple(part for part in value.split(",") if part)


def describe(types: ReadableTypes) -> str:
    names = [t for t in types.readable if not t[0].isdigit()]
    line = f"Association reads between the types this token may read: {', '.join(names) or 'none'}"
    if types.skipped:
        lacking = "; ".join(
            f"{name} ({', '.join(scopes) or 'scope not named'})"
            for name, scopes in types.skipped.items()
        )
        line += f"\nSkipped, the token lacks their read scope: {lacking}"
    return line
