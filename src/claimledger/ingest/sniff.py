"""Guessing an input's format from its first bytes when its name does not say."""

from __future__ import annotations

import re

from claimledger.ingest.seed import is_seed

_PEEK = 4096
_XML_PROLOG = re.compile(r"^(?:<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*", re.S | re.I)
_FEED_ROOT = re.compile(r"^<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_START = re.compile(r"^<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I)


def sniff(data: bytes) -> str:
    """One of html, feed, seed, json or text, judged from the start of the data."""
    head = data[:_PEEK].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if head.lower().startswith("<!doctype html"):
        return "html"
    root = _XML_PROLOG.sub("", head, count=1)
    if _FEED_ROOT.match(root):
        return "feed"
    if _HTML_START.match(root) or re.search(r"<html\b", head[:1024], re.I):
        return "html"
    if is_seed(head):
        return "seed"
    if head[:1] in ("{", "["):
        return "json"
    return "text"
