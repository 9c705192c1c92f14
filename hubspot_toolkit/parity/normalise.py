"""Answers made comparable across runs and servers, after LocalStack's snapshot transformers.

A value that differs on every run or server becomes a placeholder numbered by first sight,
`<id:1>`, the same value the same placeholder everywhere in one recording, so that "the id this
upsert returned is the one that read finds" survives. Unlike localstack-snapshot, values are
replaced by where they stand (an `id` key, an ISO timestamp) rather than by searching the whole
serialised text, so a short id never rewrites a digit inside a timestamp; a number id keeps its
type in the placeholder (`<id:1 number>`); and orderings of timestamps are kept as relations
(relations.py), since equal milliseconds are timing, not behaviour.

Unordered lists (HubSpot does not keep input order, ledger: results-order-not-input-order) are
sorted by keys read from the raw answer before any placeholder is numbered.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

ID_KEYS = frozenset({"id", "toObjectId", "fromObjectId", "hs_object_id", "objectId"})
CURSOR_KEYS = frozenset({"after", "before"})
# Creation times are identities (the same record keeps its creation time); every other
# timestamp only keeps its shape and, in relations, its order.
CREATION_KEYS = frozenset({"createdAt", "createdate"})
HUBSPOT_API = "https://api.hubapi.com"
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")
CANONICAL_TIME = "dddd-dd-ddTdd:dd:dd.dddZ"  # ledger: timestamps-iso-millis-z
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
DIGITS = re.compile(r"(?<![\w.:-])\d{3,}(?![\w:-])")
PORTAL = (
    re.compile(r"(portalId=)(\d+)"),
    re.compile(r"(portal ID )(\d+)", re.I),
    re.compile(r"(app\.hubspot\.com/contacts/)(\d+)"),
)


def shape(text: str) -> str:
    return re.sub(r"\d", "d", text)


def time_placeholder(text: str, number: int | None) -> str:
    """`<time:3>`, or `<time>` for a timestamp that is no identity; its form, when it is not
    HubSpot's (milliseconds and Z), follows."""
    name = "time" if number is None else f"time:{number}"
    form = shape(text)
    return f"<{name}>" if form == CANONICAL_TIME else f"<{name} {form}>"


@dataclass
class Normaliser:
    """One recording's placeholders: feed it every exchange in order."""

    run: str  # this run's mark, in every key it wrote: `<run>` in the recording
    base_url: str
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    portal_ids: set[str] = field(default_factory=set)

    def placeholder(self, kind: str, value: str) -> int:
        key = (kind, value)
        if key not in self.numbers:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.numbers[key] = self.counts[kind]
        return self.numbers[key]

    def known(self, kind: str, value: str) -> int | None:
        return self.numbers.get((kind, value))

    def value(self, node: Any, key: str | None = None) -> Any:
        """node, normalised; key: the name it stands under in its object."""
        if isinstance(node, dict):
            return {k: self.value(node[k], k) for k in sorted(node)}
        if isinstance(node, list):
            return [self.value(item, key) for item in node]
        if isinstance(node, bool) or node is None or isinstance(node, float):
            return node
        if isinstance(node, int):
            if key in ID_KEYS:
                return f"<id:{self.placeholder('id', str(node))} number>"
            return node
        return self.text(str(node), key)

    def text(self, text: str, key: str | None) -> str:
        text = text.replace(self.run, "<run>") if self.run else text
        if key in ID_KEYS and text.isdigit():
            return f"<id:{self.placeholder('id', text)}>"
        if key in CURSOR_KEYS and text:
            return f"<cursor:{self.placeholder('cursor', text)}>"
        if TIMESTAMP.match(text):
            number = self.placeholder("time", text) if key in CREATION_KEYS else None
            return time_placeholder(text, number)
        found = UUID.match(text)
        if found:
            return f"<uuid-v{found[1]}:{self.placeholder('uuid', text.lower())}>"
        return self.prose(text)

    def prose(self, text: str) -> str:
        """Messages and links: the ids, cursors and portal id they mention."""
        for base in filter(None, (self.base_url, HUBSPOT_API)):
            text = text.replace(base, "<base-url>")
        for pattern in PORTAL:
            for match in pattern.finditer(text):
                self.portal_ids.add(match[2])
            text = pattern.sub(r"\1<portal>", text)
        for (kind, value), number in sorted(self.numbers.items(), key=lambda i: -len(i[0][1])):
            if kind == "cursor" and len(value) > 3 and value in text:
                text = text.replace(value, f"<cursor:{number}>")

        def known_id(match: re.Match[str]) -> str:
            number = self.known("id", match[0])
            return match[0] if number is None else f"<id:{number}>"

        return DIGITS.sub(known_id, text)


def _as_int(value: Any) -> int:
    text = str(value)
    return int(text) if text.isdigit() else -1


def _input_position(inputs: list[Any], item: Any) -> int:
    """Where item (a result or an error) stands among the request's inputs: the first input
    whose id or objectWriteTraceId it names; len(inputs) when none."""
    dumped = json.dumps(item, sort_keys=True)
    for n, entry in enumerate(inputs):
        if not isinstance(entry, dict):
            continue
        for name in ("objectWriteTraceId", "id"):
            value = entry.get(name)
            if isinstance(value, str) and json.dumps(value) in dumped:
                return n
    return len(inputs)


def sort_unordered(body: Any, sent: Any) -> Any:
    """The answer with its unordered lists (results, errors, to, associationTypes) in a stable
    order read from the raw values and the request (sent), before any placeholder exists."""
    inputs = sent.get("inputs") if isinstance(sent, dict) else None
    inputs = inputs if isinstance(inputs, list) else []

    def by_input(item: Any) -> tuple[int, str]:
        return _input_position(inputs, item), json.dumps(item, sort_keys=True)

    def walk(node: Any, key: str | None) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if not isinstance(node, list):
            return node
        items = [walk(item, None) for item in node]
        if key in ("results", "errors"):
            return sorted(items, key=by_input)
        if key == "to":
            return sorted(
                items,
                key=lambda t: (
                    _as_int(t.get("toObjectId", t.get("id"))) if isinstance(t, dict) else -1,
                    json.dumps(t, sort_keys=True),
                ),
            )
        if key == "associationTypes":
            return sorted(items, key=lambda t: json.dumps(t, sort_keys=True))
        return items

    return walk(body, None)
