"""Batch upsert of line items keyed by a unique property value (HubSpot's semantics).

Batch semantics. Without trace ids one bad input fails the whole batch with a 400 describing
the first failing input, and nothing is written (reported for v3 batch writes:
https://github.com/Atlas-Authority/marketing-automation/issues/206,
https://github.com/rudderlabs/rudder-transformer/pull/5147; only the first failure is named:
https://github.com/HubSpot/hubspot-api-python/issues/51). When every input carries an
objectWriteTraceId, HubSpot's opt-in to multi-status
(https://developers.hubspot.com/docs/api-reference/error-handling, documented for batch create;
the upsert spec declares the 207, no capture shows one), the answer is a 207 with one error per
failed input, and the good inputs are written. Problems of the request itself (a repeated key,
an idProperty without unique values) are always a 400 for the whole batch.
"""

from dataclasses import dataclass, field
from typing import Any

from hubspot_toolkit.properties import PropertyDefinitions
from hubspot_toolkit.server.errors import ApiError, input_error
from hubspot_toolkit.server.object_types import LINE_ITEMS
from hubspot_toolkit.server.property_errors import (
    RECORD_ID_PROPERTY,
    id_property_error,
    invalid_values,
)
from hubspot_toolkit.server.store import Record, Store, WriteBatch, iso, record_id


@dataclass
class InputFailure(Exception):
    """Why one input cannot be written: HubSpot's category, message and errors[] entries."""

    category: str
    message: str
    errors: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def simple(cls, category: str, message: str, where: str) -> "InputFailure":
        return cls(category, message, [{"message": message, "code": category, "in": where}])

    def whole_batch(self) -> ApiError:
        return ApiError(400, self.category, self.message, self.errors)


@dataclass
class Outcome:
    results: list[dict[str, Any]]
    errors: list[dict[str, Any]]


def read_property_values(body: Any) -> Any:
    """`properties` as HubSpot reads it: a number or boolean is taken as its text (its SDK
    maintainer's working example sends `"amount": 100`, https://github.com/HubSpot/
    hubspot-api-nodejs/issues/329) and null leaves the stored value as it was (https://
    github.com/HubSpot/hubspot-api-nodejs/issues/324), so it is dropped before the write.
    Anything else is left for the schema check to refuse."""
    inputs = body.get("inputs") if isinstance(body, dict) else None
    for item in inputs if isinstance(inputs, list) else []:
        properties = item.get("properties") if isinstance(item, dict) else None
        if not isinstance(properties, dict):
            continue
        for name, value in list(properties.items()):
            if value is None:
                del properties[name]
            elif isinstance(value, bool):
                properties[name] = "true" if value else "false"
            elif isinstance(value, int | float):
                properties[name] = str(value)
    return body


def reject_duplicate_keys(inputs: list[dict[str, Any]]) -> None:
    """The same key twice in one request fails the whole batch, in HubSpot's words: "Duplicate
    IDs found in batch input: [id]. IDs must be unique" with context.ids (captured on batch
    writes; ledger: upsert-duplicate-ids)."""
    seen: set[tuple[str, str]] = set()
    repeated: list[str] = []  # captured with context.ids and no errors[]
    for item in inputs:
        key = (item.get("idProperty") or RECORD_ID_PROPERTY, item["id"])
        if key in seen and key[1] not in repeated:
            repeated.append(key[1])
        seen.add(key)
    if repeated:
        message = f"Duplicate IDs found in batch input: [{', '.join(repeated)}]. IDs must be unique"
        raise ApiError(400, "VALIDATION_ERROR", message, context={"ids": repeated})


def reject_non_unique_id_properties(
    definitions: PropertyDefinitions, inputs: list[dict[str, Any]]
) -> None:
    """An idProperty must name a property with unique values (hs_object_id too is refused:
    without idProperty, id is the record id)."""
    for item in inputs:
        name = item.get("idProperty")
        if name is not None and (error := id_property_error(definitions, name)):
            raise error


