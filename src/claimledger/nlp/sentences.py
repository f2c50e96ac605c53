"""Sentence boundaries for news text: paragraphs, end punctuation, abbreviations."""

from __future__ import annotations

import re
from functools import cache
from typing import cast

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from claimledger.resources import read_lines

# A candidate end: . ! ? or an ellipsis, optional closing quotes/brackets, then whitespace.
_END = re.compile(r"(?:\.{3}|…|[.!?])[\"'”’»)\]]*(?=\s)")
# What may open the next sentence: a capital, digit or opening quote/bracket.
_OPENER = re.compile(r"\s+[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(always, before_digit_only) abbreviation sets."""
    lines = read_lines("en/abbreviations.txt")
    before_digit = frozenset(x.split()[0] for x in lines if x.endswith(" +digit"))
    always = frozenset(x for x in lines if not x.endswith(" +digit"))
    return always, before_digit


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence.

    A blank line always ends a sentence. A single line break does too (news text puts one
    paragraph or heading per line) unless the block is hard-wrapped prose, or the line plainly
    runs on into the next ("said on" / "monday that").
    """
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        for start, end in _segments(text, block.start(), block.end()):
            spans.extend(_split_line(text, start, end))
    return spans


_LINE_END = re.compile(r"[.!?:;…\"'”’»)\]]$")
_RUNS_ON = re.compile(r"(?:[a-z,]|\b(?:the|a|an|of|to|in|on|and|or|that))$")


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of a block of non-blank lines that sentences may span."""
    lines = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", text[start:end])]
    non_final = lines[:-1]
    open_lines = sum(1 for a, b in non_final if not _LINE_END.search(text[a:b].rstrip()))
    mean_length = sum(b - a for a, b in lines) / len(lines)
    if len(lines) >= 3 and open_lines * 3 >= len(non_final) * 2 and mean_length >= 20:
        return [(start, end)]  # hard-wrapped prose: line breaks are spaces
    segments = [lines[0]]
    for a, b in lines[1:]:
        previous = text[segments[-1][0] : segments[-1][1]].rstrip()
        if _RUNS_ON.search(previous) and text[a : a + 1].islower():
            segments[-1] = (segments[-1][0], b)
        else:
            segments.append((a, b))
    return segments


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    line = text[start:end]
    cursor = 0
    for match in _END.finditer(line):
        stop = match.end()
        if not _OPENER.match(line, stop) or _is_abbreviation(line, match.start()):
            continue
        out.append((cursor, stop))
        cursor = stop
    out.append((cursor, len(line)))
    result = []
    for a, b in out:
        piece = line[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            result.append((start + a + lead, start + a + trail))
    return result


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    # look back a short window only: searching the whole prefix would be quadratic
    word = _WORD_BEFORE.search(line[max(0, dot - 40) : dot])
    if not word:
        return False
    token = word.group(1).lower()
    if len(token) == 1 and token.isalpha():  # an initial: "John F. Kennedy"
        return True
    always, before_digit = _abbreviations()
    token = token.rstrip(".")
    if token in always:
        return True
    return token in before_digit and line[dot + 1 :].lstrip()[:1].isdigit()


def set_sentence_starts(doc: Doc, spans: list[tuple[int, int]]) -> None:
    """Mark the token at each sentence start; every other token is not a start."""
    starts = {start for start, _ in spans}
    # one array write: setting token.is_sent_start one by one rescans the doc each time
    values = numpy.array(
        [[1 if token.i == 0 or token.idx in starts else -1] for token in doc], dtype="int64"
    )
    if len(doc):
        doc.from_array([SENT_START], cast(Ints2d, values.astype("uint64")))


@Language.factory("claimledger_sentences", assigns=["token.is_sent_start"])
def make_sentencizer(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class SentenceSplitter:
    """Sets sentence starts from split_sentences."""

    def __call__(self, doc: Doc) -> Doc:
        set_sentence_starts(doc, split_sentences(doc.text))
        return doc
