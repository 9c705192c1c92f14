"""`hubspot-toolkit bulk …` (alias `hubspot-bulk`): bulk jobs from JSONL or CSV files."""

from hubspot_toolkit.cli.bulk.command import main, register

__all__ = ["main", "register"]
