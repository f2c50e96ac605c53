"""The seed format: a first line ` date YYYY-MM-DD headline`, a blank line, then the body."""

from __future__ import annotations

import re

from claimledger.ingest.base import RawInput, ReadError, ReadOptions, ReadResult, decode_text
from claimledger.ingest.base import parse_iso_date as _parse_iso_date
from claimledger.model import Article, PublishedSource, normalize_text

# The leading space is how the seed files are written; files typed by hand may lack it.
HEADER = re.compile(r"^ ?date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+(\S.*?)[ \t]*$")


def is_seed(text: str) -> bool:
    """Whether the text's first line is a seed header."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    return HEADER.match(first_line) is not None


def read_seed(raw: RawInput, options: ReadOptions) -> ReadResult:
    """One article: published and title from the header, text = the body only.

    The header date is part of the file, so it wins over --date (which replaces file-name dates).
    """
    text = normalize_text(decode_text(raw))
    header, _, body = text.partition("\n")
    match = HEADER.match(header)
    if match is None:
        raise ReadError(raw.item, "first line is not a seed header ' date YYYY-MM-DD headline'")
    try:
        published = _parse_iso_date(match.group(1))
    except ValueError as error:
        raise ReadError(raw.item, f"header date: {error}") from None
    body = normalize_text(body)
    if not body:
        raise ReadError(raw.item, "no body after the header line")
    article = Article(
        title=match.group(2),
        text=body,
        published=published,
        published_source=PublishedSource.HEADER,
        reader="seed",
        origin=raw.item,
        url=raw.url,
    )
    return ReadResult(articles=[article])
