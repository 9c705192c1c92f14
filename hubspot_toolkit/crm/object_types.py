"""Object types as HubSpot resolves them: `contacts`, `Contacts`, `contact` and `0-1` are one type.

Evidence (hubspot_toolkit/evidence/ledger.yaml: object-type-*): HubSpot's own v3 guide writes
`/crm/v3/associations/Contacts/Tickets/batch/read`; production connectors send singular names
(`/crm/v4/associations/deal/line_items/batch/read`, Airbyte's source-hubspot); type ids
(`0-3`, custom `2-<n>`) are accepted wherever names are. A custom object is also named by
`p_<name>` and by its fullyQualifiedName `p<portalId>_<name>`, never by its bare name
(ledger: object-type-custom-names). An unknown one is answered "Unable to infer object type
from: <value>".
"""

import re
from collections.abc import Mapping

# HubSpot's standard object type ids: the "Object type IDs" table of its CRM guide
# (https://developers.hubspot.com/docs/guides/crm/using-object-apis).
STANDARD_TYPES = {
    "contacts": "0-1",
    "companies": "0-2",
    "deals": "0-3",
    "tickets": "0-5",
    "products": "0-7",
    "line_items": "0-8",
    "quotes": "0-14",
    "calls": "0-48",
    "emails": "0-49",
    "meetings": "0-47",
    "notes": "0-46",
    "tasks": "0-27",
}
NAMES_BY_ID = {type_id: name for name, type_id in STANDARD_TYPES.items()}
CUSTOM_ID = re.compile(r"^2-[0-9]+$")
# A custom object's name: letters, digits and underscores, a letter first (HubSpot's schemas
# guide, https://developers.hubspot.com/docs/api-reference/latest/crm/objects/schemas/guide).
CUSTOM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
LINE_ITEMS = STANDARD_TYPES["line_items"]


def singular(name: str) -> str:
    """`companies` → `company`, `line_items` → `line_item`: the form HubSpot's association
    errors name types in (`No company is associated with deal 1.`)."""
    return name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")


SINGULAR_TYPES = {singular(name): type_id for name, type_id in STANDARD_TYPES.items()}


def custom_spellings(name: str, portal_id: int) -> tuple[str, str]:
    """The names a custom object is reached by besides its id: `p_<name>`, which integrations
    send (Singer's tap-hubspot reads /crm/v3/objects/p_<name>), and `p<portalId>_<name>`, the
    fullyQualifiedName HubSpot's schemas API gives it (ledger: object-type-custom-names).
    Matched exactly: no source shows another letter case resolving (ledger: custom-object-
    name-letter-case, inference)."""
    return f"p_{name}", f"p{portal_id}_{name}"


def resolve(value: str, custom_types: Mapping[str, str] | None = None) -> str | None:
    """The object type id HubSpot reads value as, or None when it infers none. custom_types:
    every spelling of the portal's custom objects (their ids too), to its id."""
    lowered = value.lower()
    if lowered in STANDARD_TYPES:
        return STANDARD_TYPES[lowered]
    if lowered in SINGULAR_TYPES:
        return SINGULAR_TYPES[lowered]
    if value in NAMES_BY_ID:
        return value
    return (custom_types or {}).get(value)


def plural_name(type_id: str) -> str:
    """A standard type's plural name (`0-1` → `contacts`); a custom type's id as it is."""
    return NAMES_BY_ID.get(type_id, type_id)


def singular_name(type_id: str) -> str:
    """A standard type's singular name (`0-2` → `company`); a custom type's id as it is."""
    name = NAMES_BY_ID.get(type_id)
    return singular(name) if name else type_id
