"""Every custom spaCy attribute claimledger uses, declared in one place."""

from __future__ import annotations

from typing import Any, cast

from spacy.tokens import Doc, Span


def _record_key(span: Span) -> tuple[str, int, int, str, str]:
    # spaCy keys plain span extensions by extent only; label and span id keep two records on
    # the same words (two attributions of one clause) apart.
    return ("claimledger.record", span.start_char, span.end_char, span.label_, span.id_)


def _user_data(span: Span) -> dict[Any, Any]:
    return cast(dict[Any, Any], span.doc.user_data)  # typed as str-keyed; spaCy uses tuples too


def _get_record(span: Span) -> Any:
    return _user_data(span).get(_record_key(span))


def _set_record(span: Span, record: Any) -> None:
    _user_data(span)[_record_key(span)] = record


def register_extensions() -> None:
    """Declare the extensions once; called by each component's factory, never on import."""
    if not Doc.has_extension("published"):
        # The document creation time (ISO date or date-time) that relative times anchor on.
        Doc.set_extension("published", default=None)
    if not Span.has_extension("record"):
        # The claimledger.model record a span-group span stands for.
        Span.set_extension("record", getter=_get_record, setter=_set_record)
