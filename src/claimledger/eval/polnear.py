"""PolNeAR evaluation: read brat standoff gold, run attribution, write .ann files, score spans.

Gold: one annotation per article. PolNeAR gives each train/dev/test article to one annotator,
except an agreement set that all annotators did (``NAME_<annotator>.ann`` several times; 16 in
train, 2 in dev): there the annotator agreeing best with the others is the gold, so every
article counts once and no single annotator's habits decide it. Spans are compared by
their extent (first fragment start, last fragment end); a discontinuous gold span
(``Content 10 20;25 40``) is compared as 10-40. Exact: same extent. Overlap: extents share a
character; precision counts predicted spans overlapping some gold span, recall gold spans
overlapping some predicted one. Attributions whose cue lies in a ``Discard`` region (text the
annotators set aside: editor's notes, copyright lines) are not scored; ``Discuss`` marks are
ignored.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimledger.eval import rates
from claimledger.model import Attribution
from claimledger.nlp.attribution import find_attributions
from claimledger.nlp.attribution_model import SpanTagger
from claimledger.nlp.sentences import split_sentences

ROLES: tuple[str, ...] = ("cue", "source", "content")
_BRAT_ROLES = {"Cue": "cue", "Source": "source", "Content": "content"}

Span = tuple[int, int]
GOLD_CONVENTION = "one file per article; for multi-annotator articles the consensus annotator"


class PolnearError(ValueError):
    """A PolNeAR folder or brat file is not in the expected form."""


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One brat Attribution event: its cue, source and content extents (None when absent)."""

    cue: Span | None
    source: Span | None
    content: Span | None


def parse_ann(ann: str) -> tuple[dict[str, set[Span]], list[GoldAttribution]]:
    """Spans per role and the linked attribution events of a brat .ann text."""
    entities: dict[str, tuple[str, Span]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0][1:].isdigit():
            continue  # continuation lines of multi-line span texts, notes
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            fragments = [f.split() for f in offsets.split(";")]
            try:
                start, end = int(fragments[0][0]), int(fragments[-1][-1])
            except (ValueError, IndexError):
                raise PolnearError(f"bad span line {line!r}") from None
            entities[parts[0]] = (label, (start, end))
        elif parts[0].startswith("E"):
            args = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append(args)
    spans: dict[str, set[Span]] = {role: set() for role in ROLES}
    for label, span in entities.values():
        if label in _BRAT_ROLES:
            spans[_BRAT_ROLES[label]].add(span)
    attributions = []
    for args in events:
        found = {role: _entity_span(entities, args.get(name)) for name, role in _BRAT_ROLES.items()}
        attributions.append(GoldAttribution(found["cue"], found["source"], found["content"]))
    return spans, attributions


def discarded_regions(ann: str) -> list[Span]:
    """The regions annotators set aside as not news text (``Discard``: editor's notes,
    copyright lines); predictions inside them are not scored."""
    regions = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T") and parts[1].startswith("Discard "):
            fragments = parts[1].split(" ", 1)[1].split(";")
            regions.append((int(fragments[0].split()[0]), int(fragments[-1].split()[-1])))
    return regions


def _entity_span(entities: dict[str, tuple[str, Span]], key: str | None) -> Span | None:
    return entities[key][1] if key in entities else None


def predicted_spans(attributions: Iterable[Attribution]) -> dict[str, set[Span]]:
    spans: dict[str, set[Span]] = {role: set() for role in ROLES}
    for attribution in attributions:
        for role in ROLES:
            ref = getattr(attribution, role)
            if ref is not None:
                spans[role].add((ref.start, ref.end))
    return spans


def polnear_style(text: str, attributions: Iterable[Attribution]) -> list[Attribution]:
    """The attributions with PolNeAR's span convention for apposed sources: a source holding a
    comma ("Marta Kowal, a councillor from Lublin") takes the comma that closes the
    apposition (PolNeAR train: 865 such sources end with it, 96 do not; sources without an
    inner comma take it 3 times in 751). Our own records leave punctuation out."""
    styled = []
    for attribution in attributions:
        source = attribution.source
        if source is not None and "," in source.text and text[source.end : source.end + 1] == ",":
            wider = replace(source, end=source.end + 1, text=text[source.start : source.end + 1])
            attribution = replace(attribution, source=wider)
        styled.append(attribution)
    return styled


