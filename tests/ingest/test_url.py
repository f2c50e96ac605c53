"""URLs against a local http.server on 127.0.0.1 (never any other address)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimledger.ingest import ReadError, ReadOptions, read_input
from claimledger.ingest.url import is_url, kind_of
from claimledger.model import PublishedSource

PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Grain deal extended</title><meta property="og:site_name" content="Local Wire"></head>
<body><article><h1>Grain deal extended</h1>
<p>The Black Sea grain deal was extended for 120 days, Turkey's president said on Saturday.</p>
<p>Ukraine had asked for a longer term.</p></article></body></html>"""
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>Ports reopen</title><link>http://127.0.0.1/ports</link>
<pubDate>Sat, 18 Mar 2023 10:00:00 +0000</pubDate>
<description>Three ports reopened on Saturday.</description></item></channel></rss>"""
TEXT = b"Officials said 40 ships were waiting to enter the ports.\n"

# path -> (status, headers, body)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/page.html": (
        200,
        {
            "Content-Type": "text/html; charset=utf-8",
            "Last-Modified": "Mon, 20 Mar 2023 08:00:00 GMT",
        },
        PAGE,
    ),
    "/feed": (200, {"Content-Type": "application/rss+xml"}, RSS),
    "/notes/20230318T101500Z_TR_en_1.txt": (200, {"Content-Type": "text/plain"}, TEXT),
    "/untyped": (200, {}, PAGE),
    "/moved": (302, {"Location": "/page.html"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/missing": (404, {"Content-Type": "text/plain"}, b"not here"),
    "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
    "/declared-big": (200, {"Content-Type": "text/plain", "Content-Length": "50000000"}, b""),
}
STREAMED_SIZE = 200_000  # sent in chunks without a Content-Length


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/streamed-big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"More ships were waiting. " * 400
            try:
                for _ in range(STREAMED_SIZE // len(chunk) + 1):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the reader stopped at its size cap
            return
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page(server: str) -> None:
    [article] = read_input(f"{server}/page.html").articles
    assert article.title == "Grain deal extended"
    assert article.text == (
        "The Black Sea grain deal was extended for 120 days, Turkey's president said on"
        " Saturday.\n\nUkraine had asked for a longer term."
    )
    assert article.source == "Local Wire"
    assert (article.url, article.origin) == (f"{server}/page.html", f"{server}/page.html")
    # Last-Modified is when the file changed, not when the news was published
    assert (article.published, article.published_source) == (None, PublishedSource.UNKNOWN)


def test_redirect_is_followed(server: str) -> None:
    [article] = read_input(f"{server}/moved").articles
    assert article.title == "Grain deal extended"
    assert article.url == f"{server}/page.html"
    assert article.origin == f"{server}/moved"


def test_feed(server: str) -> None:
    [article] = read_input(f"{server}/feed").articles
    assert (article.title, article.text, article.published, article.reader) == (
        "Ports reopen",
        "Three ports reopened on Saturday.",
        "2023-03-18T10:00:00+00:00",
        "feed",
    )
    assert article.origin == f"{server}/feed#entry=1"


def test_plain_text_takes_its_date_from_the_file_name(server: str) -> None:
    [article] = read_input(f"{server}/notes/20230318T101500Z_TR_en_1.txt").articles
    assert article.text == TEXT.decode().strip()
    assert (article.published, article.published_source) == (
        "2023-03-18T10:15:00+00:00",
        PublishedSource.FILENAME,
    )


def test_untyped_response_is_sniffed(server: str) -> None:
    [article] = read_input(f"{server}/untyped").articles
    assert article.reader == "html"


@pytest.mark.parametrize(
    ("path", "options", "reason"),
    [
        ("/missing", ReadOptions(), "HTTP 404 Not Found"),
        (
            "/image.png",
            ReadOptions(),
            "unsupported content type image/png; HTML, RSS/Atom or plain text is read",
        ),
        ("/loop", ReadOptions(max_redirects=3), "more than 3 redirects"),
        ("/declared-big", ReadOptions(), "too large: 50,000,000 bytes, the limit is 20,000,000"),
        ("/streamed-big", ReadOptions(max_bytes=50_000), "too large: more than 50,000 bytes"),
    ],
)
def test_bad_urls(server: str, path: str, options: ReadOptions, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_input(server + path, options)
    assert (caught.value.item, caught.value.reason) == (server + path, reason)


def test_unreachable_url() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    with pytest.raises(ReadError) as caught:
        read_input(url, ReadOptions(timeout=5))
    assert caught.value.item == url
    assert caught.value.reason.startswith("cannot connect: ")


def test_other_schemes_are_refused() -> None:
    with pytest.raises(ReadError) as caught:
        read_input("ftp://127.0.0.1/feed.xml")
    assert caught.value.reason == "unsupported URL scheme 'ftp'; only http and https are read"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("https://example.org/a", True),
        ("http://127.0.0.1:8000/", True),
        ("corpus/a.txt", False),
        ("C:\\corpus\\a.txt", False),
    ],
)
def test_is_url(item: str, expected: bool) -> None:
    assert is_url(item) is expected


@pytest.mark.parametrize(
    ("media", "kind"),
    [
        ("text/html", "html"),
        ("application/xhtml+xml", "html"),
        ("application/rss+xml", "feed"),
        ("application/atom+xml", "feed"),
        ("text/xml", "feed"),
        ("text/plain", "text"),
        ("application/pdf", None),
        ("application/json", None),
    ],
)
def test_kind_of(media: str, kind: str | None) -> None:
    assert kind_of(media) == kind
