"""The ledger: many analysed articles in one SQLite file, and the work across them."""

from claimledger.ledger.core import IngestProblem, IngestReport, Ledger

__all__ = ["IngestProblem", "IngestReport", "Ledger"]