def to_brat(text: str, attributions: Sequence[Attribution]) -> str:
    """Brat standoff for attributions: T lines for source, cue, content; one E line each."""
    lines: list[str] = []
    number = 0
    for event, attribution in enumerate(attributions, 1):
        args: list[str] = []
        for label, role in (("Source", "source"), ("Cue", "cue"), ("Content", "content")):
            ref = getattr(attribution, role)
            if ref is None:
                continue
            number += 1
            fragment = " ".join(text[ref.start : ref.end].split())
            lines.append(f"T{number}\t{label} {ref.start} {ref.end}\t{fragment}")
            args.append(f"{label}:T{number}")
        number += 1
        cue = attribution.cue
        kind = "Attribution" if attribution.source is not None else "Attribution-no-source"
        lines.append(f"T{number}\t{kind} {cue.start} {cue.end}\t{' '.join(cue.text.split())}")
        lines.append(f"E{event}\t{kind}:T{number} " + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")


@dataclass(slots=True)
class Counts:
    """Matched predicted, matched gold, predicted and gold span counts."""

    hit_pred: int = 0
    hit_gold: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.hit_pred += other.hit_pred
        self.hit_gold += other.hit_gold
        self.pred += other.pred
        self.gold += other.gold

    def scores(self) -> dict[str, float]:
        precision, recall, f1 = rates(self.hit_pred, self.hit_gold, self.pred, self.gold)
        return {
            "precision": round(100 * precision, 1),
            "recall": round(100 * recall, 1),
            "f1": round(100 * f1, 1),
            "predicted": self.pred,
            "gold": self.gold,
        }


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span[0] < other[1] and other[0] < span[1] for other in others)


def score_spans(gold: set[Span], pred: set[Span]) -> tuple[Counts, Counts]:
    """(exact, overlap) counts of one role in one document."""
    exact = len(gold & pred)
    overlap_pred = sum(1 for span in pred if _overlaps(span, gold))
    overlap_gold = sum(1 for span in gold if _overlaps(span, pred))
    return (
        Counts(exact, exact, len(pred), len(gold)),
        Counts(overlap_pred, overlap_gold, len(pred), len(gold)),
    )


def gold_files(data_dir: Path) -> list[tuple[Path, Path]]:
    """(text file, gold .ann file) per article.

    Most articles have one annotator. The few that all annotators annotated (PolNeAR's agreement
    set; metadata.tsv lists every annotator for them) count once, with the annotator who agrees
    best with the others as the gold (see ``consensus_annotation``).
    """
    text_dir, anns = _annotations(data_dir)
    return [
        (text_dir / f"{name}.txt", consensus_annotation(paths))
        for name, paths in sorted(anns.items())
        if (text_dir / f"{name}.txt").is_file()
    ]


def _annotations(data_dir: Path) -> tuple[Path, dict[str, list[Path]]]:
    """The text folder, and the .ann files per article name (``NAME_<annotator>.ann``)."""
    text_dir, ann_dir = data_dir / "text", data_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise PolnearError(f"{data_dir} needs text/ and attributions/ folders (PolNeAR layout)")
    anns: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    return text_dir, anns


@contextmanager
def subset_dir(files: Sequence[tuple[Path, Path]]) -> Iterator[Path]:
    """A temporary PolNeAR-layout folder holding these (text, .ann) pairs as links, so that
    ``run`` can score part of a split (a fold, a held-out part)."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "text").mkdir()
        (base / "attributions").mkdir()
        for text_path, ann_path in files:
            (base / "text" / text_path.name).symlink_to(text_path.resolve())
            (base / "attributions" / ann_path.name).symlink_to(ann_path.resolve())
        yield base


def consensus_annotation(paths: Sequence[Path]) -> Path:
    """The annotation agreeing best with the others: the highest summed exact-match F1 of its
    cue, source and content spans against every other annotator's; ties go to the first path."""
    if len(paths) == 1:
        return paths[0]
    spans = []
    for path in paths:
        by_role, _events = parse_ann(path.read_text(encoding="utf-8"))
        spans.append({(role, span) for role in ROLES for span in by_role[role]})

    def agreement(n: int) -> float:
        total = 0.0
        for m, other in enumerate(spans):
            if m != n and spans[n] | other:
                total += 2 * len(spans[n] & other) / (len(spans[n]) + len(other))
        return total

    best = max(range(len(paths)), key=lambda n: (agreement(n), -n))
    return paths[best]


