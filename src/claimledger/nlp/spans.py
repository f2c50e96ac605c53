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
    for record in records:
        label = str(getattr(record, label_attr)) if label_attr else name
        span = doc.char_span(record.start, record.end, label=label, alignment_mode="expand")
        if span is None:  # an empty or out-of-range record: keep it on a zero-width span
            span = doc[0:0]
        span._.record = record
        spans.append(span)
    doc.spans[name] = SpanGroup(doc, name=name, spans=spans)


def records(doc: Doc, name: str) -> list[Any]:
    """The records of span group `name`, in the order they were set."""
    if name not in doc.spans:
        return []
    return [span._.record for span in doc.spans[name] if span._.record is not None]
