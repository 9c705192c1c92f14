"""What HubSpot would refuse in a file of line items, row by row, without a token and without
sending anything.

The same first pass as a real run (malformed rows and repeated keys, all of them, by line),
then every row's properties against the portal's definitions: names that do not exist, values
that do not fit their type or options, read-only properties (hubspot_toolkit.properties holds
the rules and their sources). Memory stays flat: rows are checked as they are read.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hubspot_toolkit.client.bulk.files.checking_pass import check_keys, keyed_rows
from hubspot_toolkit.client.bulk.files.readers import RowSource, file_format
from hubspot_toolkit.client.bulk.rows import LineItemRow
from hubspot_toolkit.properties import PropertyDefinitions, PropertyProblem


@dataclass(frozen=True)
class RefusedRow:
    line: int
    problems: list[PropertyProblem]


@dataclass
class PropertyCheck:
    rows: int  # rows in the file, every one well-formed with a key of its own
    refused: Iterator[RefusedRow]  # read from the file as it is iterated


def check_line_items_file(
    path: Path | str,
    id_property: str,
    definitions: PropertyDefinitions,
    *,
    format: str | None = None,
) -> PropertyCheck:
    """The rows of a JSONL or CSV file that `definitions` (a portal's line item properties)
    would refuse. Raises InvalidRowsError first, naming every malformed row and repeated key."""
    source = RowSource(Path(path), file_format(Path(path), format))
    rows = check_keys(keyed_rows(source, id_property), id_property)
    return PropertyCheck(rows, _refused(source, definitions))


def _refused(source: RowSource, definitions: PropertyDefinitions) -> Iterator[RefusedRow]:
    for row in source:
        if not isinstance(row, LineItemRow):
            continue  # malformed rows stopped the first pass already
        problems = definitions.check(row.properties)
        if problems:
            yield RefusedRow(row.line, problems)
