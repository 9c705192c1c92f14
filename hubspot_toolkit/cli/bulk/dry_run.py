"""`upsert-line-items FILE --dry-run [--properties FILE]`: what HubSpot would refuse, row by row,
without a token and without sending anything.

The same first pass as a real run (malformed rows and repeated keys, all of them, by line),
then every row's properties against the portal's definitions: names that do not exist, values
that do not fit their type or options, read-only properties (hubspot_toolkit.properties holds
the rules and their sources). Memory stays flat: rows are checked as they are read.
"""

import argparse

from hubspot_toolkit.cli.bulk.check import check_keys, keyed_rows
from hubspot_toolkit.cli.bulk.readers import RowSource, file_format
from hubspot_toolkit.cli.bulk.target import UsageError
from hubspot_toolkit.client.bulk import LineItemRow
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
    fmt = file_format(args.file, args.format)
    source = RowSource(args.file, fmt)
    rows = check_keys(keyed_rows(source, args.id_property), args.id_property)
    refused = shown = 0
    for row in source:
        if not isinstance(row, LineItemRow):
            continue  # malformed rows stopped the first pass already
        problems = definitions.check(row.properties)
        if not problems:
            continue
        refused += 1
        for problem in problems:
            if shown < SHOWN:
                print(
                    f"line {row.line}: property {problem.name}: {problem.message} ({problem.code})"
                )
            shown += 1
    if shown > SHOWN:
        print(f"… and {shown - SHOWN} more")
    print(
        f"dry run: {rows} rows checked against {source_name}; {refused} would be refused; "
        "nothing was sent"
    )
    return 1 if refused else 0