def _result(record: Record, created: bool, trace_id: str | None) -> dict[str, Any]:
    # HubSpot adds these to every answer, whatever was sent (the batch read example of
    # https://developers.hubspot.com/docs/api-reference/latest/crm/objects/invoices/guide).
    properties = dict(record.properties)
    properties["hs_object_id"] = str(record.id)
    properties.setdefault("createdate", iso(record.created_ms))
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

    def __init__(
        self, store: Store, db: Any, definitions: PropertyDefinitions, inputs: list[dict[str, Any]]
    ) -> None:
        self.store, self.db, self.definitions = store, db, definitions
        self.unique = frozenset(definitions.unique_names())
        self.stamp = store.tick()
        self.batch = WriteBatch()
        self.by_key: dict[tuple[str, str], Record] = {}
        self.touched: dict[int, Record] = {}
        self.looked_up: set[tuple[str, str]] = set()
        keys: dict[str, list[str]] = {}
        for item in inputs:
            name = item.get("idProperty")
            if name is not None:
                keys.setdefault(name, []).append(item["id"])
        for name, values in keys.items():
            self.looked_up.update((name, value) for value in values)
            for value, record in store.find_many_by_unique(db, LINE_ITEMS, name, values).items():
                self.by_key[(name, value)] = record

    def current(self, record: Record | None) -> Record | None:
        """The latest state of record, counting this request's own writes."""
        return None if record is None else self.touched.get(record.id, record)

    def check_properties(self, item: dict[str, Any]) -> None:
        """Every property must exist and every value be valid (the idProperty's value, id, too)."""
        properties: dict[str, str] = item["properties"]
        id_property = item.get("idProperty")
        problems = self.definitions.check(properties)
        if id_property is not None and id_property not in properties:
            problems += self.definitions.value_problems(id_property, item["id"])
        if problems:
            raise InputFailure("VALIDATION_ERROR", *invalid_values(problems))

    def find(self, item: dict[str, Any]) -> Record | None:
        """The record an input addresses, None when it is to be created; InputFailure otherwise."""
        key: str = item["id"]
        id_property = item.get("idProperty")
        if id_property is None:
            number = record_id(key)
            record = self.touched.get(number) if number is not None else None
            if record is None and number is not None:
                record = self.store.get(self.db, LINE_ITEMS, number)
            if record is None:
                # without idProperty, id is the record id (the spec's SimplePublicObjectBatch
                # InputUpsert.id); HubSpot's wording for a missing one is not captured: ours
                raise InputFailure.simple(
                    "OBJECT_NOT_FOUND",
                    f"No line item with record id {key!r}; to create one, name an idProperty",
                    "id",
                )
            return record
        sent = item["properties"].get(id_property)
        # Undocumented; the stricter choice: a key and a properties value that disagree would
        # leave the record keyed by one and holding the other.
        if sent is not None and sent != key:
            raise InputFailure.simple(
                "VALIDATION_ERROR",
                f"properties.{id_property} is {sent!r} but id is {key!r}; they must agree",
                "properties",
            )
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
        self.check_properties(item)
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
        record.properties.update(item["properties"])
        id_property = item.get("idProperty")
        if id_property is not None:
            record.properties[id_property] = item["id"]
        # updatedAt advances on every write, even two in the same millisecond
        record.updated_ms = stamp if created else max(stamp, record.updated_ms + 1)
        # Every unique-value property this write sets must not belong to another record. All
        # checks come before anything is written, so an input is written whole or not at all.
        claims: list[tuple[str, str | None, str]] = []
        releases: list[tuple[str, str]] = []
        for name in self.unique & (record.properties.keys() | old.keys()):
            value, before = record.properties.get(name, ""), old.get(name)
            if value == before:
                continue  # already this record's
            if value == "" and name != id_property:
                if before:
                    releases.append((name, before))  # cleared: the value is free again
                continue
            owner = self.owner(name, value)
            # a unique property holds each value once ("hasUniqueValue", HubSpot's properties
            # guide, https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide);
            # the error HubSpot answers is not captured, so CONFLICT and its message are ours
            if owner is not None and owner != record.id:
                raise InputFailure.simple(
                    "CONFLICT",
                    f"{name}={value!r} already belongs to line item {owner}",
                    f"properties.{name}",
                )
            claims.append((name, before or None, value))
        self.batch.save(record, created)
        for name, before in releases:
            self.batch.release(record, name, before)
            self.by_key.pop((name, before), None)
        for name, previous, after in claims:
            self.batch.claim(record, name, previous, after)
            if previous is not None:
                self.by_key.pop((name, previous), None)
            self.by_key[(name, after)] = record
        self.touched[record.id] = record
        return _result(record, created, item.get("objectWriteTraceId"))


def upsert_line_items(
    store: Store, definitions: PropertyDefinitions, inputs: list[dict[str, Any]]
) -> Outcome:
    reject_duplicate_keys(inputs)
    reject_non_unique_id_properties(definitions, inputs)
    multi_status = all(isinstance(item.get("objectWriteTraceId"), str) for item in inputs)
    outcome = Outcome([], [])
    with store.transaction() as db:  # an exception rolls back everything this request wrote
        request = _Request(store, db, definitions, inputs)
        for item in inputs:
            try:
                outcome.results.append(request.upsert(item))
            except InputFailure as failure:
                if not multi_status:
                    raise failure.whole_batch() from None
                outcome.errors.append(
                    input_error(
                        failure.category,
                        failure.message,
                        item["id"],
                        trace_id=item["objectWriteTraceId"],
                    )
                )
        store.write(db, request.batch)
    return outcome
