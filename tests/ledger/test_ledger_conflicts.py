"""Conflicting figures and running totals within a claim group (hand-built facts)."""

from __future__ import annotations

from typing import Any

import pytest

from claimledger.ledger.conflicts import (
    find_conflicts,
    find_cumulative,
    independent_sources,
    intervals_apart,
)
from claimledger.ledger.facts import Fact


def fact(claim_id: str, source: str, low: float, high: float, **extra: Any) -> Fact:
    data: dict[str, Any] = {
        "article_id": extra.pop("article", "a1"),
        "claim_id": claim_id,
        "kind": "claim",
        "type": "AID",
        "family": "transfer",
        "actors": [("country:PRK", "agent"), ("country:RUS", "recipient")],
        "item": "shell",
        "item_class": "shell",
        "place": None,
        "modality": "asserted",
        "planned": False,
        "text": "",
        "published": "2025-06-19",
        "title": None,
        "outlet": "article:a1",
        "outlet_name": "article a1",
        "quantity_text": f"{low:g}-{high:g}",
        "value": high,
        "low": low,
        "high": high,
        "source": source,
        "report_start": "2025-06-19",
        "report_end": "2025-06-19",
    }
    data.update(extra)
    return Fact(**data)


def by_source(f: Fact) -> tuple[str, str]:
    return f.source or f.outlet, f.source or f.outlet_name


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ((5.4e6, 6e6), (4.5e6, 5e6), True),  # up to 6 million vs nearly 5 million
        ((9900, 12100), (10800, 13200), False),  # about 11 000 vs about 12 000
        ((15000, 15000), (15500, 15500), False),  # 3% apart: within the 5% tolerance
        ((15000, 15000), (27000, 33000), True),
        ((36, 108), (100, 100), False),  # "several dozen" holds 100
    ],
)
def test_intervals_apart(a: tuple[float, float], b: tuple[float, float], apart: bool) -> None:
    assert intervals_apart(a, b, 0.05) is apart


def test_figures_from_two_sources_that_differ_conflict() -> None:
    reuters = fact("c1", "Reuters", 5.4e6, 6e6, report="2025-04")
    shin = fact("c2", "Shin Won Sik", 4.5e6, 5e6, report="2025-06-14", article="a2")
    copy = fact("c1", "Reuters", 5.4e6, 6e6, report="2025-04-16", article="a3")
    [finding] = find_conflicts([reuters, shin, copy], by_source)
    assert finding.kind == "conflict"
    # sides in report order, with sources and dates
    assert [(s.source, s.report) for s in finding.sides] == [
        ("Reuters", "2025-04"),
        ("Shin Won Sik", "2025-06-14"),
    ]
    assert independent_sources([reuters, shin, copy], by_source) == {
        "Reuters": "Reuters",
        "Shin Won Sik": "Shin Won Sik",
    }


@pytest.mark.parametrize(
    ("other", "why"),
    [
        ({"source": "Reuters"}, "one source, one article"),
        ({"planned": True}, "a plan is not a delivery"),
        ({"increment": True}, "another N is a part, not the whole"),
        ({"total": True}, "a total is compared with totals only"),
        ({"unit": "USD"}, "other unit"),
        ({"measure": "wounded"}, "wounded are not killed"),
        ({"rate": True}, "a daily rate is not a total"),
        (
            {
                "event_start": "2022-01-01",
                "event_end": "2022-01-31",
                "report_start": "2022-02-01",
                "report_end": "2022-02-01",
            },
            "a tally reported before the other began",
        ),
    ],
)
def test_unlike_figures_are_not_compared(other: dict[str, Any], why: str) -> None:
    first = fact("c1", "Reuters", 5.4e6, 6e6, event_start="2023-06-01", event_end="2023-08-31")
    second = fact("c2", other.pop("source", "Shin Won Sik"), 4.5e6, 5e6, **other)
    assert find_conflicts([first, second], by_source) == [], why


