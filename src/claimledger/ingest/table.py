"""CSV and JSON-lines corpora: one article per row, fields found through a column mapping."""

from __future__ import annotations

import csv
import email.utils
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from claimledger.ingest.base import (
    COLUMN_FIELDS,
    DEFAULT_COLUMNS,
    RawInput,
    ReadError,
    ReadOptions,
    ReadResult,
    clean_field,
    decode_text,
    option_date,
    parse_iso_date,
)
from claimledger.model import Article, PublishedSource, normalize_text


def column_mapping(columns: Mapping[str, str], item: str) -> dict[str, str]:
    """The mapping checked: known logical fields only, and a column for the text."""
    unknown = sorted(set(columns) - set(COLUMN_FIELDS))
    if unknown:
        raise ReadError(
            item,
            f"unknown column field(s) {', '.join(unknown)}; allowed: {', '.join(COLUMN_FIELDS)}",
        )
    if not columns.get("text"):
        raise ReadError(item, "no column is mapped to the article text ('text')")
    return {name: column for name, column in columns.items() if column}


def required_columns(mapping: Mapping[str, str]) -> list[str]:
    """Columns a table must have: the text, and every column named other than by default.

    A default column (say ``link``) may be absent: the field is then empty. A column the user
    named explicitly must exist, so that a typo fails instead of silently reading nothing.
    """
    return [
        column
        for name, column in mapping.items()
        if name == "text" or DEFAULT_COLUMNS.get(name) != column
    ]


def read_csv(raw: RawInput, options: ReadOptions) -> ReadResult:
    """Rows of a CSV file with a header row; a missing column is a ReadError."""
    mapping = column_mapping(options.columns, raw.item)
    fallback = option_date(options, raw.item)
    text = decode_text(raw)
    # Press-release bodies are long; the limit only guards against runaway quoting.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [name for name in (reader.fieldnames or []) if name]
    except csv.Error as error:
        raise ReadError(raw.item, f"not valid CSV in the header row: {error}") from None
    if not header:
        raise ReadError(raw.item, "no header row")
    _check_columns(raw.item, mapping, header)
    result = ReadResult()
    rows = enumerate(reader, start=1)
    while True:
        try:
            number, row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            reason = f"not valid CSV at line {reader.line_num}: {error}; the rest is skipped"
            result.problems.append(ReadError(raw.item, reason))
            break
        _add_row(result, f"{raw.item}#row={number}", row, mapping, fallback)
    return result


def read_jsonl(raw: RawInput, options: ReadOptions) -> ReadResult:
    """One JSON object per line; the first object must hold the required keys."""
    mapping = column_mapping(options.columns, raw.item)
    fallback = option_date(options, raw.item)
    text = decode_text(raw)
    result = ReadResult()
    first = True
    for number, line in _numbered_lines(text):
        origin = f"{raw.item}#row={number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            result.problems.append(ReadError(origin, f"not JSON ({error}); skipped"))
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__
            result.problems.append(ReadError(origin, f"a JSON {kind}, not an object; skipped"))
            continue
        if first:
            _check_columns(raw.item, mapping, list(record))
            first = False
        _add_row(result, origin, record, mapping, fallback)
    if first:
        example = f"; e.g. {result.problems[0]}" if result.problems else ""
        raise ReadError(raw.item, f"no JSON object on any line{example}")
    return result


def row_date(value: str) -> str:
    """A date cell as ISO: ISO 8601 or an RFC 822 date as in feeds and mail exports."""
    try:
        return parse_iso_date(value)
    except ValueError:
        try:
            return email.utils.parsedate_to_datetime(value).isoformat()
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"not an ISO date: {value!r}") from None


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    # split on "\n" only: str.splitlines also breaks at U+2028 and other separators that
    # json.dumps(ensure_ascii=False) leaves inside a string
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def _check_columns(item: str, mapping: Mapping[str, str], present: list[str]) -> None:
    missing = [column for column in required_columns(mapping) if column not in present]
    if missing:
        raise ReadError(
            item,
            f"missing column(s) {', '.join(map(repr, missing))};"
            f" the columns are {', '.join(map(repr, present))}",
        )


def _add_row(
    result: ReadResult,
    origin: str,
    row: Mapping[str, Any],
    mapping: Mapping[str, str],
    fallback: str | None,
) -> None:
    """One article from a row; `fallback` (--date) dates rows that state no date."""

    def cell(name: str) -> str | None:
        value = row.get(mapping[name]) if name in mapping else None
        return None if value is None else str(value)

    text = normalize_text(cell("text") or "")
    if not text:
        result.problems.append(ReadError(origin, f"empty {mapping['text']!r}; row skipped"))
        return
    published = None
    date_cell = clean_field(cell("date"))
    if date_cell:
        try:
            published = row_date(date_cell)
        except ValueError as error:
            result.problems.append(ReadError(origin, f"{error}; date left unknown"))
    result.articles.append(
        Article(
            title=clean_field(cell("title")),
            text=text,
            published=published or fallback,
            published_source=PublishedSource.COLUMN
            if published
            else (PublishedSource.OPTION if fallback else PublishedSource.UNKNOWN),
            source=clean_field(cell("source")),
            url=clean_field(cell("url")),
            reader="table",
            origin=origin,
        )
    )
