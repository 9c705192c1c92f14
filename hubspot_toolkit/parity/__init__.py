"""Parity with a portal: record HubSpot's answers to a fixed scenario, hold the stand-in (or any
server) to the recording, and see what HubSpot answers differently since.

- scenario: the exchanges, for both operations in every version spec/ holds;
- normalise: ids, timestamps, correlation ids and cursors as placeholders numbered by first sight;
- record: run the scenario against a target and write one deterministic recording;
- compare: every divergence between two recordings, by exchange and JSON path;
- stand_in: the in-process stand-in, arranged from what a recording shows;
- evidence: a recording's exchanges as captured sources for the ledger.
"""
