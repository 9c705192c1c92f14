"""Orderings of timestamps, kept beside the placeholders that hide their values.

Within an answer: requestedAt ≤ startedAt ≤ completedAt, and each result's createdAt ≤
updatedAt. Across answers: a record's updatedAt never goes back. Each relation is named by the
exchange and the record's placeholder, and recorded as holding or not; "not before" rather than
"after", since equal milliseconds are timing, not behaviour.
"""

from datetime import datetime
from typing import Any

ENVELOPE = (("requestedAt", "startedAt"), ("startedAt", "completedAt"))


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
                holds = not_before(result["updatedAt"], value)
                self.found[f"{exchange}: {record}.updatedAt not before {before}"] = holds
            self._updated[record] = (exchange, result["updatedAt"])
