"""Orderings of timestamps, kept beside the placeholders that hide their values.

Within an answer: requestedAt ≤ startedAt ≤ completedAt, and each result's createdAt ≤
updatedAt: "not before", since equal milliseconds there are timing, not behaviour. Across
answers: a write moves a record's updatedAt past the previous answer's (ledger:
upsert-moves-updated-at), judged at the precision both carry, since two writes within one second
may share a time without a fraction (ledger: timestamps-iso-millis-z). Each relation is named by
the exchange and the record's placeholder, and recorded as holding or not.
"""

import re
from datetime import datetime
from typing import Any

ENVELOPE = (("requestedAt", "startedAt"), ("startedAt", "completedAt"))
FRACTION = re.compile(r"T[\d:]+\.\d")


def moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def not_before(later: Any, earlier: Any) -> bool:
    first, second = moment(earlier), moment(later)
    return first is not None and second is not None and first <= second


def past(later: Any, earlier: Any) -> bool:
    """later is after earlier, or equal to it where either has no fraction of a second."""
    if not not_before(later, earlier):
        return False
    precise = all(FRACTION.search(str(v)) for v in (later, earlier))
    return moment(later) != moment(earlier) or not precise


class Relations:
    """Every relation of one run, by name: holds or not."""

    def __init__(self) -> None:
        self.found: dict[str, bool] = {}
        self._updated: dict[str, tuple[str, Any]] = {}  # record placeholder -> (exchange, value)

    def observe(self, exchange: str, raw: Any, normalised: Any) -> None:
        """raw: the answer's body as sent (sorted); normalised: the same, as recorded."""
        if not isinstance(raw, dict) or not isinstance(normalised, dict):
            return
        for earlier, later in ENVELOPE:
            if isinstance(raw.get(earlier), str) and later in raw:
                holds = not_before(raw[later], raw[earlier])
                self.found[f"{exchange}: {earlier} <= {later}"] = holds
        results, shown = raw.get("results"), normalised.get("results")
        if not isinstance(results, list) or not isinstance(shown, list):
            return
        for result, seen in zip(results, shown, strict=False):
            if not isinstance(result, dict) or not isinstance(seen, dict):
                continue
            record = str(seen.get("id"))
            if "createdAt" in result and "updatedAt" in result:
                holds = not_before(result["updatedAt"], result["createdAt"])
                self.found[f"{exchange}: {record}.createdAt <= updatedAt"] = holds
            if "updatedAt" not in result:
                continue
            if record in self._updated:
                before, value = self._updated[record]
                holds = past(result["updatedAt"], value)
                self.found[f"{exchange}: {record}.updatedAt past {before}"] = holds
            self._updated[record] = (exchange, result["updatedAt"])
