"""Readers that turn files and URLs into Articles: one module per format, a registry to pick.

>>> from claimledger.ingest import ReadOptions, expand_inputs, read_input
>>> for item in expand_inputs(["corpus/", "https://example.com/feed.xml"]):
...     result = read_input(item, ReadOptions(date="2024-03-05"))
"""

from __future__ import annotations

from claimledger.ingest.base import (
    DEFAULT_COLUMNS,
    ReadError,
    ReadOptions,
    ReadResult,
    parse_iso_date,
)
from claimledger.ingest.registry import EXTENSIONS, expand_inputs, read_input

__all__ = [
    "DEFAULT_COLUMNS",
    "EXTENSIONS",
    "ReadError",
    "ReadOptions",
    "ReadResult",
    "expand_inputs",
    "parse_iso_date",
    "read_input",
]
