"""The Python API: analyse text or articles; the CLI is a thin layer over this."""

from __future__ import annotations

import datetime as dt

from claimledger.model import Article, Document, PublishedSource, normalize_text
from claimledger.nlp.pipeline import process


def analyze(
    text: str,
    published: str | dt.date | None = None,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Document:
    """Analyse one text; `published` (ISO date) anchors relative times like "two days later"."""
    if isinstance(published, dt.date):
        published = published.isoformat()
    if published is not None:
        published = parse_iso_date(published)
    article = Article(
        title=title,
        text=normalize_text(text),
        published=published,
        published_source=PublishedSource.OPTION if published else PublishedSource.UNKNOWN,
        source=source,
        url=url,
        reader="api",
    )
    return process(article)


def analyze_article(article: Article) -> Document:
    """Analyse an article produced by a reader."""
    return process(article)


def parse_iso_date(value: str) -> str:
    """Check an ISO 8601 date or date-time and return it; ValueError names the expected form."""
    value = value.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise ValueError(
            f"not an ISO date: {value!r} (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)"
        ) from None
