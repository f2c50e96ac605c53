"""The one data vocabulary: articles and the span records found in them.

Every annotation carries ``start``/``end`` character offsets into ``Article.text``;
``article.text[start:end] == record.text`` always holds (see ``Document.check_offsets``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any, ClassVar, Self

SCHEMA = "claimledger/1"


class PublishedSource(StrEnum):
    """How an article's publication date was obtained."""

    HEADER = "header"  # the seed format's first line
    OPTION = "option"  # given by the user (--date / published=)
    FILENAME = "filename"  # a leading timestamp or ISO date in the file name
    METADATA = "metadata"  # HTML metadata (meta tags, JSON-LD) found by trafilatura
    FEED = "feed"  # an RSS/Atom entry's published/updated field
    COLUMN = "column"  # a CSV/JSONL date column
    UNKNOWN = "unknown"  # no date: never invented


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no BOM, no trailing blanks: the text all offsets point into."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def content_id(text: str) -> str:
    """Stable id of an article: a hash of its normalised text, whitespace-insensitive."""
    canonical = " ".join(text.split()).casefold()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file, feed row or URL."""

    title: str | None
    text: str
    published: str | None = None  # ISO 8601 date or date-time, None when unknown
    published_source: PublishedSource = PublishedSource.UNKNOWN
    published_guess: str | None = None  # a date only guessed (e.g. a copyright footer)
    source: str | None = None  # outlet or site name
    url: str | None = None
    language: str | None = "en"
    reader: str = "text"
    author: str | None = None
    origin: str | None = None  # where it was read from: path, path#row, URL
    seen: str | None = None  # when the article was first seen (e.g. from a file name)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published_source"] = str(self.published_source)
        return data


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A name or description of an entity (issue 5)."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP
    entity: str | None = None  # stable id such as country:PRK
    name: str | None = None  # canonical name
    role: str | None = None  # "Defense Minister", "head of GUR"


@dataclass(frozen=True, slots=True)
class Timex:
    """A TimeML TIMEX3 time expression (issue 3)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    anchor: str | None = None  # "dct" or "timex:<index>" the value was computed from
    granularity: str | None = None  # day, month, year, ...
    mod: str | None = None  # TimeML mod: APPROX, START, END, BEFORE, ...
    quant: str | None = None  # SET quant, e.g. EVERY
    freq: str | None = None  # SET freq, e.g. 2X


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure with its hedge, interval and counted thing (issue 4)."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    bound: str = "="  # =, ~, <, <=, >, >=, range
    approx: bool = False
    unit: str | None = None
    normalized_unit: str | None = None
    item: str | None = None
    change: str | None = None  # up, down


@dataclass(frozen=True, slots=True)
class SpanRef:
    """A part of an attribution: source, cue or content."""

    start: int
    end: int
    text: str
    entity: str | None = None  # source only: the resolved entity id
    lemma: str | None = None  # cue only


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says what (issue 6); start/end cover source, cue and content."""

    start: int
    end: int
    text: str
    id: str
    source: SpanRef | None
    cue: SpanRef
    content: SpanRef | None
    cites: str | None = None  # id of the attribution this source cites
    stance: str = "assert"
    source_type: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    entity: str
    role: str  # source, recipient, agent, target


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    """One proposition an analyst tracks (issue 6); start/end cover its evidence."""

    start: int
    end: int
    text: str
    id: str
    type: str
    actors: tuple[Actor, ...] = ()
    item: str | None = None
    quantity: int | None = None  # index into Document.quantities
    time: int | None = None  # index into Document.timexes (event time)
    report_time: int | None = None  # index into Document.timexes (when it was said)
    place: str | None = None  # entity id
    modality: str = "asserted"  # asserted, planned, denied, hedged, conditional
    attribution: str | None = None  # Attribution.id
    evidence: tuple[Evidence, ...] = ()


LAYERS: tuple[str, ...] = (
    "sentences",
    "mentions",
    "timexes",
    "quantities",
    "attributions",
    "claims",
)


class OffsetError(ValueError):
    """A record's text is not article.text[start:end]."""


@dataclass(slots=True)
class Document:
    """An analysed article: the article plus one list of span records per layer."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    ARTICLE_KEYS: ClassVar[tuple[str, ...]] = (
        "id",
        "title",
        "text",
        "published",
        "published_source",
        "published_guess",
        "source",
        "url",
        "language",
        "author",
        "reader",
    )

    def layer(self, name: str) -> list[Any]:
        if name not in LAYERS:
            raise KeyError(f"unknown layer {name!r}; layers are {', '.join(LAYERS)}")
        return list(getattr(self, name))

    def check_offsets(self) -> None:
        """Raise OffsetError unless every record's text is its slice of the article."""
        text = self.article.text
        for name in LAYERS:
            for record in getattr(self, name):
                _check_span(text, record, name)
                for part in ("source", "cue", "content"):
                    ref = getattr(record, part, None)
                    if isinstance(ref, SpanRef):
                        _check_span(text, ref, f"{name}.{part}")

    def to_dict(self) -> dict[str, Any]:
        article = self.article.to_dict()
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "article": {key: article[key] for key in self.ARTICLE_KEYS},
        }
        for name in LAYERS:
            out[name] = [_record_dict(record) for record in getattr(self, name)]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document: schema is {data.get('schema')!r}")
        art = dict(data["article"])
        art["published_source"] = PublishedSource(art.get("published_source") or "unknown")
        article = Article(**{k: v for k, v in art.items() if k in _ARTICLE_FIELDS})
        doc = cls(article=article)
        doc.sentences = [Sentence(**r) for r in data.get("sentences", [])]
        doc.mentions = [Mention(**r) for r in data.get("mentions", [])]
        doc.timexes = [Timex(**r) for r in data.get("timexes", [])]
        doc.quantities = [Quantity(**r) for r in data.get("quantities", [])]
        doc.attributions = [_attribution_from(r) for r in data.get("attributions", [])]
        doc.claims = [_claim_from(r) for r in data.get("claims", [])]
        return doc


_ARTICLE_FIELDS = {f.name for f in fields(Article)}


def _check_span(text: str, record: Any, where: str) -> None:
    start, end = record.start, record.end
    if not (0 <= start <= end <= len(text)) or text[start:end] != record.text:
        raise OffsetError(
            f"{where}: text {record.text!r} is not article.text[{start}:{end}]"
            f" = {text[max(0, start) : max(0, end)]!r}"
        )


def _record_dict(record: Any) -> dict[str, Any]:
    data = asdict(record)
    for key, value in data.items():
        if isinstance(value, tuple):
            data[key] = list(value)
    return data


def _spanref(data: dict[str, Any] | None) -> SpanRef | None:
    return SpanRef(**data) if data else None


def _attribution_from(data: dict[str, Any]) -> Attribution:
    data = dict(data)
    cue = _spanref(data.pop("cue"))
    if cue is None:
        raise ValueError("an attribution needs a cue")
    return Attribution(
        cue=cue,
        source=_spanref(data.pop("source", None)),
        content=_spanref(data.pop("content", None)),
        **data,
    )


def _claim_from(data: dict[str, Any]) -> Claim:
    data = dict(data)
    actors = tuple(Actor(**a) for a in data.pop("actors", []))
    evidence = tuple(Evidence(**e) for e in data.pop("evidence", []))
    return Claim(actors=actors, evidence=evidence, **data)
