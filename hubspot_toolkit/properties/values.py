"""Whether a value may be written to a property, by the property's type (HubSpot's rules).

Each rule cites its source. Where the sources are silent the stricter choice is made and the
comment says so; docs/server.md lists those choices.
"""

import re
from datetime import UTC, date, datetime

from hubspot_toolkit.properties.problems import (
    INVALID_BILLING_PERIOD,
    INVALID_DATE,
    INVALID_INTEGER,
    INVALID_LONG,
    INVALID_OPTION,
    LEADING_TRAILING_WHITESPACE,
    NEGATIVE_PRICE,
    READ_ONLY_VALUE,
)

# A plain decimal: an optional minus, digits, an optional fraction. HubSpot refused
# "1.4210854715202004e-14" with INVALID_INTEGER (captured in
# https://github.com/Atlas-Authority/marketing-automation/issues/206), although the properties
# guide says numbers may use scientific notation; we follow the capture. Leading or trailing
# spaces are refused on every non-string type since 7 Apr 2025:
# https://developers.hubspot.com/changelog/breaking-change-enhanced-validations-for-non-string-properties-in-hubspots-crmobject-apis
# Silent on "+1", ".5" and "1.": refused (stricter).
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
EPOCH_MS = re.compile(r"-?[0-9]{1,15}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# ISO 8601 as the properties guide allows for datetime
# (https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide). At most
# millisecond precision: HubSpot refused a microsecond timestamp for createdate with
# INVALID_LONG (a sync-error record quoted in public code, no canonical URL); stricter where
# the sources are silent otherwise.
ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
# hs_recurring_billing_period: "accepts ISO-8601 period formats of PnYnMnD and PnW"
# (https://developers.hubspot.com/docs/api/crm/line-items). Silent on signs, mixing weeks with
# other units and on P0D: signs and mixing are refused (stricter), P0D is allowed.
BILLING_PERIOD = re.compile(r"P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+D)?|P[0-9]+W")


def number_problem(value: str) -> tuple[str, str] | None:
    # Message and code as captured in
    # https://github.com/Atlas-Authority/marketing-automation/issues/206 (2025, v3).
    if NUMBER.fullmatch(value):
        return None
    return INVALID_INTEGER, f"{value} was not a valid number."


def _options_dump(options: tuple[str, ...], labels: tuple[str, ...]) -> str:
    # HubSpot prints its options as protobuf text (see option_problem's sources); only the
    # prefix before the list is stable, so the list is an approximation of that dump.
    return ", ".join(
        f'label: "{label}"\nvalue: "{value}"\ndisplay_order: {n}\nhidden: false\nread_only: false\n'
        for n, (label, value) in enumerate(zip(labels, options, strict=True))
    )


def option_problem(
    value: str, options: tuple[str, ...], labels: tuple[str, ...], multiple: bool
) -> tuple[str, str] | None:
    """enumeration (and bool): the value must be one of the options' values.

    INVALID_OPTION and its message prefix: https://github.com/gitcoinco/code_fund_ads/issues/479
    and https://github.com/verbb/formie/issues/472. A multi-checkbox takes ";"-separated values,
    a leading ";" appending
    (https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide).
    """
    chosen = value.removeprefix(";").split(";") if multiple else [value]
    if all(choice in options for choice in chosen):
        return None
    dump = _options_dump(options, labels)
    return INVALID_OPTION, f"{value} was not one of the allowed options: [{dump}]"


def date_problem(value: str) -> tuple[str, str] | None:
    """date: YYYY-MM-DD, or epoch milliseconds at midnight UTC
    (https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide).

    The not-midnight message is a v2 capture quoted in public code (no canonical URL). The
    message for a value that is neither form is not documented: it is ours (the code is HubSpot's).
    """
    if ISO_DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    elif EPOCH_MS.fullmatch(value):
        ms = int(value)
        moment = datetime.fromtimestamp(ms / 1000, UTC) if abs(ms) < 253402300800000 else None
        if moment is not None and ms % 86_400_000 == 0:
            return None
        if moment is not None:
            clock = f"{moment.hour}:{moment.minute}:{moment.second}.{ms % 1000}"
            return INVALID_DATE, f"{value} is at {clock} UTC, not midnight!"
    return INVALID_DATE, f"{value} is not a valid date (YYYY-MM-DD or midnight UTC in ms)."


def datetime_problem(value: str) -> tuple[str, str] | None:
    """datetime: ISO 8601 or epoch milliseconds (the properties guide, as for dates).
    INVALID_LONG and its message: https://github.com/verbb/formie/issues/1755 and the createdate
    capture quoted above ISO_DATETIME."""
    if EPOCH_MS.fullmatch(value):
        return None
    if ISO_DATETIME.fullmatch(value):
        try:
            datetime.fromisoformat(value)
            return None
        except ValueError:
            pass
    return INVALID_LONG, f"{value} was not a valid long."


def read_only_problem(name: str, calculated: bool) -> tuple[str, str]:
    """READ_ONLY_VALUE (a 400 for the read-only hubspotscore:
    https://github.com/HubSpot/ui-extensions-examples/issues/77). The current wording is quoted
    in public code (errors[] form, no canonical URL); the
    "calculated property" wording is HubSpot's for hs_object_id in
    https://github.com/mautic/mautic/pull/8785. Which wording goes with which kind of property
    is not documented: we use "calculated" for calculated properties (inferred)."""
    kind = "calculated property" if calculated else "read only property"
    return READ_ONLY_VALUE, f'"{name}" is a {kind}; its value cannot be set.'


def line_item_problem(name: str, value: str) -> tuple[str, str] | None:
    """The line items guide's own rules (https://developers.hubspot.com/docs/api/crm/line-items,
    also https://developers.hubspot.com/docs-beta/crm/line-items). No capture shows HubSpot's
    code or message for either, so both codes and messages are ours."""
    if name == "price" and NUMBER.fullmatch(value) and value.startswith("-") and float(value):
        return NEGATIVE_PRICE, f"{value} is not a valid price: the price cannot be negative."
    if name == "hs_recurring_billing_period" and not BILLING_PERIOD.fullmatch(value):
        return (
            INVALID_BILLING_PERIOD,
            f"{value} is not a valid term: use an ISO-8601 period PnYnMnD or PnW, e.g. P12M.",
        )
    return None


# Whitespace and invisible characters HubSpot names (no-break spaces, zero-width characters).
_EDGE = re.compile(r"^[\s\u200b-\u200d\u2060\ufeff]|[\s\u200b-\u200d\u2060\ufeff]$")


def whitespace_problem(value: str) -> tuple[str, str] | None:
    """A non-string value (enumerations included) with leading or trailing whitespace,
    invisible unicode characters too: refused since 7 April 2025, with this code and message
    (HubSpot's changelog "Breaking Change: Enhanced Validations for Non-String Properties in
    HubSpot's CRMObject APIs"; ledger: property-leading-trailing-whitespace)."""
    if _EDGE.search(value):
        return LEADING_TRAILING_WHITESPACE, f'"{value}" includes leading or trailing whitespace.'
    return None
