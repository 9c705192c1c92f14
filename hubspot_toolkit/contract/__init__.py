"""The server half of the contract suite: schemathesis and HubSpot semantics against a target."""
