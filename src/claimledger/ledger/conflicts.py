"""Within one claim group: independent sources, conflicting figures, running totals.

Figures are compared as intervals. A hedge widens a figure as documented in
``resources/en/ledger/rules.json`` ("about 12 000" is 10 800-13 200, "up to 6 million" and
"nearly 5 million" are read as within 10% below the bound, "more than" within 10% above);
a range is taken as given. Two figures conflict when their intervals are further apart than
``tolerance`` (5%) of the larger figure. Only like is compared with like: the same unit, both
planned or both done, both totals or both not, times that overlap (a count of things
transferred is a tally covering its event time up to its report, or the quarter before the
report; any other figure needs a stated event time), and not two figures of one article from
one source. Figures marked as increments ("another 3 000") are never compared one to one; each
article's base figure plus its increments is a running total, checked against the totals the
group states ("out of 15 000", "in total") that were reported within a quarter of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimledger.ledger.facts import Fact
from claimledger.ledger.rules import LedgerRules, ledger_rules

SourceKey = Callable[[Fact], tuple[str, str]]


@dataclass(slots=True)
class Side:
    """One figure in a finding, with who said it and when."""

    article_id: str
    claim_id: str
    source: str
    figure: str
    low: float
    high: float
    report: str | None
    event: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "claim_id": self.claim_id,
            "source": self.source,
            "figure": self.figure,
            "low": self.low,
            "high": self.high,
            "report": self.report,
            "event": self.event,
        }


@dataclass(slots=True)
class Finding:
    """``conflict`` (figures that disagree), ``cumulative`` (parts that add up to a stated
    or running total) or ``cumulative_mismatch`` (parts that do not add up to a stated total)."""

    kind: str
    sides: list[Side]
    total: Side | None = None
    detail: str = ""
    sum: tuple[float, float] | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sides": [side.to_dict() for side in self.sides],
            "total": self.total.to_dict() if self.total else None,
            "sum": list(self.sum) if self.sum else None,
            "detail": self.detail,
        }


def independent_sources(facts: Sequence[Fact], key: SourceKey) -> dict[str, str]:
    """Source key -> display name, one entry per independent source."""
    out: dict[str, str] = {}
    for fact in facts:
        source_key, name = key(fact)
        out.setdefault(source_key, name)
    return out


def intervals_apart(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    """True when the gap between two intervals exceeds ``tolerance`` of the larger magnitude."""
    gap = max(a[0], b[0]) - min(a[1], b[1])
    scale = max(abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]))
    return gap > tolerance * scale


def is_tally(fact: Fact, rules: LedgerRules) -> bool:
    """A count of things transferred ("sent 12 000 troops", "up to 6 million shells") adds up
    over time; a sum of money is one package, and an attack or a loss is one event."""
    return fact.family in rules.open_time_families and fact.unit is None


def _event_span(fact: Fact, rules: LedgerRules) -> tuple[str, str] | None:
    """The time a figure is about; None when unknown (only a tally has a time without one).

    A tally holds from its event time up to the day it was reported; without an event time it
    covers the window before the report (a quarter), so estimates reported months apart are
    history, not contradiction.
    """
    start, end = fact.event_start, fact.event_end
    report_start, report_end = fact.report_start, fact.report_end
    if not is_tally(fact, rules) or not (report_start and report_end):
        return (start, end) if start and end else None
    if start and end:
        return start, max(end, report_end)
    window = dt.timedelta(days=rules.open_time_window_days)
    return (dt.date.fromisoformat(report_start) - window).isoformat(), report_end


def _times_overlap(a: Fact, b: Fact, rules: LedgerRules) -> bool:
    """Whether two figures are about the same time: events need stated times that overlap."""
    span_a, span_b = _event_span(a, rules), _event_span(b, rules)
    if span_a is None or span_b is None:
        return False
    return span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def _side(fact: Fact, key: SourceKey) -> Side:
    assert fact.low is not None and fact.high is not None
    return Side(
        article_id=fact.article_id,
        claim_id=fact.claim_id,
        source=key(fact)[1],
        figure=fact.quantity_text or "",
        low=fact.low,
        high=fact.high,
        report=fact.report,
        event=fact.event,
    )


def find_conflicts(facts: Sequence[Fact], key: SourceKey) -> list[Finding]:
    """Pairs of figures from different sources about the same thing that disagree."""
    rules = ledger_rules()
    tolerance = rules.tolerance
    figures = [f for f in facts if f.has_figure and not f.increment]
    findings: list[Finding] = []
    seen: set[tuple[str, str, float, float, float, float]] = set()
    for i, a in enumerate(figures):
        for b in figures[i + 1 :]:
            key_a, key_b = key(a)[0], key(b)[0]
            # One source may restate a figure differently in another article: that is shown.
            if key_a == key_b and a.article_id == b.article_id:
                continue
            # the same kind of figure: killed is not wounded, a daily rate is not a total
            if _kind(a) != _kind(b):
                continue
            if not _times_overlap(a, b, rules):
                continue
            interval_a = (a.low or 0.0, a.high or 0.0)
            interval_b = (b.low or 0.0, b.high or 0.0)
            if not intervals_apart(interval_a, interval_b, tolerance):
                continue
            first, second = sorted(((key_a, interval_a), (key_b, interval_b)))
            signature = (first[0], second[0], *first[1], *second[1])
            if signature in seen:  # the same disagreement repeated by copies of a report
                continue
            seen.add(signature)
            sides = sorted([_side(a, key), _side(b, key)], key=lambda s: (s.report or "", s.source))
            findings.append(
                Finding(
                    "conflict",
                    sides,
                    detail=f"{sides[0].figure} ({sides[0].source}) vs"
                    f" {sides[1].figure} ({sides[1].source})",
                )
            )
    return findings


def _kind(fact: Fact, total: bool = True) -> tuple[Any, ...]:
    """What makes two figures comparable: unit, plan or fact, what they count, per time or not
    (and, for conflicts, whether both are stated totals)."""
    return (fact.unit, fact.planned, fact.measure, fact.rate, fact.total if total else None)


def _running_totals(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Per article: a base figure and the increments that follow it, in claim order."""
    chains: list[list[Fact]] = []
    by_article: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.has_figure and fact.kind == "claim" and not fact.total:
            by_article.setdefault(fact.article_id, []).append(fact)
    for article_facts in by_article.values():
        current: list[Fact] | None = None
        for fact in sorted(article_facts, key=lambda f: _claim_order(f.claim_id)):
            if not fact.increment:
                current = [fact]
                chains.append(current)
            elif current is not None and _kind(current[0], total=False) == _kind(
                fact, total=False
            ):
                current.append(fact)
    return [chain for chain in chains if len(chain) > 1]


