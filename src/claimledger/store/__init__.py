"""The SQLite store: the only code in claimledger that speaks SQL."""

from __future__ import annotations

from claimledger.store.db import AddResult, ArticleRow, SearchHit, Store
from claimledger.store.errors import StoreError
from claimledger.store.migrations import MIGRATIONS, Migrations

__all__ = [
    "MIGRATIONS",
    "AddResult",
    "ArticleRow",
    "Migrations",
    "SearchHit",
    "Store",
    "StoreError",
]
