"""Read line-item rows from JSONL or CSV, each with the line it starts on; every malformed row
is reported, with its line number, before anything is sent.

Values become HubSpot property text: JSON numbers keep their exact text (1.10 stays "1.10"),
booleans become "true"/"false", and JSON null or an empty CSV cell means "not given" and is
left out (so it cannot clear a value by accident; send "" in JSONL for that).
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def file_format(path: Path, given: str | None) -> str:
    if given is not None:
        return given
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnreadableFileError(
            f"{path}: cannot tell the format from {path.suffix or 'no extension'!r} "
            f"(known: {known}); say --format jsonl or --format csv"
        ) from None


def read_rows(path: Path, fmt: str) -> ReadResult:
    try:
        # Bytes, not read_text(): newlines inside quoted CSV fields must stay as they are.
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UnreadableFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadableFileError(f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UnreadableFileError(f"{path}: {exc.strerror}") from None
    return _read_jsonl(text) if fmt == "jsonl" else _read_csv(text)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _read_jsonl(text: str) -> ReadResult:
    result = ReadResult([], [], [])
    seen: dict[str, None] = {}
    # Only \n ends a line: str.splitlines() would also split at U+2028, valid inside JSON text.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line, parse_float=str, parse_int=str, parse_constant=_reject_constant)
        except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            result.problems.append(RowProblem(number, f"not JSON: {reason}"))
            continue
        if not isinstance(data, dict):
            result.problems.append(RowProblem(number, "not a JSON object of properties"))
            continue
        properties: dict[str, str] = {}
        for name, value in data.items():
            if name == ERROR_COLUMN or value is None:
                continue
            if isinstance(value, bool):
                value = "true" if value else "false"
            if not isinstance(value, str):
                kind = "an object" if isinstance(value, dict) else "a list"
                result.problems.append(RowProblem(number, f"{name!r} is {kind}, not a value"))
                continue
            properties[name] = value
            seen.setdefault(name)
        result.rows.append(LineItemRow(number, properties))
    result.columns = list(seen)
    return result


def _records(text: str) -> Iterator[tuple[int, list[str] | RowProblem]]:
    """CSV records with the line each starts on (a quoted field may span lines). A record that
    breaks CSV syntax comes as a RowProblem, and reading resumes on the line after the error,
    so that one stray quote does not hide the problems of every row below it."""
    lines = io.StringIO(text, newline="").readlines()
    done = 0  # lines consumed by the readers before this one
    while done < len(lines):
        reader = csv.reader(iter(lines[done:]), strict=True)
        start = done + 1
        try:
            for record in reader:
                yield start, record
                start = done + reader.line_num + 1
            return
        except csv.Error as exc:
            yield start, RowProblem(start, f"not valid CSV: {exc}")
            done += max(reader.line_num, 1)


def _read_csv(text: str) -> ReadResult:
    result = ReadResult([], [], [])
    records = _records(text)
    header_line, header = next(records, (1, []))
    if isinstance(header, RowProblem):
        return ReadResult([], [header], [])
    if not any(header):
        return ReadResult([], [RowProblem(header_line, "no header row of property names")], [])
    blank = [i + 1 for i, name in enumerate(header) if not name.strip()]
    repeated = sorted({n for n in header if header.count(n) > 1})
    if blank or repeated:
        message = f"header has blank column(s) {blank}" if blank else ""
        message += f"{'; ' if blank else ''}repeated column(s) {repeated}" if repeated else ""
        return ReadResult([], [RowProblem(header_line, message)], [])
    result.columns = [name for name in header if name != ERROR_COLUMN]
    for number, record in records:
        if isinstance(record, RowProblem):
            result.problems.append(record)
            continue
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            result.problems.append(
                RowProblem(number, f"{len(record)} fields where the header has {len(header)}")
            )
            continue
        properties = {
            name: cell
            for name, cell in zip(header, record, strict=True)
            if cell != "" and name != ERROR_COLUMN
        }
        result.rows.append(LineItemRow(number, properties))
    return result