def _claim_order(claim_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in claim_id.split(".")[0] if ch.isdigit())
    return (int(digits) if digits else 0, claim_id)


def find_cumulative(facts: Sequence[Fact], key: SourceKey) -> list[Finding]:
    """Running totals (base + increments) and whether stated totals agree with them."""
    rules = ledger_rules()
    tolerance = rules.tolerance
    totals = [f for f in facts if f.has_figure and f.total and not f.increment]
    findings: list[Finding] = []
    seen: set[tuple[Any, ...]] = set()
    for chain in _running_totals(facts):
        low = sum(f.low or 0.0 for f in chain)
        high = sum(f.high or 0.0 for f in chain)
        # copies of a story repeat its running total: it is listed once
        signature = tuple((key(f)[0], f.low, f.high, f.event) for f in chain)
        if signature in seen:
            continue
        seen.add(signature)
        latest = max((f.event_start or "" for f in chain), default="")
        parts = [_side(f, key) for f in chain]
        candidates = [
            t
            for t in totals
            if _kind(t, total=False) == _kind(chain[0], total=False)
            and (t.event_end or t.report_end or "9999") >= latest
            and _reported_near(t, chain[-1], rules.open_time_window_days)
        ]
        if not candidates:
            findings.append(Finding("cumulative", parts, None, _sum_text(parts), (low, high)))
            continue
        for total in _distinct(candidates, key):
            assert total.low is not None and total.high is not None
            apart = intervals_apart((low, high), (total.low, total.high), tolerance)
            kind = "cumulative_mismatch" if apart else "cumulative"
            stated = _side(total, key)
            detail = f"{_sum_text(parts)} {'≠' if apart else '='} {stated.figure}"
            findings.append(Finding(kind, parts, stated, detail, (low, high)))
    return findings


def _distinct(totals: Sequence[Fact], key: SourceKey) -> list[Fact]:
    """One of each stated total: a source's figure repeated by copies counts once."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for total in totals:
        signature = (key(total)[0], total.low, total.high, total.event)
        if signature not in seen:
            seen.add(signature)
            out.append(total)
    return out


def _reported_near(a: Fact, b: Fact, days: int) -> bool:
    """Reported within ``days`` of each other (a running total and a stated one that are far
    apart in time count different things); unknown report times are near anything."""
    if not (a.report_start and b.report_start):
        return True
    gap = dt.date.fromisoformat(a.report_start) - dt.date.fromisoformat(b.report_start)
    return abs(gap.days) <= days


def _sum_text(parts: Sequence[Side]) -> str:
    return " + ".join(f"{p.figure}" + (f" ({p.event})" if p.event else "") for p in parts)
