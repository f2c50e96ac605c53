"""HTML fragments (feed entry content) as plain text: one paragraph per block element."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that start a new paragraph; inline elements (a, b, em, span) flow into the text.
# fmt: off
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)
# fmt: on
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head"})
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag == "br":
            self.current.append("\n")
        elif tag in _BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.current.append("\n")
        elif tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            # a newline in the HTML source is only wrapping; <br> alone breaks a line
            self.current.append(_SPACES.sub(" ", data))

    def flush(self) -> None:
        lines = "".join(self.current).split("\n")
        cleaned = (_SPACES.sub(" ", line).strip() for line in lines)
        text = "\n".join(line for line in cleaned if line)
        if text:
            self.paragraphs.append(text)
        self.current = []


def html_to_text(markup: str) -> str:
    """The visible text of an HTML fragment; blocks separated by a blank line."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    collector.flush()
    return "\n\n".join(collector.paragraphs)
