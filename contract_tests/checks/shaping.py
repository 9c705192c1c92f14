"""Shaping requests before they are sent, the same way for schemathesis and the live client."""

import hashlib
import re
from functools import cache
from typing import Any

from contract_tests.scopes import readable_from_environment
from contract_tests.spec_source import suite_spec


@cache
def known_object_types() -> tuple[str, ...]:
    """The standard object types the token may read: the examples of the spec's path
    parameter, less those the runner found the token lacks the read scope of."""
    parameter = suite_spec()["components"]["parameters"]["fromObjectType"]
    standard = tuple(example["value"] for example in parameter["examples"].values())
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
