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

    def __init__(self, problems: list[RowProblem], total: int | None = None) -> None:
        """`total`: how many there are, when `problems` holds only the first of very many."""
        self.problems = problems
        total = len(problems) if total is None else total
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {total - 20} more" if total > 20 else ""
        super().__init__(f"{total} row(s) cannot be sent:\n{shown}{more}")


def check_rows(rows: Iterable[LineItemRow], id_property: str) -> list[LineItemRow]:
    """The rows, once each has a non-empty string key, string values only, and no key repeats
    (two inputs with one key in a batch are refused, and across batches the later would
    silently win). Raises InvalidRowsError naming every bad row."""
    problems: list[RowProblem] = []
    first_line_of: dict[str, int] = {}
    checked: list[LineItemRow] = []
    for row in rows:
        own = row_problems(row, id_property)
        problems.extend(own)
        key = row.properties.get(id_property)
        if not isinstance(key, str) or not key:
            continue
        if key in first_line_of:
            problems.append(repeated_key(row.line, id_property, key, first_line_of[key]))
            continue
        first_line_of[key] = row.line
        if not own:
            checked.append(row)
    if problems:
        raise InvalidRowsError(problems)
    return checked


def row_problems(row: LineItemRow, id_property: str) -> list[RowProblem]:
    """What is wrong with one row on its own (a repeated key needs the other rows)."""
    problems: list[RowProblem] = []
    key = row.properties.get(id_property)
    bad_values = [name for name, value in row.properties.items() if not isinstance(value, str)]
    if bad_values:
        problems.append(RowProblem(row.line, f"values must be text: {', '.join(bad_values)}"))
    elif not encodable(row.properties):
        problems.append(RowProblem(row.line, "text that is not valid Unicode (a lone surrogate)"))
    if not isinstance(key, str) or not key:
        problems.append(RowProblem(row.line, f"no value for the key property {id_property!r}"))
    return problems


def repeated_key(line: int, id_property: str, key: str, first_line: int) -> RowProblem:
    return RowProblem(line, f"{id_property}={key!r} repeats line {first_line}")


def encodable(properties: Mapping[str, str]) -> bool:
    """JSON allows escapes such as "\\ud800" that no UTF-8 request body can carry."""
    try:
        "".join(properties).encode("utf-8")
        "".join(properties.values()).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
