"""Plain text files: the whole file is the body; a date only from --date or the file name."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pycountry

from claimledger.ingest.base import (
    RawInput,
    ReadOptions,
    ReadResult,
    decode_text,
    option_date,
)
from claimledger.model import Article, PublishedSource, normalize_text

# 20230727T141500Z_US_en_9566156170.txt: a UTC crawl timestamp, then country and language codes.
_TIMESTAMP_NAME = re.compile(
    r"^(\d{8}T\d{6})Z(?:_(?P<country>[A-Z]{2})_(?P<lang>[a-z]{2})(?=[_.\-]|$))?"
)
# 2024-03-05-some-title.txt or 2024-03-05.txt
_DATE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?![\dT:])")


@dataclass(frozen=True)
class NameDate:
    """What a file name says about its article."""

    published: str
    seen: str | None = None
    language: str | None = None


def name_date(name: str) -> NameDate | None:
    """The date (and language) a leading timestamp or ISO date in a file name gives, if valid."""
    match = _TIMESTAMP_NAME.match(name)
    if match:
        try:
            moment = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%S")
        except ValueError:
            return None
        stamp = moment.replace(tzinfo=dt.UTC).isoformat()
        lang = match.group("lang")
        language = lang if lang and pycountry.languages.get(alpha_2=lang) else None
        return NameDate(published=stamp, seen=stamp, language=language)
    match = _DATE_NAME.match(name)
    if match:
        try:
            return NameDate(published=dt.date.fromisoformat(match.group(1)).isoformat())
        except ValueError:
            return None
    return None


def read_text(raw: RawInput, options: ReadOptions) -> ReadResult:
    """One article whose text is the whole file; title None, date never invented."""
    given = option_date(options, raw.item)
    text = normalize_text(decode_text(raw))
    from_name = name_date(raw.name)
    published: str | None = None
    source = PublishedSource.UNKNOWN
    if given is not None:
        published, source = given, PublishedSource.OPTION
    elif from_name is not None:
        published, source = from_name.published, PublishedSource.FILENAME
    article = Article(
        title=None,
        text=text,
        published=published,
        published_source=source,
        language=(from_name.language if from_name and from_name.language else "en"),
        reader="text",
        origin=raw.item,
        url=raw.url,
        seen=from_name.seen if from_name else None,
    )
    return ReadResult(articles=[article])
