"""Attribution gold we annotated on real articles (tests/gold/attribution): reader and scorer.

A gold file is JSON: ``{"article": where the article is in the shared folder,
"corpus/ukraine-news/FILE.txt" or "corpus/press-releases/FILE.csv#row=N" (the CSV reader's row
number, header = row 0), "link": the release's URL (press releases only), "chars": length of the
normalised text, "attributions": [{id, source, cue, content, cites, stance, source_type}]}``.
Spans are ``{start, end, text}`` into the ``Article.text`` that ``claimledger.ingest.read_input``
gives, so the gold is checked against what the pipeline sees.

Scoring: cue, source and content spans per document through ``claimledger.eval.polnear``
(exact and overlap P/R/F1, spans deduplicated per role). Whole attributions are paired one to one
by overlapping cues (an exact cue first, then the larger content overlap); on the pairs we count
the same stance, the same source type (where gold names a source) and the same ``cites`` link
(both none, or both pointing at attributions that are themselves paired).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimledger.api import analyze_article
from claimledger.eval.polnear import (
    ROLES,
    Counts,
    predicted_spans,
    score_row,
    score_rows,
    score_spans,
)
from claimledger.ingest import read_input
from claimledger.model import Article, Attribution, SpanRef
from claimledger.nlp.attribution_lexicon import SOURCE_TYPES, STANCES

MODES: tuple[str, ...] = ("exact", "overlap")
_FILE_KEYS = ("article", "link", "chars", "attributions")
_ATTRIBUTION_KEYS = ("id", "source", "cue", "content", "cites", "stance", "source_type")
_SPAN_KEYS = ("start", "end", "text")

Predict = Callable[[Article], Sequence[Attribution]]


class GoldError(ValueError):
    """A gold file is malformed or no longer matches its article."""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str  # the gold file's stem
    article: Article
    attributions: tuple[Attribution, ...]

    @property
    def collection(self) -> str:
        """The corpus folder the article comes from: ukraine-news or press-releases."""
        origin = self.article.origin or ""
        return "press-releases" if "#row=" in origin else "ukraine-news"


def read_gold(
    path: Path, shared: Path, tables: dict[Path, list[Article]] | None = None
) -> GoldDocument:
    """A gold file with its article; GoldError names the file and what is wrong.

    `tables` caches the articles of each CSV file read, so that a folder of gold files reads each
    table once.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    where = path.name
    _check_keys(data, _FILE_KEYS, where, optional=("link",))
    article = _load_article(shared, str(data["article"]), where, {} if tables is None else tables)
    if len(article.text) != data["chars"]:
        raise GoldError(f"{where}: article length {len(article.text)} != gold's {data['chars']}")
    attributions = tuple(_attribution(a, article.text, where) for a in data["attributions"])
    ids = [a.id for a in attributions]
    if len(set(ids)) != len(ids):
        raise GoldError(f"{where}: attribution ids are not unique")
    for attribution in attributions:
        if attribution.cites is not None and attribution.cites not in ids:
            raise GoldError(f"{where}: {attribution.id} cites unknown id {attribution.cites!r}")
    return GoldDocument(path.stem, article, attributions)


def read_gold_dir(folder: Path, shared: Path) -> list[GoldDocument]:
    """Every gold file of a folder, sorted by name."""
    tables: dict[Path, list[Article]] = {}
    return [read_gold(path, shared, tables) for path in sorted(folder.glob("*.json"))]


def _load_article(
    shared: Path, reference: str, where: str, tables: dict[Path, list[Article]]
) -> Article:
    name, _, row = reference.partition("#row=")
    path = shared / name
    if not path.is_file():
        raise GoldError(f"{where}: article file {path} does not exist")
    if not row:
        return read_input(str(path)).articles[0]
    if path not in tables:
        tables[path] = list(read_input(str(path)).articles)
    origin = f"{path}#row={row}"
    found = [article for article in tables[path] if article.origin == origin]
    if not found:
        raise GoldError(f"{where}: {name} has no row {row}")
    return found[0]


def _check_keys(
    data: Any, allowed: tuple[str, ...], where: str, optional: tuple[str, ...] = ()
) -> None:
    if not isinstance(data, dict):
        raise GoldError(f"{where}: expected an object, got {type(data).__name__}")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise GoldError(f"{where}: unknown keys {unknown}; allowed: {', '.join(allowed)}")
    missing = [key for key in allowed if key not in data and key not in optional]
    if missing:
        raise GoldError(f"{where}: missing keys {missing}")


def _span(data: Any, text: str, where: str) -> SpanRef:
    _check_keys(data, _SPAN_KEYS, where)
    start, end = data["start"], data["end"]
    if not (0 <= start <= end <= len(text)) or text[start:end] != data["text"]:
        raise GoldError(f"{where}: {data['text']!r} is not text[{start}:{end}]")
    return SpanRef(start, end, data["text"])


