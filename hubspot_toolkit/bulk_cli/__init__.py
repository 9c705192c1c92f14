"""`hubspot-bulk`: bulk operations from the command line (see main.py)."""
