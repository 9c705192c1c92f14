"""Which component names an imported document may keep beside spec/'s other documents.

spec/'s documents share component names (`StandardError`, `BatchStatus`, …), and one client is
generated from all of them, so a name means one thing wherever it stands (bundle.py checks).
HubSpot, though, changes one document at a time: its v3 associations document typed
`StandardError.category` as an object in 2023 while every other document says string. An
import writes its own document only, never another (least of all another version's: a 2026-03
client must not change because HubSpot edited v3), so where the imported document's meaning of
a name differs from what another document holds under it, the imported document files its
meaning under the name with its version after it (`StandardError_v3`, as a new dated version
does with `BatchResponseSimplePublicUpsertObject_2026_09`). When the meanings agree again, the
document returns to HubSpot's name, with the text spec/ already has for it.
"""

import copy
import re
from collections.abc import Iterator
from typing import Any

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.schemas import ref_keys
from hubspot_toolkit.workflow.update.extract import refs
from hubspot_toolkit.workflow.update.merge import semantic

# Named by requirement lists, not $refs: never filed, never pruned.
UNREFERENCED_SECTIONS = ("securitySchemes",)


def suffix(version: str) -> str:
    """`_v3`, `_2026_03`: what a version's own meaning of a shared name is filed under."""
    return "_" + version.replace("-", "_")


VERSIONED = re.compile(r"^(?P<shared>.+?)_(?:v\d+|\d{4}_\d{2})$")


def shared_name(name: str) -> str:
    """The name without a version's suffix: `StandardError_v3` → `StandardError`."""
    match = VERSIONED.match(name)
    return match["shared"] if match else name


def plain(node: Any) -> Any:
    """node as plain dicts, lists and scalars (ruamel's types compare by order and style)."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, bool) or node is None:
        return node
    for kind in (str, int, float):
        if isinstance(node, kind):
            return kind(node)
    return node


def _components(document: Document) -> Iterator[tuple[str, str]]:
    for section, entries in list(document.get("components", {}).items()):
        if section in UNREFERENCED_SECTIONS or not isinstance(entries, dict):
            continue
        for name in list(entries):
            yield section, name


def reachable(document: Document, start: Any = None) -> set[tuple[str, str]]:
    """The components that start (default: the document's operations) reaches, directly or
    through other components."""
    found: set[tuple[str, str]] = set()
    pending = refs(document.get("paths", {}) if start is None else start)
    while pending:
        key = _component_key(pending.pop())
        if key is None or key in found:
            continue
        found.add(key)
        node = document.get("components", {}).get(key[0], {}).get(key[1])
        pending |= refs(node)
    return found


def rename(document: Document, section: str, old: str, new: str) -> None:
    """Rename a component and every $ref to it, keeping its place among the components."""
    entries = document["components"][section]
    position = list(entries).index(old)
    value = entries.pop(old)
    if hasattr(entries, "insert"):  # ruamel's CommentedMap: same place, same comments
        entries.insert(position, new, value)
    else:
        entries[new] = value
    _retarget(document, f"#/components/{section}/{old}", f"#/components/{section}/{new}")


def _retarget(node: Any, old: str, new: str) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref == old:
            node["$ref"] = type(ref)(new)  # keeps the quoting style of our YAML
        for value in node.values():
            _retarget(value, old, new)
    elif isinstance(node, list):
        for value in node:
            _retarget(value, old, new)


def unfile(document: Document, version: str) -> None:
    """Names this document filed under its version go back to HubSpot's names, so that an
    upstream document (which uses HubSpot's names) pairs with ours; reconcile files them again
    where they still differ."""
    end = suffix(version)
    for section, name in list(_components(document)):
        base = name[: -len(end)]
        if name.endswith(end) and base not in document["components"][section]:
            rename(document, section, name, base)


class Reconciler:
    """Make document's component names agree with every other document of spec/."""

    def __init__(self, document: Document, version: str, others: dict[str, Document]) -> None:
        self.document, self.version, self.others = document, version, others
        self.notes: list[str] = []

    def run(self, orphans: set[tuple[str, str]]) -> list[str]:
        """File, adopt and prune until every shared name means one thing; the notes.
        orphans: the components nothing reached before the import (put there by hand)."""
        while self._step():
            pass
        self._prune(orphans)
        return self.notes

    def _holder(self, section: str, name: str, node: Any) -> tuple[str, Document] | None:
        """Another document holding name with other text than node (spec/'s other documents
        agree with each other, so the first one found speaks for all)."""
        for other_name, other in self.others.items():
            held = other.get("components", {}).get(section, {}).get(name)
            if held is not None and plain(held) != plain(node):
                return other_name, other
        return None

    def _step(self) -> bool:
        """One filing, adoption or renaming; whether anything changed."""
        for section, name in _components(self.document):
            node = self.document["components"][section][name]
            holder = self._holder(section, name, node)
            if holder is None:
                continue
            other_name, other = holder
            if self._adopt(section, name, other):
                self.notes.append(
                    f"components.{section}.{name}: as {other_name} has it (same meaning)"
                )
                return True
            end = suffix(self.version)
            if name.endswith(end):
                raise SpecError(
                    other_name,
                    f"components.{section}.{name}",
                    "means something else there than in the imported document, which filed "
                    "its own meaning under that name already; rename one of them by hand",
                )
            filed = name + end
            if filed in self.document["components"][section]:
                raise SpecError(
                    other_name,
                    f"components.{section}.{name}",
                    f"means something else there, and the imported document has {filed} "
                    "already; rename one of them by hand",
                )
            rename(self.document, section, name, filed)
            self.notes.append(
                f"components.{section}.{name}: means something else in {other_name}, which "
                f"stays as it is: filed here as {filed}"
            )
            return True
        return False

    def _adopt(self, section: str, name: str, other: Document) -> bool:
        """Take other's text for name (and the components it needs) when it means what ours
        does; whether it did."""
        wanted = {(section, name)} | reachable(other, other["components"][section][name])
        ours_plain, other_plain = plain(self.document), plain(other)
        for ref_section, ref_name in wanted:
            mine = ours_plain.get("components", {}).get(ref_section, {}).get(ref_name)
            theirs = other_plain["components"][ref_section][ref_name]
            if mine is None and (ref_section, ref_name) != (section, name):
                continue
            if semantic(ours_plain, mine) != semantic(other_plain, theirs):
                return False
        for ref_section, ref_name in sorted(wanted):
            entries = self.document["components"].setdefault(ref_section, {})
            entries[ref_name] = copy.deepcopy(other["components"][ref_section][ref_name])
        return True

    def _prune(self, orphans: set[tuple[str, str]]) -> None:
        """Drop what this import left unreached: HubSpot's `ErrorCategory` once `category` is a
        string again, a 207 body HubSpot no longer answers."""
        reached = reachable(self.document)
        for section, name in list(_components(self.document)):
            if (section, name) in reached or (section, name) in orphans:
                continue
            del self.document["components"][section][name]
            self.notes.append(f"components.{section}.{name}: removed (nothing refers to it)")
        for section in [s for s, entries in self.document["components"].items() if not entries]:
            del self.document["components"][section]


def orphans(document: Document) -> set[tuple[str, str]]:
    """The components of document that its operations do not reach."""
    return set(_components(document)) - reachable(document)


def _component_key(ref: str) -> tuple[str, str] | None:
    """(section, name) of a ref to a component, `~1` and `~0` unescaped; None for any other."""
    try:
        keys = ref_keys(ref)
    except ValueError:
        return None
    return (keys[1], keys[2]) if len(keys) == 3 and keys[0] == "components" else None
