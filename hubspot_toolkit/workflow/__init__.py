"""The spec workflow: generate the client (codegen), import HubSpot's spec (update), and
classify changes between spec versions (diff)."""
