"""What `--help` tells a user before they run anything: each subcommand names the environment
variables it reads, and the bulk options' examples and defaults are the real ones."""

import argparse
import re
from pathlib import Path

import pytest

from hubspot_toolkit.cli.main import parser
from hubspot_toolkit.client.bulk.files.failed_rows import default_path
from hubspot_toolkit.properties import PropertyDefinitions


def subcommands(top: argparse.ArgumentParser, prefix: str = "") -> dict[str, str]:
    """Every (nested) subcommand's --help text, by its name ("bulk upsert-line-items")."""
    found: dict[str, str] = {}
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    found |= subcommands(sub, f"{prefix}{name} ")
                else:
                    found[f"{prefix}{name}"] = sub.format_help()
    return found


HELP = subcommands(parser())
# What each command reads (a variable the code reads and the help omits is the bug).
READS = {
    "serve": ["HUBSPOT_SPEC_DIR", "HUBSPOT_SERVER_PORT", "HUBSPOT_SERVER_ASSOCIATIONS"],
    "contract": [
        "HUBSPOT_BASE_URL",
        "HUBSPOT_ACCESS_TOKEN",
        "HUBSPOT_LIMITED_TOKEN",
        "HUBSPOT_CONTRACT_SEED",
        "HUBSPOT_CONTRACT_VERBOSE",
        "HUBSPOT_SPEC_DIR",
    ],
    "bulk upsert-line-items": ["HUBSPOT_ACCESS_TOKEN", "HUBSPOT_ALLOW_INSECURE_HTTP"],
    "bulk read-associations": ["HUBSPOT_ACCESS_TOKEN", "HUBSPOT_ALLOW_INSECURE_HTTP"],
    "generate": ["HUBSPOT_SPEC_DIR"],
    "spec-diff": ["HUBSPOT_SPEC_DIR"],
}


@pytest.mark.parametrize("command", sorted(HELP))
def test_every_subcommands_help_names_the_variables_it_reads(command: str) -> None:
    text = HELP[command]
    assert "environment variables read:" in text, text
    for variable in READS.get(command, []):
        assert variable in text, f"{command} --help does not name {variable}"


def test_the_id_property_example_is_one_the_shipped_definitions_accept() -> None:
    text = " ".join(HELP["bulk upsert-line-items"].split())
    example = re.search(r"--id-property NAME .*?e\.g\. (\w+)", text)
    assert example, text
    key = PropertyDefinitions.load(None).get(example.group(1))
    assert key is not None and key.has_unique_value  # not hs_sku (issue 24)


def test_the_failed_file_help_names_the_file_the_job_writes() -> None:
    text = " ".join(HELP["bulk upsert-line-items"].split())
    assert default_path(Path("rows.csv"), "csv").name in text
