"""Batch read of associations, paged per `from` record, and the file they are loaded from.

The ASSOCIATIONS file (`make serve ASSOCIATIONS=file.json`) is JSON:

    {
      "records": [{"objectType": "contacts", "id": "501"}],
      "associations": [
        {"fromObjectType": "contacts", "fromId": "501",
         "toObjectType": "companies", "toId": "601",
         "type": "contact_to_company", "reverseType": "company_to_contact"}
      ]
    }

Object types by name or id (custom object types as `2-…` ids); ids are numeric strings.
Records named by an association exist implicitly; `records` adds records with none.
`reverseType`, when given, also stores the association in the other direction.
Loading is idempotent: loading the same file again adds nothing.
"""

import base64
import binascii
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hubspot_toolkit.crm.object_types import CUSTOM_NAME, custom_spellings, singular_name
from hubspot_toolkit.server.config import PORTAL_ID, ConfigError
from hubspot_toolkit.server.errors import input_error, no_associations_error
from hubspot_toolkit.server.object_types import CUSTOM_ID, arranged_type
from hubspot_toolkit.server.store import Store, record_id

# How the user names the file in every message: serve's option (make's ASSOCIATIONS and
# $HUBSPOT_SERVER_ASSOCIATIONS only fill it in).
OPTION = "--associations"


def encode_cursor(to_id: int, label: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([to_id, label]).encode()).decode()


def decode_cursor(cursor: str) -> tuple[int, str] | None:
    try:
        to_id, label = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError, RecursionError, binascii.Error):
        return None
    if not isinstance(to_id, int) or not isinstance(label, str) or not 0 <= to_id < 2**63:
        return None
    return to_id, label


