"""Every custom spaCy attribute claimledger uses, declared in one place."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def register_extensions() -> None:
    """Declare the extensions once; called by each component's factory, never on import."""
    if not Doc.has_extension("published"):
        # The document creation time (ISO date or date-time) that relative times anchor on.
        Doc.set_extension("published", default=None)
    if not Span.has_extension("record"):
        # The claimledger.model record a span-group span stands for.
        Span.set_extension("record", default=None)
