"""A portal's line item property definitions, read from HubSpot's Properties API answer, and
the checks of property maps against them."""

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from hubspot_toolkit.errors import HubSpotToolkitError
from hubspot_toolkit.properties import values
from hubspot_toolkit.properties.problems import PROPERTY_DOESNT_EXIST, PropertyProblem
from hubspot_toolkit.properties.shape import DOCUMENT, TYPES
from hubspot_toolkit.properties.validation import (
    ENFORCED,
    RuleError,
    ValidationRule,
    rules_by_property,
)

DEFAULT_FILE = Path(__file__).with_name("line_items.json")
# The one custom property of the shipped definitions, unique (HubSpot's hs_sku is not): what the
# reference server, the contract suite and the benchmarks upsert by unless told otherwise.
SHIPPED_UNIQUE_KEY = "external_line_item_id"
_VALIDATOR = Draft202012Validator(DOCUMENT)
# The types whose values may not start or end with whitespace (properties/values.py): every
# type but text (string, and the internal text types).
NON_STRING = frozenset(TYPES) - {"string"}


class PropertiesFileError(HubSpotToolkitError):
    """A properties file that is not what HubSpot's Properties API answers: `<file>: <problem>`."""


@dataclass(frozen=True)
class PropertyDefinition:
    name: str
    type: str
    field_type: str
    options: tuple[str, ...]
    has_unique_value: bool
    read_only_value: bool
    calculated: bool
    # the portal's validation rules for it (properties/validation.py)
    rules: tuple[ValidationRule, ...] = ()

    @property
    def writable(self) -> bool:
        # modificationMetadata.readOnlyValue: "the property's value is read-only and cannot be
        # modified"; calculated: "calculated by a HubSpot process" (the OpenAPI Property schema,
        # https://github.com/HubSpot/HubSpot-public-api-spec-collection, Properties v3).
        return not (self.read_only_value or self.calculated)


