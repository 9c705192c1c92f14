"""Association types as HubSpot's dated versions (and v4) name them: category, typeId, label.

v3 answers an association with a type string (`contact_to_company`); the dated versions answer
`associationTypes: [{category, typeId, label}]`. The ids of HubSpot's own types are its
published table ("Association type ID values", https://developers.hubspot.com/docs/api-reference/
legacy/crm/associations/associate-records/guide; the same ids are the AssociationTypes enum of
HubSpot's Node SDK, HubSpot/hubspot-api-nodejs src/enums/AssociationTypes.ts).

How v3 type strings map onto them is thinner ground: in v3, `contact_to_company` is the
primary association and `contact_to_company_unlabeled` the plain one (seen in HubSpot's
community answers, not in its reference). A primary association is also a plain one, so, as the
guide's example answer shows, it carries both ids (1 and 279). The guide's example gives the
primary type the label "Primary" and unlabeled types `null`; HubSpot renamed primary labels in
2024 and says to rely on typeId alone, so clients should not match on labels.
A type string the table does not know is a label a portal's users made: USER_DEFINED, with a
stable id of our own above HubSpot's range.
"""

import zlib
from typing import Any

from hubspot_toolkit.crm.object_types import singular

HUBSPOT_DEFINED = "HUBSPOT_DEFINED"
USER_DEFINED = "USER_DEFINED"
PRIMARY_LABEL = "Primary"

# (from, to) -> (primary typeId or None, unlabeled typeId)
TYPE_IDS: dict[tuple[str, str], tuple[int | None, int]] = {
    ("contacts", "companies"): (1, 279),
    ("companies", "contacts"): (2, 280),
    ("deals", "companies"): (5, 341),
    ("companies", "deals"): (6, 342),
    ("tickets", "companies"): (26, 339),
    ("companies", "tickets"): (25, 340),
    ("deals", "contacts"): (None, 3),
    ("contacts", "deals"): (None, 4),
    ("tickets", "contacts"): (None, 16),
    ("contacts", "tickets"): (None, 15),
    ("deals", "tickets"): (None, 27),
    ("tickets", "deals"): (None, 28),
    ("deals", "line_items"): (None, 19),
    ("line_items", "deals"): (None, 20),
    ("quotes", "line_items"): (None, 67),
    ("line_items", "quotes"): (None, 68),
    ("deals", "quotes"): (None, 63),
    ("quotes", "deals"): (None, 64),
    ("quotes", "contacts"): (None, 69),
    ("contacts", "quotes"): (None, 70),
    ("quotes", "companies"): (None, 71),
    ("companies", "quotes"): (None, 72),
    ("contacts", "contacts"): (None, 449),
    ("companies", "companies"): (None, 450),
    ("deals", "deals"): (None, 451),
    ("tickets", "tickets"): (None, 452),
}
USER_DEFINED_BASE = 100_000  # above every id HubSpot publishes


def association_types(from_name: str, to_name: str, label: str) -> list[dict[str, Any]]:
    """The dated versions' associationTypes for one v3 type string between two types."""
    known = TYPE_IDS.get((from_name, to_name))
    base = f"{singular(from_name)}_to_{singular(to_name)}"
    if known is not None:
        primary, unlabeled = known
        plain = {"category": HUBSPOT_DEFINED, "typeId": unlabeled, "label": None}
        if label == f"{base}_unlabeled" or (label == base and primary is None):
            return [plain]
        if label == base and primary is not None:
            return [{"category": HUBSPOT_DEFINED, "typeId": primary, "label": PRIMARY_LABEL}, plain]
    type_id = USER_DEFINED_BASE + zlib.crc32(label.encode()) % 1_000_000
    return [{"category": USER_DEFINED, "typeId": type_id, "label": label}]


def as_dated(result: dict[str, Any], from_name: str, to_name: str) -> dict[str, Any]:
    """A v3 result {from, to: [{id, type}], paging} in the dated shape: one entry per record
    associated, with every type that links the two."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for to in result["to"]:
        grouped.setdefault(to["id"], []).extend(association_types(from_name, to_name, to["type"]))
    dated: dict[str, Any] = {
        "from": result["from"],
        # a JSON number, as every captured dated answer gives it (ledger:
        # dated-to-object-id-is-number); the spec's repair admits a number or a string
        "to": [
            {"toObjectId": int(to_id) if to_id.isdigit() else to_id, "associationTypes": types}
            for to_id, types in grouped.items()
        ],
    }
    if "paging" in result:
        dated["paging"] = result["paging"]
    return dated


def v3_type_names(from_name: str, to_name: str, types: list[dict[str, Any]]) -> list[str]:
    """The v3 type strings of one dated `to` entry's associationTypes: the inverse of
    association_types (a primary association carries the plain id too, and is one v3 entry),
    so that a record read through a dated version reads as a v3 read of it does."""
    known = TYPE_IDS.get((from_name, to_name))
    base = f"{singular(from_name)}_to_{singular(to_name)}"
    ids = {kind.get("typeId") for kind in types if kind.get("category") == HUBSPOT_DEFINED}
    names: list[str] = []
    if known is not None:
        primary, unlabeled = known
        if primary is not None and primary in ids:
            names.append(base)
        elif unlabeled in ids:
            names.append(f"{base}_unlabeled" if primary is not None else base)
        ids -= {primary, unlabeled}
    for kind in types:
        if kind.get("category") == HUBSPOT_DEFINED and kind.get("typeId") not in ids:
            continue
        label = kind.get("label")
        names.append(label if isinstance(label, str) and label else f"{base}_{kind.get('typeId')}")
    return names
