"""Batch upsert of line items keyed by a unique property value (HubSpot's semantics)."""

from dataclasses import dataclass
from typing import Any

from hubspot_toolkit.server.errors import input_error, validation_error
from hubspot_toolkit.server.object_types import LINE_ITEMS
from hubspot_toolkit.server.store import Record, Store, WriteBatch, iso, record_id

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


class _Request:
    """One upsert request's view of the store: records looked up in bulk up front, and the
    records this request has already written, which later inputs must see."""

    def __init__(self, store: Store, db: Any, inputs: list[dict[str, Any]]) -> None:
        self.store, self.db = store, db
        self.stamp = store.tick()
        self.batch = WriteBatch()
        self.by_key: dict[tuple[str, str], Record] = {}
        self.touched: dict[int, Record] = {}
        self.refusals: dict[str, str] = {}
        self.looked_up: set[tuple[str, str]] = set()
        keys: dict[str, list[str]] = {}
        for item in inputs:
            name = item.get("idProperty") or RECORD_ID_PROPERTY
            if name != RECORD_ID_PROPERTY:
                keys.setdefault(name, []).append(item["id"])
        for name, values in keys.items():
            reason = store.make_unique(db, LINE_ITEMS, name)
            if reason:
                self.refusals[name] = reason
                continue
            self.looked_up.update((name, value) for value in values)
            for value, record in store.find_many_by_unique(db, LINE_ITEMS, name, values).items():
                self.by_key[(name, value)] = record

    def current(self, record: Record | None) -> Record | None:
        """The latest state of record, counting this request's own writes."""
        return None if record is None else self.touched.get(record.id, record)

    def find(self, item: dict[str, Any]) -> Record | None:
        """The record an input addresses, None when it is to be created; InputFailure otherwise."""
        key: str = item["id"]
        id_property = item.get("idProperty") or RECORD_ID_PROPERTY
        if id_property == RECORD_ID_PROPERTY:
            number = record_id(key)
            record = self.touched.get(number) if number is not None else None
            if record is None and number is not None:
                record = self.store.get(self.db, LINE_ITEMS, number)
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
        if id_property in self.refusals:
            raise InputFailure("VALIDATION_ERROR", self.refusals[id_property], "idProperty")
        return self.current(self.by_key.get((id_property, key)))

    def owner(self, name: str, value: str) -> int | None:
        """Which record holds a unique-value property's value, this request's writes included."""
        record = self.by_key.get((name, value))
        if record is not None:
            return record.id
        if (name, value) in self.looked_up:
            return None  # looked up in bulk: nobody held it, and no write since claimed it
        return self.store.owner_of(self.db, LINE_ITEMS, name, value)

    def upsert(self, item: dict[str, Any]) -> dict[str, Any]:
        properties: dict[str, str] = item["properties"]
        for name in READ_ONLY:
            if name in properties:
                raise InputFailure(
                    "VALIDATION_ERROR", f"property {name!r} is read-only", f"properties.{name}"
                )
        found = self.find(item)
        created = found is None
        stamp = self.stamp
        if found is None:
            record = Record(LINE_ITEMS, self.store.next_id(self.db, LINE_ITEMS), stamp, stamp, {})
        else:
            record = Record(
                LINE_ITEMS, found.id, found.created_ms, found.updated_ms, dict(found.properties)
            )
        old = found.properties if found else {}
        record.properties.update(properties)
        id_property = item.get("idProperty")
        if id_property and id_property != RECORD_ID_PROPERTY:
            record.properties[id_property] = item["id"]
        # updatedAt advances on every write, even two in the same millisecond
        record.updated_ms = stamp if created else max(stamp, record.updated_ms + 1)
        # Every unique-value property this write sets must not belong to another record. All
        # checks come before anything is written, so an input is written whole or not at all.
        claims = []
        for name in self.store.unique_names(LINE_ITEMS) & record.properties.keys():
            value = record.properties[name]
            if value == old.get(name):
                continue  # already this record's
            owner = self.owner(name, value)
            if owner is not None and owner != record.id:
                raise InputFailure(
                    "CONFLICT",
                    f"{name}={value!r} already belongs to line item {owner}",
                    f"properties.{name}",
                )
            claims.append((name, old.get(name), value))
        self.batch.save(record, created)
        for name, before, after in claims:
            self.batch.claim(record, name, before, after)
            if before is not None:
                self.by_key.pop((name, before), None)
            self.by_key[(name, after)] = record
        self.touched[record.id] = record
        return _result(record, created, item.get("objectWriteTraceId"))


def upsert_line_items(store: Store, inputs: list[dict[str, Any]]) -> Outcome:
    reject_duplicate_keys(inputs)
    outcome = Outcome([], [])
    with store.transaction() as db:
        request = _Request(store, db, inputs)
        for item in inputs:
            try:
                outcome.results.append(request.upsert(item))
            except InputFailure as failure:
                outcome.errors.append(
                    input_error(failure.category, failure.message, item["id"], failure.where)
                )
        store.write(db, request.batch)
    return outcome
