"""Every behaviour of the ledger is held by a check of the suite, or says why none can, and the
docs show that map as it is (hubspot_toolkit/evidence/checks.yaml)."""

import re
from dataclasses import replace

from contract_tests.checks.registry import holds, registered_checks
from hubspot_toolkit.evidence import behaviours
from hubspot_toolkit.evidence.checks_map import Mapping, docs_table, mappings, problems
from tests.paths import REPO

DOCS = REPO / "docs" / "contract-suite.md"


def ledger_ids() -> list[str]:
    return [entry["id"] for entry in behaviours()]


def judge(entries: list[Mapping]) -> list[str]:
    return problems(ledger_ids(), registered_checks(), holds, entries)


def test_every_behaviour_is_checked_or_says_why() -> None:
    assert problems(ledger_ids(), registered_checks(), holds) == []


def test_an_entry_with_neither_a_check_nor_a_listed_reason_fails() -> None:
    entries = list(mappings())
    entries[0] = Mapping(entries[0].behaviour)
    entries[1] = replace(entries[1], checks=(), reason="too hard", why="It is.")
    entries[2] = replace(entries[2], checks=(), reason="needs-a-clock", why=" ")
    found = judge(entries)
    assert any(p.startswith(f"{entries[0].behaviour}: no check") for p in found)
    assert any(p.startswith(f"{entries[1].behaviour}: no check") for p in found)
    assert any(p.startswith(f"{entries[2].behaviour}: unchecked") for p in found)


def test_a_check_that_does_not_exist_or_does_not_hold_the_behaviour_fails() -> None:
    entries = {m.behaviour: m for m in mappings()}
    scopes = entries["auth-403-missing-scopes"]
    entries[scopes.behaviour] = replace(scopes, checks=("hubspot_no_such_check",))
    rates = entries["rate-limit-headers"]
    entries[rates.behaviour] = replace(rates, checks=("hubspot_scopes_fit",))
    found = judge(list(entries.values()))
    assert "auth-403-missing-scopes: no check 'hubspot_no_such_check' is registered" in found[0]
    assert found[1].startswith("rate-limit-headers: hubspot_scopes_fit does not hold it")
    assert len(found) == 2


def test_a_behaviour_the_map_leaves_out_fails() -> None:
    found = judge(list(mappings())[1:])
    assert found == [f"{ledger_ids()[0]}: in the ledger but not in checks.yaml"]


def test_what_a_check_holds_is_what_it_cites() -> None:
    assert holds("hubspot_scopes_fit", "auth-403-missing-scopes")  # through the rule it calls
    assert holds("hubspot_reads_what_was_written", "no-associations-207-v3")  # a -* prefix
    assert not holds("hubspot_rate_headers", "auth-403-missing-scopes")
    assert holds("negative_data_rejection", "upsert-batch-input-limit")  # spec/'s maxItems
    assert not holds("response_schema_conformance", "upsert-moves-updated-at")
    assert "unsupported_method" not in registered_checks()  # replaced, not run


def test_the_docs_show_the_map_as_it_is() -> None:
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"<!-- checks-map:start -->\n(.*?)<!-- checks-map:end -->", text, re.S)
    assert match, f"{DOCS} has no checks-map section"
    assert match[1] == docs_table(), "run python -m hubspot_toolkit.evidence checks"
