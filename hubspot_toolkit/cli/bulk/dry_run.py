"""`upsert-line-items FILE --dry-run [--properties FILE]`: the library's check_line_items_file,
printed: what HubSpot would refuse, row by row, without a token and without sending anything."""

import argparse

from hubspot_toolkit.cli.bulk.command import input_format
from hubspot_toolkit.cli.bulk.target import UsageError
from hubspot_toolkit.client.bulk.files import check_line_items_file
from hubspot_toolkit.properties import PropertiesFileError, PropertyDefinitions

SHOWN = 50  # problems printed; the count covers them all


def dry_run_command(args: argparse.Namespace) -> int:
    try:
        definitions = PropertyDefinitions.load(args.properties)
    except PropertiesFileError as exc:
        raise UsageError(str(exc)) from None
    source_name = str(args.properties or "HubSpot's standard line item properties")
    key = definitions.get(args.id_property)
    if key is None or not key.has_unique_value:
        raise UsageError(
            f"--id-property {args.id_property}: not a unique property in {source_name}; HubSpot "
            "upserts only by a property created with hasUniqueValue: true"
        )
    check = check_line_items_file(
        args.file, args.id_property, definitions, format=input_format(args)
    )
    refused = shown = 0
    for row in check.refused:
        refused += 1
        for problem in row.problems:
            if shown < SHOWN:
                print(
                    f"line {row.line}: property {problem.name}: {problem.message} ({problem.code})"
                )
            shown += 1
    if shown > SHOWN:
        print(f"… and {shown - SHOWN} more")
    print(
        f"dry run: {check.rows} rows checked against {source_name}; {refused} would be refused; "
        "nothing was sent"
    )
    return 1 if refused else 0