def run(
    data_dir: Path, out_dir: Path, errors: bool = False, tagger: SpanTagger | None = None
) -> dict[str, Any]:
    """Attribute every text of a PolNeAR split, write OUT_DIR/NAME.ann, score against gold
    (with a cue tagger, its cues are candidates besides the lexicon's)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    totals = {(role, mode): Counts() for role in ROLES for mode in ("exact", "overlap")}
    mistakes: list[dict[str, Any]] = []
    files = gold_files(data_dir)
    for text_path, ann_path in files:
        text = text_path.read_text(encoding="utf-8")
        ann = ann_path.read_text(encoding="utf-8")
        gold, _events = parse_ann(ann)
        discarded = discarded_regions(ann)
        found = polnear_style(text, find_attributions(text, split_sentences(text), tagger=tagger))
        (out_dir / f"{text_path.stem}.ann").write_text(to_brat(text, found), encoding="utf-8")
        found = [f for f in found if not any(a <= f.cue.start < b for a, b in discarded)]
        pred = predicted_spans(found)
        for role in ROLES:
            exact, overlap = score_spans(gold[role], pred[role])
            totals[(role, "exact")].add(exact)
            totals[(role, "overlap")].add(overlap)
            if errors:
                mistakes.extend(_mistakes(text_path.stem, text, role, gold[role], pred[role]))
    result: dict[str, Any] = {
        "articles": len(files),
        "gold": GOLD_CONVENTION,
        "scores": {
            role: {mode: totals[(role, mode)].scores() for mode in ("exact", "overlap")}
            for role in ROLES
        },
    }
    if errors:
        result["errors"] = mistakes
    return result


def agreement(data_dir: Path) -> dict[str, Any]:
    """How far PolNeAR's annotators agree, as a ceiling for a system scored against one of them.

    Over the articles that several annotators did (the agreement set), with the same span
    matching as ``run``: every annotator against every other ("pairwise"); every annotator
    against the spans a majority of the others marked ("majority": roughly the best one can
    expect from a system that finds what annotators usually find); and this system against
    every annotator ("system"). Spans inside a ``Discard`` region of the annotator taken as
    the gold are not scored.
    """
    text_dir, groups = _annotations(data_dir)
    shared = {name: paths for name, paths in groups.items() if len(paths) > 1}
    comparisons = ("pairwise", "majority", "system")
    totals = {
        (kind, role, mode): Counts()
        for kind in comparisons
        for role in ROLES
        for mode in ("exact", "overlap")
    }

    def add(kind: str, gold: dict[str, set[Span]], other: dict[str, set[Span]], ann: str) -> None:
        regions = discarded_regions(ann)
        for role in ROLES:
            kept = {s for s in other[role] if not any(a <= s[0] < b for a, b in regions)}
            exact, overlap = score_spans(gold[role], kept)
            totals[(kind, role, "exact")].add(exact)
            totals[(kind, role, "overlap")].add(overlap)

    for name, paths in shared.items():
        anns = [path.read_text(encoding="utf-8") for path in paths]
        spans = [parse_ann(ann)[0] for ann in anns]
        text_path = text_dir / f"{name}.txt"
        system = None
        if text_path.is_file():
            text = text_path.read_text(encoding="utf-8")
            found = find_attributions(text, split_sentences(text))
            system = predicted_spans(polnear_style(text, found))
        for n, (gold, ann) in enumerate(zip(spans, anns, strict=True)):
            others = [s for m, s in enumerate(spans) if m != n]
            for other in others:
                add("pairwise", gold, other, ann)
            majority = {
                role: {
                    span
                    for span in set().union(*(o[role] for o in others))
                    if 2 * sum(span in o[role] for o in others) > len(others)
                }
                for role in ROLES
            }
            add("majority", gold, majority, ann)
            if system is not None:
                add("system", gold, system, ann)
    return {
        "articles": len(shared),
        "annotations": sum(len(paths) for paths in shared.values()),
        "scores": {
            kind: {
                role: {mode: totals[(kind, role, mode)].scores() for mode in ("exact", "overlap")}
                for role in ROLES
            }
            for kind in comparisons
        },
    }


def _mistakes(
    name: str, text: str, role: str, gold: set[Span], pred: set[Span]
) -> list[dict[str, Any]]:
    """Gold spans no prediction overlaps (missed) and predictions overlapping no gold (spurious)."""
    out = []
    for kind, spans, other in (("missed", gold - pred, pred), ("spurious", pred - gold, gold)):
        for start, end in sorted(spans):
            partial = _overlaps((start, end), other)
            out.append(
                {
                    "file": name,
                    "role": role,
                    "kind": f"{kind}-boundary" if partial else kind,
                    "start": start,
                    "end": end,
                    "text": " ".join(text[start:end].split()),
                }
            )
    return out


def format_scores(result: dict[str, Any]) -> str:
    """A plain table of the scores, for printing."""
    return "\n".join(score_rows(result["scores"]))


def score_rows(scores: dict[str, dict[str, dict[str, Any]]], width: int = 8) -> list[str]:
    """The lines of a span score table: a header, then one line per role and mode
    (`Counts.scores` dicts); `width` is the first column's."""
    rows = [f"{'span':<{width}} {'mode':<8} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}"]
    for role, modes in scores.items():
        for mode, s in modes.items():
            rows.append(score_row(role, mode, s, width))
    return rows


def score_row(role: str, mode: str, s: dict[str, Any], width: int = 8) -> str:
    return (
        f"{role:<{width}} {mode:<8} {s['precision']:>6} {s['recall']:>6} {s['f1']:>6}"
        f" {s['predicted']:>6} {s['gold']:>6}"
    )
