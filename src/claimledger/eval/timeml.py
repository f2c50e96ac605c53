"""TempEval-3 style evaluation of the timex tagger on TimeML ``.tml`` files.

`run` reads each gold document's DCT and ``<TEXT>``, tags the plain text with `find_timexes`,
writes the document with the system's ``<TIMEX3>`` tags (the text between tags byte-identical to
the gold's, entities kept as written) and scores the system spans against the gold ones.

Scores follow TempEval-3: strict (same span) and relaxed (overlapping span) precision, recall
and F1 over expressions, with spans paired one to one; type and value F1 count a relaxed pair
only when the attribute is also equal (precision over system, recall over gold expressions).
The DCT itself is never scored.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimledger.eval import rates
from claimledger.model import Timex
from claimledger.nlp.sentences import split_sentences
from claimledger.nlp.timex import find_timexes

_PIECE = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]+|[<&]")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b([^>]*)>", re.DOTALL)


class TimeMLError(ValueError):
    """A .tml file lacks a <TEXT> element or has unbalanced TIMEX3 tags."""


@dataclass(frozen=True, slots=True)
class TimexSpan:
    """One scored expression: character span in the plain text plus its TIMEX3 attributes."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass(slots=True)
class TimeMLDocument:
    """A gold document split into what the tagger reads and what the writer needs."""

    name: str
    source: str  # the whole file
    text_start: int  # offset of the <TEXT> content in source
    text_end: int  # offset of </TEXT> in source
    plain: str  # the content, tags removed and entities decoded: what the tagger reads
    raw: str  # the content, tags removed, entities as written: what the writer emits
    raw_start: list[int]  # raw offset of each plain character (plus one past the end)
    raw_end: list[int]  # raw offset just after each plain character (index i: char i-1)
    dct: str | None
    dct_tid: str
    gold: list[TimexSpan] = field(default_factory=list)


@dataclass(slots=True)
class Counts:
    """Match counts over one or more documents."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type: int = 0
    value: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.type += other.type
        self.value += other.value


def read_tml(path: Path) -> TimeMLDocument:
    """Parse a TimeML file; raise TimeMLError when it cannot be scored."""
    source = path.read_text(encoding="utf-8")
    open_tag = source.find("<TEXT>")
    close_tag = source.find("</TEXT>")
    if open_tag < 0 or close_tag < open_tag:
        raise TimeMLError(f"{path.name}: no <TEXT>...</TEXT> element")
    text_start = open_tag + len("<TEXT>")
    dct_match = _DCT.search(source)
    dct_attrs = dict(_ATTR.findall(dct_match.group(1))) if dct_match else {}
    doc = TimeMLDocument(
        name=path.name,
        source=source,
        text_start=text_start,
        text_end=close_tag,
        plain="",
        raw="",
        raw_start=[],
        raw_end=[0],
        dct=dct_attrs.get("value"),
        dct_tid=dct_attrs.get("tid", "t0"),
    )
    plain: list[str] = []
    raw: list[str] = []
    raw_length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    for piece in _PIECE.finditer(source, text_start, close_tag):
        token = piece.group()
        if token.startswith("<") and len(token) > 1:
            if token.startswith("<TIMEX3"):
                open_timexes.append((len(plain), dict(_ATTR.findall(token))))
            elif token.startswith("</TIMEX3"):
                if not open_timexes:
                    raise TimeMLError(f"{path.name}: </TIMEX3> without an opening tag")
                start, attrs = open_timexes.pop()
                _add_gold(doc, start, len(plain), attrs, "".join(plain[start:]))
            continue
        chars = html.unescape(token) if token.startswith("&") else token
        if token.startswith("&"):
            for char in chars:
                plain.append(char)
                doc.raw_start.append(raw_length)
                doc.raw_end.append(raw_length + len(token))
        else:
            for offset, char in enumerate(chars):
                plain.append(char)
                doc.raw_start.append(raw_length + offset)
                doc.raw_end.append(raw_length + offset + 1)
        raw.append(token)
        raw_length += len(token)
    if open_timexes:
        raise TimeMLError(f"{path.name}: a <TIMEX3> is never closed")
    doc.raw_start.append(raw_length)
    doc.plain = "".join(plain)
    doc.raw = "".join(raw)
    return doc


def _add_gold(doc: TimeMLDocument, start: int, end: int, attrs: dict[str, str], text: str) -> None:
    if end <= start or attrs.get("functionInDocument") == "CREATION_TIME":
        return
    doc.gold.append(TimexSpan(start, end, attrs.get("type", ""), attrs.get("value", ""), text))


def score(gold: Sequence[TimexSpan], system: Sequence[TimexSpan]) -> Counts:
    """Strict, relaxed, type and value match counts of one document's spans."""
    counts = Counts(gold=len(gold), system=len(system))
    exact = {(s.start, s.end) for s in system}
    counts.strict = sum(1 for g in gold if (g.start, g.end) in exact)
    for g, s in relaxed_pairs(gold, system):
        counts.relaxed += 1
        counts.type += g.type == s.type
        counts.value += g.value == s.value
    return counts


