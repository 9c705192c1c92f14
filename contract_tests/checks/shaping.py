"""Shaping requests before they are sent, the same way for schemathesis and the live client."""

import copy
import hashlib
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from jsonschema import Draft7Validator, FormatChecker

from contract_tests.scopes import readable_from_environment, standard_types
from contract_tests.settings import HookSettings
from contract_tests.spec_source import suite_operations, suite_spec
from hubspot_toolkit.properties import PropertyDefinition, PropertyDefinitions
from hubspot_toolkit.properties.validation import conforming, conforming_number
from hubspot_toolkit.server.upsert import read_property_values
from hubspot_toolkit.spec.versions import UPSERT


@cache
def known_object_types() -> tuple[str, ...]:
    """The standard object types the token may read: the examples of the spec's path
    parameter, less those the runner found the token lacks the read scope of."""
    standard = tuple(value for pair in standard_types() for value in pair)
    readable = readable_from_environment()
    return standard if readable is None else tuple(t for t in standard if t in readable)


def as_known_type(value: Any) -> Any:
    """A pattern-valid but unknown object type becomes a standard one, deterministically.

    The spec's pattern admits custom types no portal has, and standard types the token may
    not read; a server rightly refuses those, which is not what the positive-data checks are
    about. Values that break the pattern are left alone so that negative tests stay negative.
    """
    known = known_object_types()
    if not isinstance(value, str) or value in known or not known:
        return value
    pattern = suite_spec()["components"]["schemas"]["ObjectType"]["pattern"]

    if not re.fullmatch(pattern, value):
        return value
    return known[int(hashlib.sha256(value.encode()).hexdigest(), 16) % len(known)]


def safe_upsert_body(body: Any, prefix: str, id_property: str) -> Any:
    """Every input keyed by id_property with a value carrying the documented prefix."""
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        return body
    for item in body["inputs"]:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            item["idProperty"] = id_property
            if not item["id"].startswith(prefix):
                item["id"] = prefix + item["id"]
            if isinstance(item.get("properties"), dict):
                item["properties"].pop(id_property, None)
    return body


def distinct_upsert_keys(body: Any) -> Any:
    """Two inputs with the same idProperty and id are a 400 by the spec's prose, which its schema
    cannot express; give later ones distinct ids so that valid data stays valid."""
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        return body
    seen: set[tuple[Any, Any]] = set()
    record_id = "hs_object_id"  # no idProperty means the id is the record id
    for item in body["inputs"]:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        base, n = item["id"], 1
        key_property = item.get("idProperty") or record_id
        if not isinstance(key_property, str):
            continue  # a negative case; the server must refuse it as it is
        while (key_property, item["id"]) in seen:
            n += 1
            item["id"] = f"{base}-{n}"
        seen.add((key_property, item["id"]))
    return body


@cache
def _upsert_body_validator() -> Draft7Validator:
    """The upsert's request schema, compiled once (every version takes the same body)."""
    operation = next(op for op in suite_operations() if op.operation_id == UPSERT)
    schema = operation.request_schema()
    if schema is None:
        raise RuntimeError(f"the spec's {UPSERT} has no JSON request body")
    return Draft7Validator(schema, format_checker=FormatChecker())


def is_valid_upsert_body(body: Any) -> bool:
    """Whether body is spec-valid: only such (positive) bodies are shaped further, so that
    negative cases stay negative."""
    return bool(_upsert_body_validator().is_valid(body))


def shape_upsert(
    body: Any, target: HookSettings, negative: Callable[[], bool] = lambda: False
) -> Any:
    """An upsert body as the suite sends it, the same for schemathesis and the live half:
    keyed and prefixed first, then, unless the case is meant to be invalid, given properties
    the target defines, and distinct keys.

    `negative` is asked after keying: schemathesis judges a case's body by the body as it
    stands, and a body whose idProperty it drew as null is invalid before keying and valid
    after, so it must then be shaped like any valid one."""
    if target.safe_prefix:
        body = safe_upsert_body(body, target.safe_prefix, target.id_property)
    # Keys are made distinct before the validity test too: schemathesis labels some bodies
    # positive whose inputs repeat (uniqueItems is the one keyword its positive data may
    # break), and such a body, once de-duplicated, must be keyed like any other valid one.
    body = distinct_upsert_keys(body)
    if negative():
        return distinct_upsert_keys(refused_by_hubspot(body))
    body = defined_upsert_body(body, target.definitions(), target.id_property)
    return distinct_upsert_keys(body)


def refused_by_hubspot(body: Any) -> Any:
    """A negative upsert stays one HubSpot refuses. HubSpot reads a number or boolean in
    `properties` as text and skips a null (ledger: properties-numbers-accepted, -null-leaves-
    unchanged), so a body whose only fault is such a value is no negative case for it: those
    values become objects, which no reader of a string map accepts."""
    if not isinstance(body, dict) or not is_valid_upsert_body(
        read_property_values(copy.deepcopy(body))
    ):
        return body
    for item in body.get("inputs") or []:
        properties = item.get("properties") if isinstance(item, dict) else None
        if not isinstance(properties, dict):
            continue
        for name, value in properties.items():
            if value is None or isinstance(value, bool | int | float):
                properties[name] = {"value": value}
    return body


def _number(*parts: str) -> int:
    return int(hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12], 16)


def sample_value(definition: PropertyDefinition, generated: str, n: int) -> str | None:
    """A value the target accepts for definition and answers unchanged; None to leave it out."""
    if definition.name == "hs_recurring_billing_period":
        return ("P12M", "P1Y", "P6M", "P2W")[n % 4]  # the line items guide's ISO-8601 periods
    if definition.rules:  # the portal's validation rules: a value that keeps them, or none
        return _ruled_value(definition, generated, n)
    if definition.type == "number":
        return str(n % 1000)  # non-negative: valid for price too
    if definition.type == "bool":
        return ("true", "false")[n % 2]
    if definition.type == "enumeration":
        return definition.options[n % len(definition.options)] if definition.options else None
    if definition.type == "string":
        return generated  # any text is a valid string: the generated one keeps fuzzing values
    return None  # dates and phone numbers may come back reformatted; left out


def _ruled_value(definition: PropertyDefinition, generated: str, n: int) -> str | None:
    """A value for a property the portal gave validation rules: for text, the generated one
    when it keeps them, else one made to; for numbers, one within their bounds."""

    def kept(value: str | None) -> str | None:
        ok = value is not None and all(rule.problem(value) is None for rule in definition.rules)
        return value if ok else None

    if definition.type == "number":
        return kept(conforming_number(definition.rules, n))
    if definition.type != "string":
        return None  # rules on dates are not enforced by the stand-in: left out
    return kept(generated) or kept(conforming(definition.rules, n))


def defined_upsert_body(body: Any, definitions: PropertyDefinitions, id_property: str) -> Any:
    """A spec-valid upsert body made one a portal accepts: each input keyed by id_property, and
    each generated property replaced by a writable, non-unique property with a valid value
    (picked from the generated name and value, so that a case replays the same)."""
    if not is_valid_upsert_body(body):
        return body
    pool = [d for d in definitions.writable() if not d.has_unique_value and d.name != id_property]
    for item in body["inputs"]:
        item["idProperty"] = id_property
        shaped: dict[str, str] = {}
        for name, value in item["properties"].items():
            n = _number(name, value)
            if not pool:
                break
            definition = pool[n % len(pool)]
            sample = sample_value(definition, value, n)
            if sample is not None:
                shaped[definition.name] = sample
        item["properties"] = shaped
    return body
