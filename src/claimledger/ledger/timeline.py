"""Timelines: what happened when (event time) and when it was said (report time)."""

from __future__ import annotations

from typing import Any

from claimledger.ledger.facts import Fact
from claimledger.ledger.groups import LedgerIndex
from claimledger.ledger.queries import claim_row, entities_of

TIMELINE_COLUMNS = ("when", "event", "reported", "role", "type", "figure", "source", "text")
ORDERS = ("event", "report")


def _order_key(fact: Fact, by: str) -> tuple[str, str, str, str]:
    # Facts without the chosen time sort last; ties keep article and claim order.
    if by == "event":
        first = fact.event_start or fact.report_start or "\uffff"
        return (first, fact.report_start or "\uffff", fact.article_id, fact.claim_id)
    return (fact.report_start or "\uffff", fact.event_start or "", fact.article_id, fact.claim_id)


def _rows(index: LedgerIndex, picked: list[tuple[int, Fact, str]], by: str) -> list[dict[str, Any]]:
    if by not in ORDERS:
        raise ValueError(f"unknown timeline order {by!r}; use {' or '.join(ORDERS)}")
    picked.sort(key=lambda item: _order_key(item[1], by))
    rows = []
    for group, fact, role in picked:
        row = claim_row(index, group, fact)
        when = (fact.event_start if by == "event" else None) or fact.report_start
        rows.append({"when": when, "role": role, **row})
    return rows


def entity_timeline(index: LedgerIndex, entity_ref: str, by: str = "event") -> list[dict[str, Any]]:
    """Every claim involving the entity (as actor, place or source), in time order."""
    entity = index.entity_ref(entity_ref)
    picked = []
    for group, fact in index.facts():
        role = entities_of(index, fact).get(entity)
        if role is not None:
            picked.append((group, fact, role))
    return _rows(index, picked, by)


def group_timeline(index: LedgerIndex, group_id: int, by: str = "event") -> list[dict[str, Any]]:
    """The members of one claim group in time order."""
    picked = [(group, fact, "member") for group, fact in index.facts() if group == group_id]
    return _rows(index, picked, by)
