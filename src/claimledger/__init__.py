"""claimledger: a sourced, time-stamped ledger of claims from news reports."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from claimledger.api import analyze, analyze_article
from claimledger.ledger import Ledger
from claimledger.model import SCHEMA, Article, Document

try:
    __version__ = version("claimledger")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "SCHEMA",
    "Article",
    "Document",
    "Ledger",
    "__version__",
    "analyze",
    "analyze_article",
]
