"""The one exception the store raises."""

from __future__ import annotations


class StoreError(Exception):
    """A store operation failed; the message says what to do."""
