"""The contract checks: schemathesis hooks (hooks.py), HubSpot semantics (semantics.py) and
request shaping (shaping.py)."""
