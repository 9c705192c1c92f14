"""Read line-item rows from JSONL or CSV, each with the line it starts on; every malformed row
is reported, with its line number, before anything is sent.

Values become HubSpot property text: JSON numbers keep their exact text (1.10 stays "1.10"),
booleans become "true"/"false", and JSON null or an empty CSV cell means "not given" and is
left out (so it cannot clear a value by accident; send "" in JSONL for that).
"""

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from hubspot_toolkit.client.bulk import LineItemRow, RowProblem
from hubspot_toolkit.errors import HubSpotToolkitError

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
# The failed-rows file adds this column. HubSpot property names start with a letter, so it
# can never be a real property; readers drop it, and the file can be fed back in.
ERROR_COLUMN = "_error"


class UnreadableFileError(HubSpotToolkitError):
    """The file as a whole cannot be read (missing, not UTF-8, unknown format)."""


@dataclass
class ReadResult:
    rows: list[LineItemRow]
    problems: list[RowProblem]
    columns: list[str]  # CSV header, or every key seen in JSONL, in first-seen order


def file_format(path: Path, given: str | None, hint: str = "pass format='jsonl' or 'csv'") -> str:
    """`given`, else the format the file's extension names; `hint` says how to give one."""
    if given is not None:
        if given not in FORMATS.values():
            raise UnreadableFileError(f"{path}: format {given!r}: give jsonl or csv")
        return given
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnreadableFileError(
            f"{path}: cannot tell the format from {path.suffix or 'no extension'!r} "
            f"(known: {known}); {hint}"
        ) from None


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Around reading a file: an OSError becomes one line naming it (UnreadableFileError)."""
    try:
        yield
    except FileNotFoundError:
        raise UnreadableFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadableFileError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise UnreadableFileError(f"{path}: {exc.strerror}") from None


def read_rows(path: Path, fmt: str) -> ReadResult:
    """Every row and problem of a file at once (for small files and tests; file jobs stream)."""
    source = RowSource(path, fmt)
    result = ReadResult([], [], [])
    seen: dict[str, None] = {}
    for item in source:
        if isinstance(item, RowProblem):
            result.problems.append(item)
        else:
            result.rows.append(item)
            seen.update(dict.fromkeys(item.properties))
    result.columns = source.columns if fmt == "csv" else list(seen)
    return result


class RowSource:
    """The rows and problems of a file, in file order, read as they are iterated: memory does
    not grow with the file. Iterate again to read it again. `columns` is the CSV header once
    iteration has begun. UnreadableFileError when the file as a whole cannot be read."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.fmt = fmt
        self.columns: list[str] = []

    def __iter__(self) -> Iterator[LineItemRow | RowProblem]:
        # JSONL: only \n ends a line (U+2028 is valid inside JSON text, and \r before \n is
        # whitespace). CSV: newline="" keeps newlines inside quoted fields as they are.
        newline = "\n" if self.fmt == "jsonl" else ""
        with reading(self.path), self.path.open(encoding="utf-8-sig", newline=newline) as handle:
            if self.fmt == "jsonl":
                yield from _jsonl(handle, self.path)
            else:
                yield from self._csv(_Lines(handle, self.path))

    def _csv(self, lines: "_Lines") -> Iterator[LineItemRow | RowProblem]:
        records = _records(lines)
        header_line, header = next(records, (1, []))
        if isinstance(header, RowProblem):
            yield header
            return
        if not any(header):
            yield RowProblem(header_line, "no header row of property names")
            return
        blank = [i + 1 for i, name in enumerate(header) if not name.strip()]
        repeated = sorted({n for n in header if header.count(n) > 1})
        if blank or repeated:
            message = f"header has blank column(s) {blank}" if blank else ""
            message += f"{'; ' if blank else ''}repeated column(s) {repeated}" if repeated else ""
            yield RowProblem(header_line, message)
            return
        self.columns = [name for name in header if name != ERROR_COLUMN]
        for number, record in records:
            if isinstance(record, RowProblem):
                yield record
                continue
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                yield RowProblem(number, f"{len(record)} fields where the header has {len(header)}")
                continue
            properties = {
                name: cell
                for name, cell in zip(header, record, strict=True)
                if cell != "" and name != ERROR_COLUMN
            }
            yield LineItemRow(number, properties)


class IdSource:
    """The ids of a file, one per line (blank lines skipped), each with its line, read as they
    are iterated; a line that is not one id is a RowProblem."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[tuple[int, str] | RowProblem]:
        with reading(self.path), self.path.open(encoding="utf-8-sig", newline="\n") as handle:
            for number, line in enumerate(_Lines(handle, self.path), start=1):
                text = line.strip()
                if not text:
                    continue
                if len(text.split()) > 1 or "," in text:
                    yield RowProblem(number, f"not one id: {text[:40]!r}")
                    continue
                yield number, text


class _Lines:
    """The lines of an open text file, counted; a decoding error becomes one clear line."""

    def __init__(self, handle: TextIO, path: Path) -> None:
        self._handle = handle
        self._path = path
        self.count = 0

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        try:
            line = next(self._handle)
        except UnicodeDecodeError:
            raise UnreadableFileError(
                f"{self._path}: not UTF-8 text ({_where(self.count)})"
            ) from None
        self.count += 1
        return line


def _where(lines_read: int) -> str:
    return f"after line {lines_read}" if lines_read else "on line 1"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# One decoder for every line: json.loads with options would build a new one per line.
_DECODER = json.JSONDecoder(parse_float=str, parse_int=str, parse_constant=_reject_constant)


def _jsonl(handle: TextIO, path: Path) -> Iterator[LineItemRow | RowProblem]:
    number = 0
    try:
        # Counted here, not by _Lines: a wrapper around every line costs a second a million.
        for number, line in enumerate(handle, start=1):
            parsed = _json_line(number, line)
            if isinstance(parsed, LineItemRow):
                yield parsed
            elif parsed:
                yield from parsed
    except UnicodeDecodeError:
        raise UnreadableFileError(f"{path}: not UTF-8 text ({_where(number)})") from None


def _json_line(number: int, line: str) -> LineItemRow | list[RowProblem] | None:
    """The row on one line, what is wrong with it, or None for a blank line."""
    if not line.strip():
        return None
    try:
        data = _DECODER.decode(line)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return [RowProblem(number, f"not JSON: {reason}")]
    if not isinstance(data, dict):
        return [RowProblem(number, "not a JSON object of properties")]
    if ERROR_COLUMN not in data and all(type(value) is str for value in data.values()):
        return LineItemRow(number, data)  # the usual row, taken as it is
    properties: dict[str, str] = {}
    problems: list[RowProblem] = []
    for name, value in data.items():
        if name == ERROR_COLUMN or value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, str):
            kind = "an object" if isinstance(value, dict) else "a list"
            problems.append(RowProblem(number, f"{name!r} is {kind}, not a value"))
            continue
        properties[name] = value
    return problems or LineItemRow(number, properties)


def _records(lines: _Lines) -> Iterator[tuple[int, list[str] | RowProblem]]:
    """CSV records with the line each starts on (a quoted field may span lines). A record that
    breaks CSV syntax comes as a RowProblem, and reading resumes on the line after the error,
    so that one stray quote does not hide the problems of every row below it."""
    while True:
        reader = csv.reader(lines, strict=True)
        start = lines.count + 1
        try:
            for record in reader:
                yield start, record
                start = lines.count + 1
            return
        except csv.Error as exc:
            yield start, RowProblem(start, f"not valid CSV: {exc}")
            if reader.line_num == 0 and next(lines, None) is None:
                return