def test_figures_of_one_measure_conflict() -> None:
    first = fact("c1", "Kyiv", 900, 1000, measure="killed", event_start="2023-06-01")
    second = fact("c2", "Moscow", 90, 100, measure="killed", article="a2", event_end="2023-06-30")
    assert [f.kind for f in find_conflicts([first, second], by_source)] == ["conflict"]


def test_one_source_changing_its_figure_across_articles_is_shown() -> None:
    first = fact("c1", "NHK", 25000, 25000, item_class="worker", planned=True)
    later = fact("c1", "NHK", 18000, 20000, item_class="worker", planned=True, article="a2")
    assert [f.kind for f in find_conflicts([first, later], by_source)] == ["conflict"]


def _troops(total_low: float, total_high: float) -> list[Fact]:
    base = fact("c5", "", 10800, 13200, event="2024-10", event_start="2024-10-01")
    more = fact("c6", "", 3000, 3000, increment=True, event="2025-03", event_start="2025-03-01")
    total = fact(
        "c5.q5",
        "lawmakers",
        total_low,
        total_high,
        kind="total",
        total=True,
        event="2025-04",
        event_start="2025-04-01",
        event_end="2025-04-30",
    )
    return [more, total, base]


def test_parts_that_add_up_to_a_stated_total() -> None:
    [finding] = find_cumulative(_troops(15000, 15000), by_source)
    assert finding.kind == "cumulative"
    assert finding.sum == (13800, 16200)
    assert finding.detail == "10800-13200 (2024-10) + 3000-3000 (2025-03) = 15000-15000"
    assert finding.total is not None and finding.total.source == "lawmakers"


def test_parts_that_do_not_add_up_are_flagged() -> None:
    [finding] = find_cumulative(_troops(27000, 33000), by_source)
    assert finding.kind == "cumulative_mismatch"
    assert "≠" in finding.detail


def test_a_running_total_without_a_stated_one() -> None:
    facts = _troops(15000, 15000)[:1] + _troops(15000, 15000)[2:]
    [finding] = find_cumulative(facts, by_source)
    assert (finding.kind, finding.total, finding.sum) == ("cumulative", None, (13800, 16200))


@pytest.mark.parametrize(
    ("first", "second", "compared"),
    [
        # an attack's figures are compared only when both state overlapping times
        ({"report_start": "2022-03-01"}, {"report_start": "2022-03-01"}, False),
        (
            {"report_start": "2022-03-02", "event_start": "2022-03-01", "event_end": "2022-03-01"},
            {"report_start": "2022-03-05", "event_start": "2022-03-01", "event_end": "2022-03-31"},
            True,
        ),
        # a transfer is a tally: its event time up to its report, or the quarter before it
        (
            {
                "family": "transfer",
                "report_start": "2025-04-01",
                "event_start": "2023-06-01",
                "event_end": "2023-08-31",
            },
            {"family": "transfer", "report_start": "2025-06-14"},
            True,
        ),
        (
            {"family": "transfer", "report_start": "2022-01-05"},
            {"family": "transfer", "report_start": "2022-06-14"},
            False,
        ),
    ],
)
def test_figures_are_compared_when_their_times_meet(
    first: dict[str, Any], second: dict[str, Any], compared: bool
) -> None:
    def dated(claim_id: str, source: str, low: float, extra: dict[str, Any]) -> Fact:
        extra = {"family": "ASSAULT", **extra, "report_end": extra["report_start"]}
        return fact(claim_id, source, low, low, **extra)

    facts = [dated("c1", "Kyiv", 100, first), dated("c2", "Moscow", 300, second)]
    assert bool(find_conflicts(facts, by_source)) is compared


def test_copies_of_a_running_total_are_listed_once() -> None:
    copies = []
    for original in _troops(15000, 15000):
        copy = Fact.from_dict(original.to_dict())
        copy.article_id = "a2"  # a syndicated copy: same outlet key, same figures
        copies.append(copy)
    assert len(find_cumulative(_troops(15000, 15000) + copies, by_source)) == 1
