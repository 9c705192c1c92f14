"""Hand-written tooling around the generated HubSpot CRM client: spec handling, generation."""
