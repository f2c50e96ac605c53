"""HTML pages via trafilatura: main text, title, author, site name and an honest date.

trafilatura's own date comes from htmldate, which also guesses from URLs, copyright footers and
free text. We ask htmldate twice instead: once on the page's metadata alone (meta tags, JSON-LD)
for ``published``, and, only when that finds nothing, on the whole page for ``published_guess``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree

from claimledger.ingest.base import (
    RawInput,
    ReadError,
    ReadOptions,
    ReadResult,
    clean_field,
    decode_text,
    option_date,
)
from claimledger.model import Article, PublishedSource, normalize_text

# trafilatura and htmldate log a warning for every page they discard; the ReadError says it
# better. A NullHandler keeps Python's last-resort stderr printing off without hiding the records
# from an application that configures logging.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters: markup debris like "<<>>" is no text
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)
_METADATA_XPATH = '//head//meta | //script[@type="application/ld+json"]'
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def read_html(raw: RawInput, options: ReadOptions) -> ReadResult:
    """One article from an HTML page; no main text found is a ReadError.

    A metadata date wins over --date; --date fills in where the page has none (a guessed date
    is still kept in ``published_guess``).
    """
    given = option_date(options, raw.item)
    markup = decode_text(raw)
    try:
        tree = lxml.html.document_fromstring(_without_xml_declaration(markup))
    except (ValueError, etree.ParserError) as error:
        raise ReadError(raw.item, f"not parseable as HTML: {error}") from None
    extracted = trafilatura.bare_extraction(
        tree,
        url=raw.url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if extracted is None or isinstance(extracted, dict) or not (extracted.text or "").strip():
        raise ReadError(raw.item, "no article text found in the HTML")
    title = clean_field(extracted.title)
    text = _body_text(extracted.text or "", title)
    if not _WORD.search(text):  # only the headline, or markup debris
        raise ReadError(raw.item, "no article text found in the HTML")
    url = extracted.url or raw.url
    published, guess = metadata_date(tree), None
    source = PublishedSource.METADATA if published else PublishedSource.UNKNOWN
    if published is None:
        found = find_date(tree, extensive_search=True, original_date=True, url=url)
        guess = found if isinstance(found, str) else None
        if given is not None:
            published, source = given, PublishedSource.OPTION
    lang = _HTML_LANG.search(markup[:4096])
    article = Article(
        title=title,
        text=text,
        published=published,
        published_source=source,
        published_guess=guess,
        source=clean_field(extracted.sitename) or clean_field(extracted.hostname),
        url=url,
        language=lang.group(1).lower() if lang else "en",
        reader="html",
        author=clean_field(extracted.author),
        origin=raw.item,
    )
    return ReadResult(articles=[article])


def metadata_date(tree: Any) -> str | None:
    """The publication date in the page's meta tags or JSON-LD, never from its text or URL."""
    parts = [
        lxml.html.tostring(element, encoding="unicode") for element in tree.xpath(_METADATA_XPATH)
    ]
    if not parts:
        return None
    head_only = "<html><head>" + "".join(parts) + "</head><body></body></html>"
    found = find_date(head_only, url=None, **_DATE_PARAMS)
    return found if isinstance(found, str) else None


def _body_text(text: str, title: str | None) -> str:
    """trafilatura's one-line-per-block text as paragraphs, without a repeated headline."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return normalize_text("\n\n".join(lines))


def _without_xml_declaration(markup: str) -> str:
    # lxml refuses a str that carries its own encoding declaration (XHTML pages).
    if markup.lstrip().startswith("<?xml"):
        return markup.split("?>", 1)[1] if "?>" in markup else markup
    return markup