def read_associations(
    store: Store,
    from_type: str,
    to_type: str,
    inputs: list[dict[str, Any]],
    page_size: int,
    *,
    pages: bool,
    link_base: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Results and errors of a batch read, as HubSpot answers them.

    A record without associations of to_type answers no result but a NO_ASSOCIATIONS_FOUND
    error, and so does an id that names no record: no source shows HubSpot telling the two
    apart (ledger: no-associations-207-*, association-read-unknown-from-id). `pages` is false
    for v3, which ignores an input's `after` (HubSpot's SDK maintainer, https://github.com/
    HubSpot/hubspot-api-python/issues/187) and whose `paging.next.link` names the object
    associations API instead (captured: https://github.com/HubSpot/hubspot-api-python/issues/
    135); the dated versions read `after` as their cursor.
    """
    results, errors = [], []
    db = store.read_connection()
    for item in inputs:
        key: str = item["id"]
        after = None
        if pages and "after" in item:
            after = decode_cursor(item["after"])
            if after is None:
                errors.append(
                    input_error(
                        "VALIDATION_ERROR",
                        f"after={item['after']!r} is not a cursor this server issued",
                        key,
                    )
                )
                continue
        from_id = record_id(key)
        page = (
            store.associations_page(from_type, from_id, to_type, after, page_size + 1)
            if from_id is not None and store.exists(db, from_type, from_id)
            else []
        )
        if not page:
            errors.append(
                no_associations_error(key, singular_name(from_type), singular_name(to_type))
            )
            continue
        result: dict[str, Any] = {
            "from": {"id": key},
            "to": [{"id": str(to_id), "type": label} for to_id, label in page[:page_size]],
        }
        if len(page) > page_size:
            cursor = encode_cursor(*page[page_size - 1])
            result["paging"] = {"next": {"after": cursor}}
            if not pages:
                result["paging"]["next"]["link"] = (
                    f"{link_base}/crm/v3/objects/{from_type}/{key}/associations/{to_type}"
                    f"?limit={page_size}&after={cursor}"
                )
        results.append(result)
    return results, errors


def _type(value: Any, where: str, path: Path, custom: dict[str, str]) -> str:
    if value is None:
        raise ConfigError(f"{OPTION} {path}: {where} is missing")
    type_id = arranged_type(value, custom)
    if type_id is None:
        raise ConfigError(f"{OPTION} {path}: {where} is {value!r}, not a known object type")
    return type_id


def define_custom_object(
    store: Store, db: Any, type_id: Any, name: Any, addressable: Callable[[str], bool]
) -> str:
    """Name the custom object type type_id (`2-<n>`) `name`, so that `p_<name>` and
    `p<portalId>_<name>` reach it too, as they reach HubSpot's (ledger: object-type-custom-
    names); a one-line problem, or the empty string. addressable: whether the spec's paths can
    carry a spelling (a name they cannot would name nothing)."""
    if not isinstance(type_id, str) or not CUSTOM_ID.match(type_id):
        return f"objectTypeId is {type_id!r}, not a custom object type id (2-<n>)"
    if not isinstance(name, str) or not CUSTOM_NAME.match(name):
        return f"name is {name!r}: letters, digits and underscores, a letter first"
    spellings = custom_spellings(name, PORTAL_ID)
    unfit = [spelling for spelling in spellings if not addressable(spelling)]
    if unfit:
        return f"name is {name!r}: the spec's object type pattern refuses {unfit[0]!r}"
    clash = store.name_custom_type(db, type_id, list(spellings))
    return f"name {name!r}: {clash}" if clash else ""


def _id(value: Any, where: str, path: Path) -> int:
    if value is None:
        raise ConfigError(f"{OPTION} {path}: {where} is missing")
    number = record_id(value) if isinstance(value, str) else None
    if number is not None:
        return number
    raise ConfigError(f"{OPTION} {path}: {where} is {value!r}, not a numeric id string")


def load_associations(store: Store, path: Path, addressable: Callable[[str], bool]) -> int:
    """Load path into store; the number of associations in the file. addressable: see
    define_custom_object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{OPTION} {path}: cannot read a JSON file ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{OPTION} {path}: expected an object with 'associations'")
    entries, records = data.get("associations", []), data.get("records", [])
    custom_objects = data.get("customObjects", [])
    if not all(isinstance(part, list) for part in (entries, records, custom_objects)):
        raise ConfigError(
            f"{OPTION} {path}: 'associations', 'records' and 'customObjects' must be lists"
        )
    with store.transaction() as db:
        for n, custom_object in enumerate(custom_objects):
            where = f"customObjects[{n}]"
            if not isinstance(custom_object, dict):
                raise ConfigError(f"{OPTION} {path}: {where} is not an object")
            problem = define_custom_object(
                store,
                db,
                custom_object.get("objectTypeId"),
                custom_object.get("name"),
                addressable,
            )
            if problem:
                raise ConfigError(f"{OPTION} {path}: {where}.{problem}")
        custom = store.custom_types()
        for n, record in enumerate(records):
            where = f"records[{n}]"
            if not isinstance(record, dict):
                raise ConfigError(f"{OPTION} {path}: {where} is not an object")
            kind = _type(record.get("objectType"), f"{where}.objectType", path, custom)
            if CUSTOM_ID.match(kind):
                store.add_custom_type(db, kind)
            store.ensure_record(db, kind, _id(record.get("id"), f"{where}.id", path))
        for n, entry in enumerate(entries):
            where = f"associations[{n}]"
            if not isinstance(entry, dict):
                raise ConfigError(f"{OPTION} {path}: {where} is not an object")
            from_type = _type(entry.get("fromObjectType"), f"{where}.fromObjectType", path, custom)
            to_type = _type(entry.get("toObjectType"), f"{where}.toObjectType", path, custom)
            from_id = _id(entry.get("fromId"), f"{where}.fromId", path)
            to_id = _id(entry.get("toId"), f"{where}.toId", path)
            label = entry.get("type")
            if not isinstance(label, str) or not label:
                raise ConfigError(f"{OPTION} {path}: {where}.type must be a non-empty string")
            for kind in (from_type, to_type):
                if CUSTOM_ID.match(kind):
                    store.add_custom_type(db, kind)
            store.add_association(db, from_type, from_id, to_type, to_id, label)
            reverse = entry.get("reverseType")
            if isinstance(reverse, str) and reverse:
                store.add_association(db, to_type, to_id, from_type, from_id, reverse)
    return len(entries)
