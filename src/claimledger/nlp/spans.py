"""Putting model records into spaCy span groups and taking them out again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Span, SpanGroup


def set_span_group(
    doc: Doc, name: str, records: Iterable[Any], label_attr: str | None = None
) -> None:
    """Store records (start/end char offsets) as doc.spans[name]; each span carries its record."""
    spans: list[Span] = []
    for index, record in enumerate(records):
        label = str(getattr(record, label_attr)) if label_attr else name
        aligned = doc.char_span(record.start, record.end, alignment_mode="expand")
        start, end = (aligned.start, aligned.end) if aligned is not None else (0, 0)
        # A distinct span_id per record: span extension values are keyed by extent, label and
        # span_id, so two records on the same words would otherwise share one value.
        span = Span(doc, start, end, label=label, span_id=f"{name}:{index}")
        span._.record = record
        spans.append(span)
    doc.spans[name] = SpanGroup(doc, name=name, spans=spans)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence, trailing whitespace excluded."""
    text = doc.text
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        end = sent.end_char
        while end > sent.start_char and text[end - 1].isspace():
            end -= 1
        if end > sent.start_char:
            bounds.append((sent.start_char, end))
    return bounds


def records(doc: Doc, name: str) -> list[Any]:
    """The records of span group `name`, in the order they were set."""
    if name not in doc.spans:
        return []
    return [span._.record for span in doc.spans[name] if span._.record is not None]
