"""A recording as evidence: for each ledger entry its exchanges bear on, a source graded
captured whose url is the recording, naming the portal only by its hash, and the date.

Only a recording of a portal counts: a recording of a server on this machine is the stand-in
or a fake, evidence of nothing HubSpot does.
"""

from typing import Any

from hubspot_toolkit.parity.record import ParityError


def _what(exchange: dict[str, Any]) -> str:
    response = exchange["response"]
    body = response["body"]
    parts = [f"{exchange['request']['path']} -> HTTP {response['status']}"]
    entry = body
    if response["status"] == 207 and isinstance(body, dict) and body.get("errors"):
        entry = body["errors"][0]
    if isinstance(entry, dict):
        for name in ("category", "subCategory", "message"):
            if isinstance(entry.get(name), str):
                parts.append(f"{name} {entry[name]!r}")
    return "; ".join(parts)


def ledger_sources(recording: dict[str, Any], where: str) -> dict[str, list[dict[str, Any]]]:
    """ledger id -> the sources to add to it (url: where, the recording's name or address)."""
    target = recording.get("target") or {}
    if target.get("loopback", True):
        raise ParityError(
            f"{where}: recorded on this machine (a stand-in or a fake), not on a portal; "
            "only a portal's recording is evidence"
        )
    date = str(recording["recorded"]["at"])[:10]
    portal = target.get("portal") or "an unnamed portal"
    by_entry: dict[str, list[dict[str, Any]]] = {}
    for exchange in recording["exchanges"]:
        for ledger_id in exchange.get("ledger", []):
            by_entry.setdefault(ledger_id, []).append(
                {
                    "url": f"recording:{where}#{exchange['name']}",
                    "grade": "captured",
                    "shows": f"Recorded {date} on portal {portal} by `hubspot-toolkit parity "
                    f"record`: {_what(exchange)}.",
                }
            )
    return dict(sorted(by_entry.items()))


def ledger_entries(recording: dict[str, Any], where: str) -> list[dict[str, Any]]:
    """The same as ledger-shaped entries: id, grade captured, sources (merged into the ledger
    by hand: the claim stays the ledger's, the recording only adds what it shows)."""
    return [
        {"id": ledger_id, "grade": "captured", "sources": sources}
        for ledger_id, sources in ledger_sources(recording, where).items()
    ]