def relaxed_pairs(
    gold: Sequence[TimexSpan], system: Sequence[TimexSpan]
) -> list[tuple[TimexSpan, TimexSpan]]:
    """One-to-one pairs of overlapping spans; a gold span takes the system span it overlaps most."""
    pairs: list[tuple[TimexSpan, TimexSpan]] = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda x: (x.start, x.end)):
        best: int | None = None
        best_overlap = 0
        for index, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if index not in used and overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def prf(correct: int, gold: int, system: int) -> dict[str, float]:
    """Precision, recall and F1 in percent, rounded to two decimals."""
    precision, recall, f1 = rates(correct, correct, system, gold)
    return {
        "precision": round(100 * precision, 2),
        "recall": round(100 * recall, 2),
        "f1": round(100 * f1, 2),
    }


def metrics(counts: Counts) -> dict[str, Any]:
    """The TempEval-3 figures of aggregated counts."""
    return {
        "gold": counts.gold,
        "system": counts.system,
        "strict": prf(counts.strict, counts.gold, counts.system),
        "relaxed": prf(counts.relaxed, counts.gold, counts.system),
        "type": prf(counts.type, counts.gold, counts.system),
        "value": prf(counts.value, counts.gold, counts.system),
    }


def tag(doc: TimeMLDocument) -> list[Timex]:
    """The tagger's expressions on a document's plain text, anchored on its DCT."""
    return find_timexes(doc.plain, doc.dct, split_sentences(doc.plain))


def write_tml(doc: TimeMLDocument, found: Sequence[Timex], path: Path) -> None:
    """The gold document with its <TEXT> replaced by the raw text carrying system TIMEX3 tags."""
    tids = {i: f"t{1000 + i}" for i in range(len(found))}
    inserts: list[tuple[int, int, str]] = []  # (raw offset, order, tag)
    for i, timex in enumerate(found):
        attrs = [f'tid="{tids[i]}"', f'type="{timex.type}"', f'value="{timex.value}"']
        for name in ("mod", "quant", "freq"):
            if getattr(timex, name):
                attrs.append(f'{name}="{html.escape(getattr(timex, name))}"')
        anchored = timex.anchor is not None
        attrs.append(f'temporalFunction="{"true" if anchored else "false"}"')
        attrs.append('functionInDocument="NONE"')
        if timex.anchor == "dct":
            attrs.append(f'anchorTimeID="{doc.dct_tid}"')
        elif timex.anchor and timex.anchor.startswith("timex:"):
            attrs.append(f'anchorTimeID="{tids[int(timex.anchor.split(":")[1])]}"')
        inserts.append((doc.raw_start[timex.start], 1, f"<TIMEX3 {' '.join(attrs)}>"))
        inserts.append((doc.raw_end[timex.end], 0, "</TIMEX3>"))
    pieces: list[str] = []
    cursor = 0
    for offset, _order, tag_text in sorted(inserts):
        pieces.append(doc.raw[cursor:offset])
        pieces.append(tag_text)
        cursor = offset
    pieces.append(doc.raw[cursor:])
    body = doc.source[: doc.text_start] + "".join(pieces) + "</TEXT>\n\n</TimeML>\n"
    path.write_text(body, encoding="utf-8")


def _spans(found: Sequence[Timex]) -> list[TimexSpan]:
    return [TimexSpan(t.start, t.end, t.type, t.value, t.text) for t in found]


def _errors(doc: TimeMLDocument, system: list[TimexSpan]) -> list[dict[str, Any]]:
    pairs = relaxed_pairs(doc.gold, system)
    matched_gold = {id(g) for g, _ in pairs}
    matched_system = {id(s) for _, s in pairs}
    out: list[dict[str, Any]] = []
    for g in doc.gold:
        if id(g) not in matched_gold:
            out.append(
                {
                    "file": doc.name,
                    "error": "missed",
                    "text": g.text,
                    "gold": g.value,
                    "context": _context(doc.plain, g),
                }
            )
    for s in system:
        if id(s) not in matched_system:
            out.append(
                {
                    "file": doc.name,
                    "error": "spurious",
                    "text": s.text,
                    "system": s.value,
                    "context": _context(doc.plain, s),
                }
            )
    for g, s in pairs:
        if g.value != s.value or g.type != s.type:
            out.append(
                {
                    "file": doc.name,
                    "error": "wrong value",
                    "text": g.text,
                    "system_text": s.text,
                    "gold": f"{g.type} {g.value}",
                    "system": f"{s.type} {s.value}",
                    "context": _context(doc.plain, g),
                }
            )
    return out


def _context(text: str, span: TimexSpan) -> str:
    return " ".join(text[max(0, span.start - 60) : span.end + 60].split())


def run(gold_dir: Path, out_dir: Path, errors: bool = False) -> dict[str, Any]:
    """Tag every .tml file of `gold_dir`, write system files to `out_dir`, return the scores."""
    paths = sorted(gold_dir.glob("*.tml")) or sorted(gold_dir.rglob("*.tml"))
    out_dir.mkdir(parents=True, exist_ok=True)
    total = Counts()
    failed: list[dict[str, str]] = []
    found_errors: list[dict[str, Any]] = []
    documents = 0
    for path in paths:
        try:
            doc = read_tml(path)
        except (TimeMLError, UnicodeDecodeError) as error:
            failed.append({"file": path.name, "reason": str(error)})
            continue
        found = tag(doc)
        write_tml(doc, found, out_dir / path.name)
        system = _spans(found)
        total.add(score(doc.gold, system))
        documents += 1
        if errors:
            found_errors.extend(_errors(doc, system))
    result: dict[str, Any] = {"documents": documents, **metrics(total)}
    if failed:
        result["failed"] = failed
    if errors:
        result["errors"] = found_errors
    return result
