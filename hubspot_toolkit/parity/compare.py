"""Every divergence between a recording and a new run of its scenario, by exchange and path."""

import json
from dataclasses import dataclass
from typing import Any

from hubspot_toolkit.parity.ledger_recording import expectation_divergences

MISSING = "(absent)"


@dataclass(frozen=True)
class Divergence:
    exchange: str
    path: str  # a JSON path into the exchange's response, `$.body.results[0].new`
    recorded: Any
    now: Any
    ledger: tuple[str, ...]

    def line(self) -> str:
        ledger = f"  [ledger: {', '.join(self.ledger)}]" if self.ledger else ""
        return (
            f"{self.exchange} {self.path}: recorded {_shown(self.recorded)}, "
            f"now {_shown(self.now)}{ledger}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "exchange": self.exchange,
            "path": self.path,
            "recorded": self.recorded,
            "now": self.now,
            "ledger": list(self.ledger),
        }


def _shown(value: Any) -> str:
    text = value if value == MISSING else json.dumps(value, sort_keys=True)
    return text if len(text) <= 200 else text[:197] + "..."


def _walk(recorded: Any, now: Any, path: str) -> list[tuple[str, Any, Any]]:
    if isinstance(recorded, dict) and isinstance(now, dict):
        found = []
        for key in sorted(set(recorded) | set(now)):
            step = f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"
            found += _walk(recorded.get(key, MISSING), now.get(key, MISSING), step)
        return found
    if isinstance(recorded, list) and isinstance(now, list):
        found = []
        for n in range(max(len(recorded), len(now))):
            a = recorded[n] if n < len(recorded) else MISSING
            b = now[n] if n < len(now) else MISSING
            found += _walk(a, b, f"{path}[{n}]")
        return found
    if recorded == now and type(recorded) is type(now):
        return []
    return [(path, recorded, now)]


def compare(recorded: dict[str, Any], now: dict[str, Any]) -> list[Divergence]:
    """recorded: a recording; now: a new run of its scenario (record.run's result, or another
    recording). Exchanges by name, their responses field by field; then the relations."""
    found: list[Divergence] = []
    now_by_name = {e["name"]: e for e in now["exchanges"]}
    recorded_names = {e["name"] for e in recorded["exchanges"]}
    for exchange in recorded["exchanges"]:
        ledger = tuple(exchange.get("ledger", ()))
        other = now_by_name.get(exchange["name"])
        if other is None:
            found.append(Divergence(exchange["name"], "$", "(an exchange)", MISSING, ledger))
            continue
        if "expect" in exchange:  # the ledger's: some fields, a message pattern
            answer = now["answers"][exchange["name"]]
            for path, a, b in expectation_divergences(exchange, answer.status, answer.body):
                found.append(Divergence(exchange["name"], path, a, b, ledger))
            continue
        for path, a, b in _walk(exchange["response"], other["response"], "$"):
            found.append(Divergence(exchange["name"], path, a, b, ledger))
    for exchange in now["exchanges"]:
        if exchange["name"] not in recorded_names:
            ledger = tuple(exchange.get("ledger", ()))
            found.append(Divergence(exchange["name"], "$", MISSING, "(an exchange)", ledger))
    ledgers = {e["name"]: tuple(e.get("ledger", ())) for e in recorded["exchanges"]}
    # the ledger's exchanges hold no timestamps, so no relations between them
    expected = {e["name"] for e in recorded["exchanges"] if "expect" in e}
    relations = recorded["relations"]
    now_relations = {
        k: v for k, v in now["relations"].items() if k.split(": ", 1)[0] not in expected
    }
    for name in sorted(set(relations) | set(now_relations)):
        a, b = relations.get(name, MISSING), now_relations.get(name, MISSING)
        if a != b:
            exchange = name.split(": ", 1)[0]
            found.append(Divergence(exchange, f"relation {name}", a, b, ledgers.get(exchange, ())))
    return found


def report(divergences: list[Divergence], against: str) -> str:
    if not divergences:
        return f"parity: no divergence from the recording ({against})\n"
    lines = [d.line() for d in divergences]
    head = f"parity: {len(divergences)} divergence(s) from the recording ({against})"
    return "\n".join([head, *lines]) + "\n"
