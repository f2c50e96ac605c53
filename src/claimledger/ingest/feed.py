"""RSS and Atom feeds via feedparser: one article per entry."""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from typing import Any

import feedparser

from claimledger.ingest.base import (
    RawInput,
    ReadError,
    ReadOptions,
    ReadResult,
    clean_field,
    decode_text,
    option_date,
    parse_iso_date,
)
from claimledger.ingest.htmltext import html_to_text
from claimledger.model import Article, PublishedSource, normalize_text

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_feed(raw: RawInput, options: ReadOptions) -> ReadResult:
    """Every entry with text; entries without text or with an unreadable date are problems.

    Entry dates come from the feed itself, so --date does not replace them; it dates the
    entries that have none.
    """
    fallback = option_date(options, raw.item)
    parsed = feedparser.parse(decode_text(raw))
    entries: list[Any] = list(parsed.entries)
    if parsed.bozo and not entries:
        raise ReadError(raw.item, f"broken feed: {parsed.get('bozo_exception')}")
    if not parsed.version and not entries:
        raise ReadError(raw.item, "not an RSS or Atom feed")
    result = ReadResult()
    if parsed.bozo:
        result.problems.append(
            ReadError(
                raw.item,
                f"feed is not well-formed ({parsed.get('bozo_exception')});"
                f" read its {len(entries)} entries anyway",
            )
        )
    feed_title = clean_field(parsed.feed.get("title"))
    language = _language(parsed.feed.get("language"))
    for number, entry in enumerate(entries, start=1):
        origin = f"{raw.item}#entry={number}"
        text = entry_text(entry)
        if not text:
            result.problems.append(ReadError(origin, "entry has no content or summary; skipped"))
            continue
        raw_date = entry.get("published") or entry.get("updated")
        published = entry_date(entry)
        if raw_date and published is None:
            result.problems.append(
                ReadError(origin, f"date {raw_date!r} is not readable; left unknown")
            )
        result.articles.append(
            Article(
                title=entry_title(entry),
                text=text,
                published=published or fallback,
                published_source=PublishedSource.FEED
                if published
                else (PublishedSource.OPTION if fallback else PublishedSource.UNKNOWN),
                source=feed_title,
                url=entry.get("link") or None,
                language=_language(entry.get("language")) or language or "en",
                reader="feed",
                author=entry_author(entry),
                origin=origin,
            )
        )
    if parsed.bozo and not result.articles:  # what feedparser salvaged held no text
        raise ReadError(raw.item, f"broken feed: {parsed.get('bozo_exception')}")
    return result


def entry_text(entry: Any) -> str:
    """The longest full content of an entry, else its summary; HTML turned into text."""
    candidates = sorted(entry.get("content") or [], key=lambda part: len(part.get("value", "")))
    detail = candidates[-1] if candidates else entry.get("summary_detail")
    if not detail:
        return normalize_text(entry.get("summary", ""))
    value = detail.get("value", "")
    if detail.get("type") in _HTML_TYPES:
        value = html_to_text(value)
    return normalize_text(value)


def entry_title(entry: Any) -> str | None:
    """The entry's title as one line of text."""
    title = entry.get("title")
    if title and (entry.get("title_detail") or {}).get("type") in _HTML_TYPES:
        title = html_to_text(title)
    return clean_field(title)


def entry_author(entry: Any) -> str | None:
    """The author's name; RSS writes ``email (Name)``, and a bare address is no name."""
    author = clean_field(entry.get("author"))
    if author and "@" in author:
        return clean_field(email.utils.parseaddr(author)[0])
    return author


def entry_date(entry: Any) -> str | None:
    """The entry's published (else updated) time as ISO, keeping its original UTC offset."""
    for key in ("published", "updated"):
        value = entry.get(key)
        if not value:
            continue
        try:
            return parse_iso_date(value)  # Atom: RFC 3339
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(value).isoformat()  # RSS: RFC 822
        except (TypeError, ValueError, IndexError):
            pass
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if parsed is not None:  # feedparser's other formats, normalised to UTC
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
    return None


def _language(code: str | None) -> str | None:
    primary = (code or "").split("-")[0].split("_")[0].strip().lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None
