"""The Python API: analyse text or articles; the CLI is a thin layer over this."""

from __future__ import annotations

import datetime as dt

from claimledger.ingest import parse_iso_date
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
