"""What every reader shares: options, errors, results, loading bytes and decoding them to text."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import charset_normalizer

from claimledger.model import Article

# Logical article field -> column name; reads the shared press-release CSVs as they are.
DEFAULT_COLUMNS: Mapping[str, str] = MappingProxyType(
    {"title": "headline", "date": "date", "text": "body", "url": "link"}
)
COLUMN_FIELDS: tuple[str, ...] = ("title", "date", "text", "url", "source")


def _default_columns() -> Mapping[str, str]:
    return dict(DEFAULT_COLUMNS)  # a plain dict: options travel to worker processes by pickle


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read; one instance serves a whole batch."""

    date: str | None = None  # ISO date given by --date; overrides file-name dates
    columns: Mapping[str, str] = field(default_factory=_default_columns, hash=False)
    max_bytes: int = 20_000_000  # per file/URL; larger inputs are an error, not a crash
    timeout: float = 20.0  # URL fetch
    max_redirects: int = 5


class ReadError(Exception):
    """An input that could not be read; str() is '<item>: <reason>'."""

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(item, reason)  # both in args, so that the error pickles
        self.item = item
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass
class ReadResult:
    """The articles read from one input and the rows/entries that had to be skipped or patched."""

    articles: list[Article] = field(default_factory=list)
    problems: list[ReadError] = field(default_factory=list)  # did not stop the input


@dataclass(frozen=True)
class RawInput:
    """The bytes of one file or fetched URL, before a reader interprets them."""

    item: str  # as given: a path or URL; names the input in origins and errors
    data: bytes
    name: str  # file name (last URL path segment for URLs); may carry a date
    url: str | None = None  # final URL after redirects, for fetched inputs
    charset: str | None = None  # declared by the server (Content-Type), if any
    content_type: str | None = None  # the server's media type, for fetched inputs


def load_file(path: Path, item: str, max_bytes: int) -> RawInput:
    """Read a regular file, refusing it before reading when it exceeds max_bytes."""
    try:
        if not path.exists():
            raise ReadError(item, "no such file or directory")
        if path.is_dir():
            raise ReadError(item, "is a directory (give it to expand_inputs to read its files)")
        if not path.is_file():
            raise ReadError(item, "not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(item, f"too large: {size:,} bytes, the limit is {max_bytes:,}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as error:
        raise ReadError(item, f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise ReadError(item, f"too large: more than {max_bytes:,} bytes")
    return RawInput(item=item, data=data, name=path.name)


# File signatures of common binary formats people drop into a corpus folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/EPUB)"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0", "MS Office (OLE)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "ELF executable"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# HTML labels latin-1 pages that are really windows-1252 (WHATWG encoding standard).
_LABEL_ALIASES = dict.fromkeys(("iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii"), "cp1252")
_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset|<\?xml[^>]+encoding)\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I
)
_PREFERRED_SINGLE_BYTE = "cp1252"  # the usual legacy encoding of English news text
# Control characters (Unicode Cc) other than tab, newlines, vertical tab and form feed.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01  # more control characters than this: binary, not text


def decode_text(raw: RawInput) -> str:
    """The input as text: BOM, UTF-8, declared charset (server, meta tag, XML), detection.

    Raises ReadError for empty, whitespace-only, binary and undecodable inputs.
    """
    data = raw.data
    if not data:
        raise ReadError(raw.item, "empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError(raw.item, f"binary file ({kind}), not text")
    text = _decode(data, raw)
    if not text.strip():
        raise ReadError(raw.item, "contains only whitespace")
    if len(_BINARY_CONTROLS.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise ReadError(raw.item, "binary file (control characters), not text")
    return text


def _decode(data: bytes, raw: RawInput) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(raw.item, f"not valid {encoding} despite its BOM") from None
    if b"\x00" in data:
        raise ReadError(raw.item, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    charset = raw.charset or declared_charset(data)
    if charset:
        label = charset.strip().lower()
        try:
            return data.decode(_LABEL_ALIASES.get(label, label))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detect instead
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadError(raw.item, "undecodable: not text in UTF-8 or any detected encoding")
    # Latin codepages often read a short text equally well, and the detector's tie-break (a
    # language guess) is weak on news snippets; among the equally clean ones prefer the usual one.
    for match in matches:
        if match.chaos <= best.chaos and _PREFERRED_SINGLE_BYTE in (
            match.encoding,
            *match.could_be_from_charset,
        ):
            return data.decode(_PREFERRED_SINGLE_BYTE)
    return str(best)


def clean_field(value: str | None) -> str | None:
    """A metadata value on one line, or None when blank."""
    value = " ".join(value.split()) if value else None
    return value or None


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML meta tag or XML declaration near the top of the data names."""
    match = _DECLARED_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def parse_iso_date(value: str) -> str:
    """An ISO 8601 date or date-time in canonical form; ValueError names the expected form."""
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        return moment.isoformat()
    except ValueError:
        raise ValueError(
            f"not an ISO date: {value!r} (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)"
        ) from None


def option_date(options: ReadOptions, item: str) -> str | None:
    """The --date option checked; an invalid one is a ReadError naming the input."""
    if options.date is None:
        return None
    try:
        return parse_iso_date(options.date)
    except ValueError as error:
        raise ReadError(item, f"invalid --date: {error}") from None
