"""Which reader reads an input: by extension, else by sniffing; directories and globs expanded."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from claimledger.ingest.base import (
    RawInput,
    ReadError,
    ReadOptions,
    ReadResult,
    load_file,
    option_date,
)
from claimledger.ingest.feed import read_feed
from claimledger.ingest.html import read_html
from claimledger.ingest.seed import read_seed
from claimledger.ingest.sniff import sniff
from claimledger.ingest.table import read_csv, read_jsonl
from claimledger.ingest.text import read_text
from claimledger.ingest.url import is_url, read_url

Reader = Callable[[RawInput, ReadOptions], ReadResult]

READERS: dict[str, Reader] = {
    "seed": read_seed,
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "csv": read_csv,
    "jsonl": read_jsonl,
}
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_GLOB_CHARS = frozenset("*?[")

DEFAULT_OPTIONS = ReadOptions()


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Files, directories (recursively), globs and URLs as a list of single inputs.

    Directory contents are sorted and limited to known extensions; hidden files and folders are
    skipped. Nothing here raises: a missing path stays in the list for read_input to report.
    """
    expanded: list[str] = []
    seen: set[str] = set()

    def add(item: str) -> None:
        key = item if is_url(item) else os.path.realpath(item)
        if key not in seen:
            seen.add(key)
            expanded.append(item)

    for item in inputs:
        if is_url(item):
            add(item)
            continue
        path = os.path.expanduser(item)
        if os.path.isdir(path):
            for found in _walk(path):
                add(found)
        elif not os.path.exists(path) and _GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))
            for match in matches:
                if os.path.isdir(match):
                    for found in _walk(match):
                        add(found)
                else:
                    add(match)
            if not matches:
                add(item)
        else:
            add(path)
    return expanded


def read_input(item: str, options: ReadOptions = DEFAULT_OPTIONS) -> ReadResult:
    """The articles of one file or URL; ReadError when the input as a whole cannot be read."""
    option_date(options, item)
    if is_url(item):
        return read_url(item, options)
    path = Path(os.path.expanduser(item))
    if not path.exists() and _GLOB_CHARS & set(item):
        raise ReadError(item, "no such file or directory (no file matches this pattern)")
    raw = load_file(path, item, options.max_bytes)
    reader = reader_for(raw)
    try:
        return reader(raw, options)
    except ReadError:
        raise
    except Exception as error:  # a library failing on odd input must not end the batch
        raise ReadError(item, f"could not be read: {type(error).__name__}: {error}") from error


def reader_for(raw: RawInput) -> Reader:
    """The reader for a file: its extension decides, content sniffing when it does not."""
    suffix = Path(raw.name).suffix.lower()
    kind = EXTENSIONS.get(suffix)
    if kind in ("text", "feed"):
        sniffed = sniff(raw.data)
        if (kind, sniffed) in (("text", "seed"), ("feed", "html")):  # an .xml file may be XHTML
            kind = sniffed
    if kind is None:
        kind = sniff(raw.data)
        if kind == "json":
            raise ReadError(
                raw.item, "looks like JSON; name it .jsonl or .ndjson to read one object per line"
            )
    return READERS[kind]


def _walk(root: str) -> Iterator[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in EXTENSIONS:
                continue
            path = os.path.join(folder, name)
            found.append((Path(os.path.relpath(path, root)).parts, path))
    for _parts, path in sorted(found):
        yield path
