"""Line-item rows checked before anything is sent: every problem found, each with its row."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hubspot_toolkit.errors import HubSpotToolkitError


@dataclass(frozen=True)
class LineItemRow:
    """One line item to upsert: its properties (the key property included) and where it came
    from (`line` is a line number in a file, or the position in a list)."""

    line: int
    properties: Mapping[str, str]


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class InvalidRowsError(HubSpotToolkitError, ValueError):
    """Rows that cannot be sent; nothing was sent. `problems` lists every one found."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} row(s) cannot be sent:\n{shown}{more}")


def check_rows(rows: Iterable[LineItemRow], id_property: str) -> list[LineItemRow]:
    """The rows, once each has a non-empty string key, string values only, and no key repeats
    (two inputs with one key in a batch are refused, and across batches the later would
    silently win). Raises InvalidRowsError naming every bad row."""
    problems: list[RowProblem] = []
    first_line_of: dict[str, int] = {}
    checked: list[LineItemRow] = []
    for row in rows:
        key = row.properties.get(id_property)
        bad_values = [name for name, value in row.properties.items() if not isinstance(value, str)]
        if bad_values:
            problems.append(RowProblem(row.line, f"values must be text: {', '.join(bad_values)}"))
        elif not _encodable(row.properties):
            problems.append(
                RowProblem(row.line, "text that is not valid Unicode (a lone surrogate)")
            )
        if not isinstance(key, str) or not key:
            problems.append(RowProblem(row.line, f"no value for the key property {id_property!r}"))
            continue
        if key in first_line_of:
            problems.append(
                RowProblem(row.line, f"{id_property}={key!r} repeats line {first_line_of[key]}")
            )
            continue
        first_line_of[key] = row.line
        checked.append(row)
    if problems:
        raise InvalidRowsError(problems)
    return checked


def _encodable(properties: Mapping[str, str]) -> bool:
    """JSON allows escapes such as "\\ud800" that no UTF-8 request body can carry."""
    try:
        for name, value in properties.items():
            name.encode("utf-8")
            value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
