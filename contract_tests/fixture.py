"""The records and associations the reference server starts with, read from the spec.

The association read's 200 example shows one record and what it is associated with; the
reference target loads exactly that (as an ASSOCIATIONS file), so that reads of existing ids,
and with a page size of one the paging that follows, are exercised, not only the not-found
path. The pair of object types is the one the example's association type names
(`contact_to_company` → contacts, companies).
"""

from typing import Any

from hubspot_toolkit.crm.object_types import plural_name, resolve
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.operations import operations

READ = "batch_read_associations"
# One association per answer: every record with two or more is paged.
PAGE_SIZE = 1


def _plural(singular: str) -> str:
    type_id = resolve(singular)
    if type_id is None:
        raise ValueError(f"no standard object type is named for {singular!r}")
    return plural_name(type_id)


def associations_fixture(spec: Document) -> dict[str, Any]:
    """An ASSOCIATIONS file for the reference server: the 200 example of the read."""
    (operation,) = [op for op in operations(spec) if op.operation_id == READ]
    example = (operation.response(200) or {})["content"]["application/json"]["example"]
    associations = []
    for result in example["results"]:
        for to in result["to"]:
            source, target = to["type"].split("_to_")
            associations.append(
                {
                    "fromObjectType": _plural(source),
                    "fromId": result["from"]["id"],
                    "toObjectType": _plural(target),
                    "toId": to["id"],
                    "type": to["type"],
                    "reverseType": f"{target}_to_{source}",
                }
            )
    return {"records": [], "associations": associations}


def existing_reads(fixture: dict[str, Any]) -> list[dict[str, Any]]:
    """The reads that must find their records: per (from, to) pair, the ids that have
    associations in the fixture, in both directions, and (`associated`) the records each is
    known to be associated with, which its answer must name or page on to."""
    pairs: dict[tuple[str, str], list[str]] = {}
    associated: dict[tuple[str, str], dict[str, list[str]]] = {}
    for entry in fixture["associations"]:
        from_type, to_type = entry["fromObjectType"], entry["toObjectType"]
        forward = pairs.setdefault((from_type, to_type), [])
        backward = pairs.setdefault((to_type, from_type), [])
        for ids, record in ((forward, entry["fromId"]), (backward, entry["toId"])):
            if record not in ids:
                ids.append(record)
        for pair, record, other in (
            ((from_type, to_type), entry["fromId"], entry["toId"]),
            ((to_type, from_type), entry["toId"], entry["fromId"]),
        ):
            known = associated.setdefault(pair, {}).setdefault(str(record), [])
            if str(other) not in known:
                known.append(str(other))
    return [
        {"from": f, "to": t, "ids": ids, "associated": associated.get((f, t), {})}
        for (f, t), ids in pairs.items()
    ]
