"""A portal's property validation rules, in the shape HubSpot's Property Validations API gives
them, and the values they refuse.

Shape: `GET /crm/v3/property-validations/{objectTypeId}` (and its dated versions, e.g.
/crm/property-validations/2026-09/0-8) answers `{results: [{propertyName,
propertyValidationRules: [{ruleType, ruleArguments: [str], shouldApplyNormalization}]}]}`
(PublicPropertyValidationRule in HubSpot's spec collection, PublicApiSpecs/CRM/Property
Validations; the guide https://developers.hubspot.com/docs/api-reference/crm-property-
validations-v3/guide gives each ruleType's arguments).

Enforcement: admin rules apply to API writes since 2023-07-24 (HubSpot's changelog "Property
Validations Rules will be enforced for APIs and Integrations", whose example answer is a 400
VALIDATION_ERROR "Property values were not valid: [...]" with error INVALID_ALPHA and message
"Enter only letters"); 2026-09 extends them to every CRM write path (changelog 2026-08-11).
Both operations' every tracked version is an API write path after 2023, so the stand-in
enforces them in every version (ledger: property-validation-rules).

Only INVALID_ALPHA and its message are HubSpot's; no source shows the code or message of any
other rule's refusal, so those (RULE_CODES less INVALID_ALPHA) are ours, documented as such.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

# HubSpot's enum of ruleType (PublicPropertyValidationRule.ruleType, 2026-09).
RULE_TYPES = (
    "AFTER_DATETIME_DURATION",
    "AFTER_DURATION",
    "ALPHANUMERIC",
    "BEFORE_DATETIME_DURATION",
    "BEFORE_DURATION",
    "DAYS_OF_WEEK",
    "DECIMAL",
    "DOMAIN",
    "EMAIL",
    "EMAIL_ALLOWED_DOMAINS",
    "EMAIL_BLOCKED_DOMAINS",
    "END_DATE",
    "END_DATETIME",
    "FORMAT",
    "MAX_LENGTH",
    "MAX_NUMBER",
    "MIN_LENGTH",
    "MIN_NUMBER",
    "PHONE_NUMBER_WITH_EXPLICIT_COUNTRY_CODE",
    "REGEX",
    "SPECIAL_CHARACTERS",
    "START_DATE",
    "START_DATETIME",
    "URL",
    "URL_ALLOWED_DOMAINS",
    "URL_BLOCKED_DOMAINS",
    "WHITESPACE",
)
# ALPHANUMERIC's one argument (the guide): which characters a value may hold.
CHARACTER_SETS = {
    "ALPHA_ONLY": re.compile(r"[^\W\d_]+"),
    "NUMERIC_ONLY": re.compile(r"[0-9]+"),
    "ALPHANUMERIC": re.compile(r"[^\W_]+"),
}
INVALID_ALPHA = "INVALID_ALPHA"  # HubSpot's (the 2023 changelog's example)
# Ours: the code each other enforced rule answers with.
RULE_CODES = {
    "ALPHA_ONLY": INVALID_ALPHA,
    "NUMERIC_ONLY": "INVALID_NUMERIC",
    "ALPHANUMERIC": "INVALID_ALPHANUMERIC",
    "MIN_LENGTH": "INVALID_MIN_LENGTH",
    "MAX_LENGTH": "INVALID_MAX_LENGTH",
    "MIN_NUMBER": "INVALID_MIN_NUMBER",
    "MAX_NUMBER": "INVALID_MAX_NUMBER",
    "DECIMAL": "INVALID_DECIMAL",
    "REGEX": "INVALID_REGEX",
    "SPECIAL_CHARACTERS": "INVALID_SPECIAL_CHARACTERS",
}
OUR_RULE_CODES = frozenset(RULE_CODES.values()) - {INVALID_ALPHA}
# The rules the stand-in enforces; a portal's other rules are kept, listed and not enforced.
ENFORCED = frozenset(
    {"ALPHANUMERIC", "MIN_LENGTH", "MAX_LENGTH", "MIN_NUMBER", "MAX_NUMBER", "DECIMAL", "REGEX"}
    | {"SPECIAL_CHARACTERS"}
)
# SPECIAL_CHARACTERS disallows "special characters ($, %, etc.)" (HubSpot's knowledge base,
# "Set validation rules for a property"); which ones exactly is not documented: any character
# that is not a letter, a digit or a space (ours, the stricter reading).
SPECIAL = re.compile(r"[^\w ]|_")


class RuleError(ValueError):
    """A rule that cannot be read: its arguments do not fit its ruleType."""


@dataclass(frozen=True)
class ValidationRule:
    rule_type: str
    arguments: tuple[str, ...]
    normalize: bool = False

    @classmethod
    def from_api(cls, entry: Mapping[str, Any]) -> "ValidationRule":
        """One PublicPropertyValidationRule, its arguments checked for the enforced types."""
        rule = cls(
            str(entry["ruleType"]),
            tuple(str(a) for a in entry["ruleArguments"]),
            bool(entry.get("shouldApplyNormalization", False)),
        )
        rule._check()
        return rule

    def as_api(self) -> dict[str, Any]:
        return {
            "ruleType": self.rule_type,
            "ruleArguments": list(self.arguments),
            "shouldApplyNormalization": self.normalize,
        }

    def _check(self) -> None:
        kind, args = self.rule_type, self.arguments
        if kind not in RULE_TYPES:
            raise RuleError(f"ruleType {kind!r} is not one of HubSpot's ({', '.join(RULE_TYPES)})")
        if kind not in ENFORCED:
            return
        if not args:
            raise RuleError(f"{kind} needs ruleArguments")
        if kind == "ALPHANUMERIC" and args[0] not in CHARACTER_SETS:
            raise RuleError(
                f"ALPHANUMERIC takes one of {', '.join(CHARACTER_SETS)}, not {args[0]!r}"
            )
        if kind in ("MIN_LENGTH", "MAX_LENGTH", "DECIMAL") and not args[0].isdigit():
            raise RuleError(f"{kind} takes a whole number, not {args[0]!r}")
        if kind in ("MIN_NUMBER", "MAX_NUMBER") and _decimal(args[0]) is None:
            raise RuleError(f"{kind} takes a number, not {args[0]!r}")
        if kind == "REGEX":
            try:
                re.compile(args[0])
            except re.error as exc:
                raise RuleError(f"REGEX {args[0]!r} is not a regular expression: {exc}") from None

    def problem(self, value: str) -> tuple[str, str] | None:
        """(code, message) when value breaks this rule; None when it keeps it or the stand-in
        does not enforce the rule."""
        kind, args = self.rule_type, self.arguments
        if kind == "ALPHANUMERIC":
            if CHARACTER_SETS[args[0]].fullmatch(value):
                return None
            words = {"ALPHA_ONLY": "letters", "NUMERIC_ONLY": "numbers"}
            return RULE_CODES[args[0]], f"Enter only {words.get(args[0], 'letters and numbers')}"
        if kind == "MIN_LENGTH" and len(value) < int(args[0]):
            return RULE_CODES[kind], f"Enter at least {args[0]} characters"
        if kind == "MAX_LENGTH" and len(value) > int(args[0]):
            return RULE_CODES[kind], f"Enter at most {args[0]} characters"
        if kind in ("MIN_NUMBER", "MAX_NUMBER", "DECIMAL"):
            return _number_problem(kind, args[0], value)
        if kind == "REGEX" and not re.fullmatch(args[0], value):
            return RULE_CODES[kind], f"{value} does not match the required format"
        if kind == "SPECIAL_CHARACTERS" and SPECIAL.search(value):
            return RULE_CODES[kind], "Special characters are not allowed"
        return None


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _number_problem(kind: str, argument: str, value: str) -> tuple[str, str] | None:
    number = _decimal(value)
    if number is None:
        return None  # not a number: the property's type refuses it first
    if kind == "MIN_NUMBER" and number < Decimal(argument):
        return RULE_CODES[kind], f"Enter a number of at least {argument}"
    if kind == "MAX_NUMBER" and number > Decimal(argument):
        return RULE_CODES[kind], f"Enter a number of at most {argument}"
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    if kind == "DECIMAL" and places > int(argument):
        return RULE_CODES[kind], f"Enter at most {argument} decimal places"
    return None


def rules_by_property(document: Any) -> dict[str, tuple[ValidationRule, ...]]:
    """The rules of a Property Validations API answer, by property name (RuleError, naming
    where, for one that cannot be read)."""
    found: dict[str, tuple[ValidationRule, ...]] = {}
    for n, entry in enumerate(document.get("results", [])):
        rules = []
        for m, rule in enumerate(entry["propertyValidationRules"]):
            try:
                rules.append(ValidationRule.from_api(rule))
            except RuleError as exc:
                where = f"propertyValidations.results[{n}].propertyValidationRules[{m}]"
                raise RuleError(f"{where}: {exc}") from None
        found[entry["propertyName"]] = tuple(rules)
    return found


def as_api(rules: Mapping[str, Iterable[ValidationRule]]) -> dict[str, Any]:
    """rules as the Property Validations API answers them."""
    return {
        "results": [
            {"propertyName": name, "propertyValidationRules": [r.as_api() for r in kept]}
            for name, kept in rules.items()
        ]
    }


def conforming(rules: Iterable[ValidationRule], n: int) -> str | None:
    """A text value every one of rules accepts, varied by n; None when the rules ask for a
    format no value can be made for here (REGEX)."""
    chosen = list(rules)
    if any(r.rule_type == "REGEX" for r in chosen):
        return None
    low = max((int(r.arguments[0]) for r in chosen if r.rule_type == "MIN_LENGTH"), default=1)
    high = min((int(r.arguments[0]) for r in chosen if r.rule_type == "MAX_LENGTH"), default=12)
    if low > high:
        return None
    sets = {r.arguments[0] for r in chosen if r.rule_type == "ALPHANUMERIC"}
    alphabet = "0123456789" if "NUMERIC_ONLY" in sets else "abcdefghij"
    if sets >= {"NUMERIC_ONLY", "ALPHA_ONLY"}:
        return None
    length = low + n % (high - low + 1)
    return "".join(alphabet[(n + i) % len(alphabet)] for i in range(length))


def conforming_number(rules: Iterable[ValidationRule], n: int) -> str | None:
    """A whole number every one of rules accepts, varied by n (0 to 999 when unbounded);
    None when the bounds leave none."""
    chosen = list(rules)
    low = max(
        (Decimal(r.arguments[0]) for r in chosen if r.rule_type == "MIN_NUMBER"), default=None
    )
    high = min(
        (Decimal(r.arguments[0]) for r in chosen if r.rule_type == "MAX_NUMBER"), default=None
    )
    start = int(low.to_integral_value(rounding="ROUND_CEILING")) if low is not None else 0
    stop = int(high.to_integral_value(rounding="ROUND_FLOOR")) if high is not None else start + 999
    if stop < start:
        return None
    return str(start + n % min(stop - start + 1, 1000))
