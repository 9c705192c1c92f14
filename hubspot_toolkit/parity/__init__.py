"""Parity with a portal: record HubSpot's answers to a fixed scenario, hold the stand-in (or any
server) to the recording, and see what HubSpot answers differently since.

- scenario: the exchanges, for both operations in every version spec/ holds;
- normalise: ids, timestamps, correlation ids and cursors as placeholders numbered by first sight;
- relations: the orderings of the timestamps the placeholders hide;
- record: run the scenario against a target and make one deterministic recording;
- compare, check: every divergence from a recording, by exchange and JSON path;
- stand_in: the in-process stand-in, arranged from what a recording shows;
- evidence: a portal's recording as captured sources for the ledger;
- ledger_recording: the ledger's captured exchanges as a recording (recordings/ledger.json).
"""
