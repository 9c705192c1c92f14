"""The reference server: a spec-faithful, stateful stand-in for HubSpot's two endpoints."""
