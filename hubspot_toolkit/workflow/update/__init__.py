"""Import a HubSpot-published spec into spec/: keep our operation, repair it, merge it."""
