"""The map from the ledger to the contract suite's checks (checks.yaml): for each behaviour, the
checks that hold a server to it, or why none can. Read, judged and rendered here; which checks
exist and what each holds is the suite's to say (contract_tests.checks.registry), so the
judgement takes both as arguments.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hubspot_toolkit.evidence import behaviours

CHECKS_MAP = Path(__file__).with_name("checks.yaml")


@dataclass(frozen=True)
class Mapping:
    """One behaviour's place in the suite: its checks, or the reason (and why) it has none."""

    behaviour: str
    checks: tuple[str, ...] = ()
    reason: str | None = None
    why: str | None = None


@cache
def _document() -> dict[str, Any]:
    import yaml  # the [spec] extra, as for the ledger

    document: dict[str, Any] = yaml.safe_load(CHECKS_MAP.read_text(encoding="utf-8"))
    return document


def reasons() -> dict[str, str]:
    """The closed list of reasons a behaviour may go unchecked, each with what it means."""
    return dict(_document()["reasons"])


def mappings() -> tuple[Mapping, ...]:
    """The map's entries, in its order."""
    return tuple(
        Mapping(
            behaviour=str(behaviour),
            checks=tuple(entry.get("checks") or ()),
            reason=entry.get("unchecked"),
            why=entry.get("why"),
        )
        for behaviour, entry in (_document()["map"] or {}).items()
    )


def problems(
    ledger_ids: Iterable[str],
    checks: Iterable[str],
    holds: Callable[[str, str], bool],
    entries: Iterable[Mapping] | None = None,
) -> list[str]:
    """What is wrong with the map against the ledger's ids, the names of the checks the suite
    runs, and holds(check, behaviour): an entry with neither checks nor a listed reason and a
    sentence, or with both; a check that does not exist or does not hold the behaviour; a
    behaviour of the ledger the map leaves out, or one it names that the ledger has not.
    entries: the map to judge, checks.yaml's by default."""
    known, runs = list(ledger_ids), set(checks)
    judged = tuple(mappings() if entries is None else entries)
    found = []
    mapped = [m.behaviour for m in judged]
    found += [f"{b}: in the ledger but not in checks.yaml" for b in known if b not in mapped]
    found += [f"{b}: in checks.yaml but not in the ledger" for b in mapped if b not in known]
    for entry in judged:
        where = entry.behaviour
        if entry.checks and entry.reason:
            found.append(f"{where}: both checks and a reason to have none")
        elif not entry.checks and entry.reason not in reasons():
            found.append(f"{where}: no check, and no reason from the list ({entry.reason!r})")
        elif entry.reason and not (entry.why or "").strip():
            found.append(f"{where}: unchecked ({entry.reason}) without a sentence saying why")
        for check in entry.checks:
            if check not in runs:
                found.append(f"{where}: no check {check!r} is registered in contract_tests")
            elif not holds(check, where):
                found.append(f"{where}: {check} does not hold it (it does not cite {where})")
    return found


def docs_table() -> str:
    """docs/contract-suite.md's checks-map section: one row per behaviour, in the ledger's
    order, with its checks or why it has none."""
    by_id = {m.behaviour: m for m in mappings()}
    lines = ["| behaviour | grade | held by | or why not |", "|---|---|---|---|"]
    for entry in behaviours():
        mapping = by_id.get(entry["id"], Mapping(entry["id"]))
        held = ", ".join(f"`{c}`" for c in mapping.checks)
        why = f"{mapping.reason}: {' '.join(str(mapping.why).split())}" if mapping.reason else ""
        lines.append(f"| `{entry['id']}` | {entry['grade']} | {held} | {why} |")
    return "\n".join(lines) + "\n"