def _where(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the document"


class PropertyDefinitions:
    """The definitions of one object type's properties, by name."""

    def __init__(
        self,
        definitions: Iterable[PropertyDefinition],
        labels: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        """labels: each enumeration's option labels, in the order of its options (they only
        appear in INVALID_OPTION messages; without them the values stand in)."""
        self._by_name = {d.name: d for d in definitions}
        self._labels = dict(labels or {})

    # ---- loading ----------------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: Path) -> "PropertyDefinitions":
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PropertiesFileError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise PropertiesFileError(f"{path}: cannot be read: {exc}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PropertiesFileError(f"{path}: not valid JSON: {exc}") from None
        except RecursionError:
            raise PropertiesFileError(f"{path}: not valid JSON: nested too deeply") from None
        return cls.from_document(data, str(path))

    @classmethod
    def from_document(cls, data: object, source: str) -> "PropertyDefinitions":
        """Definitions from the parsed answer of `GET /crm/v3/properties/line_items`."""
        # Items are validated in order, so the first error is in the earliest bad entry.
        error = next(_VALIDATOR.iter_errors(data), None)
        if error is not None:
            message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
            raise PropertiesFileError(f"{source}: {_where(error.absolute_path)}: {message}")
        assert isinstance(data, dict)
        try:
            rules = rules_by_property(data.get("propertyValidations", {}))
        except RuleError as exc:
            raise PropertiesFileError(f"{source}: {exc}") from None
        unknown = sorted(set(rules) - {entry["name"] for entry in data["results"]})
        if unknown:
            raise PropertiesFileError(
                f"{source}: propertyValidations names properties it does not define: "
                + ", ".join(unknown)
            )
        definitions, labels, seen = [], {}, set()
        for n, entry in enumerate(data["results"]):
            name = entry["name"]
            if name in seen:
                raise PropertiesFileError(f"{source}: results[{n}].name: {name!r} is defined twice")
            seen.add(name)
            options = entry["options"]
            definitions.append(
                PropertyDefinition(
                    name=name,
                    type=entry["type"],
                    field_type=entry["fieldType"],
                    options=tuple(option["value"] for option in options),
                    has_unique_value=entry.get("hasUniqueValue", False),
                    read_only_value=entry.get("modificationMetadata", {}).get(
                        "readOnlyValue", False
                    ),
                    calculated=entry.get("calculated", False),
                    rules=rules.get(name, ()),
                )
            )
            labels[name] = tuple(option["label"] for option in options)
        return cls(definitions, labels)

    @classmethod
    def default(cls) -> "PropertyDefinitions":
        """The shipped file: HubSpot's standard line item properties and one custom unique one."""
        return _default()

    @classmethod
    def load(cls, path: Path | None) -> "PropertyDefinitions":
        """A portal's export when a file is given, else the shipped definitions."""
        return cls.from_file(path) if path is not None else cls.default()

    # ---- questions --------------------------------------------------------------------------

    def get(self, name: str) -> PropertyDefinition | None:
        return self._by_name.get(name)

    def unique_names(self) -> list[str]:
        return [d.name for d in self._by_name.values() if d.has_unique_value]

    def unenforced_rules(self) -> list[str]:
        """`<property>: <ruleType>` for each of the portal's rules the stand-in does not enforce
        (date, e-mail, URL and the like: kept, and said at start)."""
        return [
            f"{d.name}: {rule.rule_type}"
            for d in self._by_name.values()
            for rule in d.rules
            if rule.rule_type not in ENFORCED
        ]

    def writable(self) -> list[PropertyDefinition]:
        return [d for d in self._by_name.values() if d.writable]

    def __iter__(self) -> Iterator[PropertyDefinition]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    # ---- checks -----------------------------------------------------------------------------

    def value_problems(self, name: str, value: str) -> list[PropertyProblem]:
        """Why value may not be written to the property name; empty when it may."""
        definition = self._by_name.get(name)
        if definition is None:
            # https://developers.hubspot.com/docs/api-reference/error-handling: no period, and
            # no propertyValue in the documented example, so value stays None.
            return [
                PropertyProblem(
                    name, PROPERTY_DOESNT_EXIST, f'Property "{name}" does not exist', None
                )
            ]
        found = self._problem(definition, value)
        return [] if found is None else [PropertyProblem(name, found[0], found[1], value)]

    def check(self, properties: Mapping[str, str]) -> list[PropertyProblem]:
        """Every problem of a property map, in the map's order."""
        return [p for name, value in properties.items() for p in self.value_problems(name, value)]

    def _problem(self, definition: PropertyDefinition, value: str) -> tuple[str, str] | None:
        if not definition.writable:
            # "Read-only and non-existent properties will result in an error." (PATCH in the
            # line items OpenAPI spec, PublicApiSpecs/CRM/Line Items/Rollouts/424/v3/lineItems.json
            # in https://github.com/HubSpot/HubSpot-public-api-spec-collection); an empty value
            # is refused too (the sources are silent: the stricter choice).
            return values.read_only_problem(definition.name, definition.calculated)
        if value == "":
            # "Properties values can be cleared by passing an empty string." (the same spec;
            # also https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide);
            # whether a MIN_LENGTH rule refuses clearing is not documented: it does not here
            return None
        kind = definition.type
        if kind in NON_STRING and (edge := values.whitespace_problem(value)):
            return edge
        if kind == "number":
            found = values.number_problem(value)
        elif kind == "enumeration":
            multiple = definition.field_type == "checkbox"
            labels = self._labels.get(definition.name, definition.options)
            found = values.option_problem(value, definition.options, labels, multiple)
        elif kind == "bool":
            # Only the strings true/false (https://github.com/HubSpot/hubspot-api-nodejs/issues/21);
            # a bad value is INVALID_OPTION as for enumeration+booleancheckbox
            # (https://github.com/verbb/formie/issues/472). Whether a bool-typed property answers
            # the same is not documented (inferred).
            found = values.option_problem(value, ("true", "false"), ("Yes", "No"), False)
        elif kind == "date":
            found = values.date_problem(value)
        elif kind == "datetime":
            found = values.datetime_problem(value)
        else:
            found = None  # string, phone_number and the internal text types take any text
        found = found or values.line_item_problem(definition.name, value)
        # a portal's rules, once the value fits its type (INVALID_ALPHA is HubSpot's answer
        # to a rule; which comes first when both fail is not documented)
        for rule in definition.rules if found is None else ():
            found = found or rule.problem(value)
        return found


@cache
def _default() -> PropertyDefinitions:
    return PropertyDefinitions.from_file(DEFAULT_FILE)