def _attribution(data: Any, text: str, where: str) -> Attribution:
    _check_keys(data, _ATTRIBUTION_KEYS, where)
    where = f"{where} {data.get('id')}"
    if data["stance"] not in STANCES:
        raise GoldError(f"{where}: stance {data['stance']!r} not in {', '.join(sorted(STANCES))}")
    if data["source_type"] is not None and data["source_type"] not in SOURCE_TYPES:
        raise GoldError(
            f"{where}: source_type {data['source_type']!r} not in"
            f" {', '.join(sorted(SOURCE_TYPES))} (or null)"
        )
    source = None if data["source"] is None else _span(data["source"], text, f"{where} source")
    cue = _span(data["cue"], text, f"{where} cue")
    content = _span(data["content"], text, f"{where} content")
    parts = [part for part in (source, cue, content) if part is not None]
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    return Attribution(
        start,
        end,
        text[start:end],
        data["id"],
        source,
        cue,
        content,
        cites=data["cites"],
        stance=data["stance"],
        source_type=data["source_type"],
    )


def _overlap(a: SpanRef | None, b: SpanRef | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_attributions(
    gold: Sequence[Attribution], predicted: Sequence[Attribution]
) -> list[tuple[Attribution, Attribution]]:
    """Gold and predicted attributions paired one to one by overlapping cues."""
    candidates = []
    for g in gold:
        for p in predicted:
            if _overlap(g.cue, p.cue):
                exact = (g.cue.start, g.cue.end) == (p.cue.start, p.cue.end)
                candidates.append((not exact, -_overlap(g.content, p.content), g.cue.start, g, p))
    candidates.sort(key=lambda c: c[:3])
    pairs: list[tuple[Attribution, Attribution]] = []
    used_gold: set[str] = set()
    used_pred: set[str] = set()
    for *_key, g, p in candidates:
        if g.id not in used_gold and p.id not in used_pred:
            used_gold.add(g.id)
            used_pred.add(p.id)
            pairs.append((g, p))
    return sorted(pairs, key=lambda pair: pair[0].start)


@dataclass(slots=True)
class Tally:
    """Counts over matched attribution pairs: how many agree out of how many compared."""

    same: int = 0
    total: int = 0

    def add(self, agree: bool) -> None:
        self.same += agree
        self.total += 1

    def percent(self) -> float:
        return round(100 * self.same / self.total, 1) if self.total else 0.0


@dataclass(slots=True)
class GoldScore:
    """Span counts per (role, mode) and agreement tallies over matched attributions."""

    documents: int = 0
    spans: dict[tuple[str, str], Counts] = field(
        default_factory=lambda: {(role, mode): Counts() for role in ROLES for mode in MODES}
    )
    attributions: Counts = field(default_factory=Counts)  # paired by cue overlap
    stance: Tally = field(default_factory=Tally)
    source_type: Tally = field(default_factory=Tally)
    cites: Tally = field(default_factory=Tally)  # every matched pair
    chains: Tally = field(default_factory=Tally)  # matched pairs whose gold cites another

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "scores": {
                role: {mode: self.spans[(role, mode)].scores() for mode in MODES} for role in ROLES
            },
            "attributions": self.attributions.scores(),
            **{
                name: {"same": tally.same, "of": tally.total, "percent": tally.percent()}
                for name, tally in (
                    ("stance", self.stance),
                    ("source_type", self.source_type),
                    ("cites", self.cites),
                    ("chains", self.chains),
                )
            },
        }


def score_document(
    gold: Sequence[Attribution], predicted: Sequence[Attribution], into: GoldScore
) -> None:
    """Add one document's spans and matched-attribution agreement to `into`."""
    into.documents += 1
    gold_spans, pred_spans = predicted_spans(gold), predicted_spans(predicted)
    for role in ROLES:
        exact, overlap = score_spans(gold_spans[role], pred_spans[role])
        into.spans[(role, "exact")].add(exact)
        into.spans[(role, "overlap")].add(overlap)
    pairs = match_attributions(gold, predicted)
    into.attributions.add(Counts(len(pairs), len(pairs), len(predicted), len(gold)))
    paired = {g.id: p.id for g, p in pairs}
    for g, p in pairs:
        into.stance.add(g.stance == p.stance)
        if g.source is not None:
            into.source_type.add(g.source_type == p.source_type)
        if g.cites is None:
            into.cites.add(p.cites is None)
        else:
            agree = p.cites is not None and paired.get(g.cites) == p.cites
            into.cites.add(agree)
            into.chains.add(agree)


def analyzed_attributions(article: Article) -> list[Attribution]:
    """The attributions the full pipeline finds in an article (entities included)."""
    return analyze_article(article).attributions


def score_gold(
    documents: Iterable[GoldDocument], predict: Predict = analyzed_attributions
) -> GoldScore:
    """Run `predict` on every gold article and score it."""
    total = GoldScore()
    for document in documents:
        score_document(document.attributions, predict(document.article), total)
    return total


def format_gold_scores(score: GoldScore) -> str:
    """A plain table of span scores and the matched-attribution agreement, for printing."""
    result = score.to_dict()
    rows = score_rows(result["scores"], width=12)
    rows.append(score_row("attribution", "cue-pair", result["attributions"], width=12))
    for name in ("stance", "source_type", "cites", "chains"):
        t = result[name]
        rows.append(f"{name} agreement on matched pairs: {t['same']}/{t['of']} = {t['percent']}%")
    return "\n".join(rows)
