"""http(s) URLs: fetched with httpx under a time, size and redirect budget, then read by type."""

from __future__ import annotations

import time
from urllib.parse import unquote, urlsplit

import httpx

from claimledger.ingest.base import RawInput, ReadError, ReadOptions, ReadResult
from claimledger.ingest.feed import read_feed
from claimledger.ingest.html import read_html
from claimledger.ingest.seed import read_seed
from claimledger.ingest.sniff import sniff
from claimledger.ingest.text import read_text

SCHEMES = ("http", "https")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml,"
    " application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8"
)
_USER_AGENT = "claimledger (news claim ledger; +https://github.com/claimledger)"


def is_url(item: str) -> bool:
    """Whether an input names a URL (any scheme) rather than a path."""
    return "://" in item and urlsplit(item).scheme.isalpha()


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header, lower case; "" when there is none."""
    return (content_type or "").split(";")[0].strip().lower()


def kind_of(media: str) -> str | None:
    """The reader a media type calls for (html, feed or text); None when it is not supported."""
    if media in _HTML_TYPES:
        return "html"
    if media in _FEED_TYPES or (media.endswith("+xml") and ("rss" in media or "atom" in media)):
        return "feed"
    if media == "text/plain":
        return "text"
    return None


def fetch(url: str, options: ReadOptions) -> RawInput:
    """The body of a URL; errors, wrong types and oversized bodies are ReadErrors naming it."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise ReadError(url, f"unsupported URL scheme {scheme!r}; only http and https are read")
    started = time.monotonic()
    try:
        with (
            httpx.Client(
                timeout=options.timeout,
                follow_redirects=True,
                max_redirects=options.max_redirects,
                headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise ReadError(url, f"HTTP {response.status_code} {reason}")
            content_type = response.headers.get("content-type")
            media = media_type(content_type)
            if media and kind_of(media) is None:
                raise ReadError(
                    url, f"unsupported content type {media}; HTML, RSS/Atom or plain text is read"
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise ReadError(
                    url, f"too large: {int(declared):,} bytes, the limit is {options.max_bytes:,}"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise ReadError(url, f"too large: more than {options.max_bytes:,} bytes")
                if time.monotonic() - started > options.timeout:
                    raise ReadError(url, f"took longer than {options.timeout:g} s; stopped")
                chunks.append(chunk)
            final_url = str(response.url)
            charset = response.charset_encoding
    except httpx.TooManyRedirects:
        raise ReadError(url, f"more than {options.max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise ReadError(url, f"timed out after {options.timeout:g} s") from None
    except httpx.ConnectError as error:
        raise ReadError(url, f"cannot connect: {error}") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise ReadError(url, f"not a valid URL: {error}") from None
    except httpx.HTTPError as error:
        raise ReadError(url, f"fetch failed: {type(error).__name__}: {error}") from None
    name = unquote(urlsplit(final_url).path.rstrip("/").rsplit("/", 1)[-1])
    return RawInput(
        item=url,
        data=b"".join(chunks),
        name=name,
        url=final_url,
        charset=charset,
        content_type=content_type,
    )


def read_url(url: str, options: ReadOptions) -> ReadResult:
    """Fetch a URL and read it as HTML, a feed or plain text, as its content type says.

    A Last-Modified header says when the file changed, not when the news was published, so it
    never becomes a date.
    """
    raw = fetch(url, options)
    media = media_type(raw.content_type)
    kind = kind_of(media) if media else sniff(raw.data)
    if kind == "text" and sniff(raw.data) == "seed":
        kind = "seed"
    if kind == "html":
        return read_html(raw, options)
    if kind == "feed":
        return read_feed(raw, options)
    if kind == "seed":
        return read_seed(raw, options)
    if kind == "text":
        return read_text(raw, options)
    raise ReadError(url, f"content looks like {kind}, not HTML, a feed or text")
