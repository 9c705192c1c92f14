"""Batch upsert of line items keyed by a unique property value (HubSpot's semantics)."""

from dataclasses import dataclass
from typing import Any

from hubspot_toolkit.server.errors import input_error, validation_error
from hubspot_toolkit.server.object_types import LINE_ITEMS
from hubspot_toolkit.server.store import Record, Store, iso, record_id

# Properties HubSpot computes; a write to them is refused.
READ_ONLY = ("hs_object_id", "createdate", "hs_lastmodifieddate")
RECORD_ID_PROPERTY = "hs_object_id"


class InputFailure(Exception):
    def __init__(self, category: str, message: str, where: str = "id") -> None:
        super().__init__(message)
        self.category, self.message, self.where = category, message, where


@dataclass
class Outcome:
    results: list[dict[str, Any]]
    errors: list[dict[str, Any]]


def reject_duplicate_keys(inputs: list[dict[str, Any]]) -> None:
    """The same key twice in one request is ambiguous: a 400 naming both inputs."""
    seen: dict[tuple[str, str], int] = {}
    for n, item in enumerate(inputs):
        key = (item.get("idProperty") or RECORD_ID_PROPERTY, item["id"])
        if key in seen:
            raise validation_error(
                f"inputs[{seen[key]}] and inputs[{n}] both upsert {key[0]}={key[1]!r}; "
                "each record may appear once per request",
                f"inputs[{n}].id",
                "DUPLICATE_ID",
            )
        seen[key] = n


def _result(record: Record, created: bool, trace_id: str | None) -> dict[str, Any]:
    properties = dict(record.properties)
    properties["hs_object_id"] = str(record.id)
    properties["createdate"] = iso(record.created_ms)
    properties["hs_lastmodifieddate"] = iso(record.updated_ms)
    result: dict[str, Any] = {
        "id": str(record.id),
        "archived": False,
        "new": created,
        "createdAt": iso(record.created_ms),
        "updatedAt": iso(record.updated_ms),
        "properties": properties,
    }
    if trace_id is not None:
        result["objectWriteTraceId"] = trace_id
    return result


def _find(store: Store, db: Any, item: dict[str, Any]) -> Record | None:
    """The record an input addresses, None when it is to be created; InputFailure otherwise."""
    key: str = item["id"]
    id_property = item.get("idProperty") or RECORD_ID_PROPERTY
    if id_property == RECORD_ID_PROPERTY:
        number = record_id(key)
        record = store.get(db, LINE_ITEMS, number) if number is not None else None
        if record is None:
            raise InputFailure(
                "OBJECT_NOT_FOUND",
                f"No line item with record id {key!r}; to create one, name an idProperty",
            )
        return record
    sent = item["properties"].get(id_property)
    if sent is not None and sent != key:
        raise InputFailure(
            "VALIDATION_ERROR",
            f"properties.{id_property} is {sent!r} but id is {key!r}; they must agree",
            "properties",
        )
    reason = store.make_unique(db, LINE_ITEMS, id_property)
    if reason:
        raise InputFailure("VALIDATION_ERROR", reason, "idProperty")
    owner = store.owner_of(db, LINE_ITEMS, id_property, key)
    return None if owner is None else store.get(db, LINE_ITEMS, owner)


def _upsert_one(store: Store, db: Any, item: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, str] = item["properties"]
    for name in READ_ONLY:
        if name in properties:
            raise InputFailure(
                "VALIDATION_ERROR", f"property {name!r} is read-only", f"properties.{name}"
            )
    record = _find(store, db, item)
    created = record is None
    stamp = store.tick()
    if record is None:
        record = Record(LINE_ITEMS, store.next_id(db, LINE_ITEMS), stamp, stamp, {})
    old = dict(record.properties)
    record.properties.update(properties)
    id_property = item.get("idProperty")
    if id_property and id_property != RECORD_ID_PROPERTY:
        record.properties[id_property] = item["id"]
    record.updated_ms = stamp
    # Every unique-value property this write sets must not belong to another record. All
    # checks come before the first write, so an input is written whole or not at all.
    claims = []
    for name in store.unique_names(LINE_ITEMS) & record.properties.keys():
        value = record.properties[name]
        owner = store.owner_of(db, LINE_ITEMS, name, value)
        if owner is not None and owner != record.id:
            raise InputFailure(
                "CONFLICT",
                f"{name}={value!r} already belongs to line item {owner}",
                f"properties.{name}",
            )
        if owner is None or old.get(name) != value:
            claims.append((name, old.get(name), value))
    store.save(db, record, created)
    for name, before, after in claims:
        store.claim(db, record, name, before, after)
    return _result(record, created, item.get("objectWriteTraceId"))


def upsert_line_items(store: Store, inputs: list[dict[str, Any]]) -> Outcome:
    reject_duplicate_keys(inputs)
    outcome = Outcome([], [])
    with store.transaction() as db:
        for item in inputs:
            try:
                outcome.results.append(_upsert_one(store, db, item))
            except InputFailure as failure:
                outcome.errors.append(
                    input_error(failure.category, failure.message, item["id"], failure.where)
                )
    return outcome
