"""The pure calendar arithmetic behind timex values."""

from __future__ import annotations

from datetime import date

import pytest

from claimledger.nlp import timex_normalize as norm

REF = date(2025, 6, 19)  # a Thursday


@pytest.mark.parametrize(
    ("granularity", "expected"),
    [
        ("day", "2025-06-19"),
        ("week", "2025-W25"),
        ("month", "2025-06"),
        ("quarter", "2025-Q2"),
        ("year", "2025"),
        ("decade", "202"),
        ("century", "20"),
    ],
)
def test_format_value(granularity: str, expected: str) -> None:
    assert norm.format_value(REF, granularity) == expected


@pytest.mark.parametrize(
    ("unit", "count", "expected"),
    [
        ("day", 2, date(2025, 6, 21)),
        ("week", -1, date(2025, 6, 12)),
        ("month", -4, date(2025, 2, 19)),
        ("quarter", 1, date(2025, 9, 19)),
        ("year", -1, date(2024, 6, 19)),
        ("decade", -1, date(2015, 6, 19)),
    ],
)
def test_shift(unit: str, count: int, expected: date) -> None:
    assert norm.shift(REF, unit, count) == expected


def test_month_shift_clamps_to_a_shorter_month() -> None:
    assert norm.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("count", "unit", "expected"),
    [
        (2, "day", "P2D"),
        (3, "hour", "PT3H"),
        (1, "month", "P1M"),
        (None, "year", "PXY"),
        (None, "minute", "PTXM"),
        (0.5, "year", "P6M"),  # half a year
        (0.5, "hour", "PT30M"),
        (2, "decade", "P20Y"),
        (1, "fortnight", "P2W"),
        (2, "quarter", "P2Q"),
        (5.5, "hour", "PT5H30M"),  # "5 1/2 hours": the whole part and the rest
        (2.5, "year", "P2Y6M"),
        (1.5, "day", "P1DT12H"),
        (1.5, "week", "P10DT12H"),  # weeks do not mix with days
    ],
)
def test_duration_value(count: float | None, unit: str, expected: str) -> None:
    assert norm.duration_value(count, unit) == expected


@pytest.mark.parametrize(
    ("month", "day", "tense", "expected"),
    [
        (6, 14, "past", 2025),  # "said on June 14" in a June 19 report
        (12, None, "past", 2024),  # "in December", past events
        (12, None, "future", 2025),  # "will ... in December"
        (3, 1, "future", 2026),
        (12, None, None, 2024),  # no tense: the past one
        (7, 2, None, 2025),  # no tense but only two weeks ahead: upcoming
        (6, None, "past", 2025),  # the current month
    ],
)
def test_infer_year(month: int, day: int | None, tense: str | None, expected: int) -> None:
    assert norm.infer_year(month, day, REF, tense) == expected


@pytest.mark.parametrize(
    ("weekday", "tense", "expected"),
    [
        (1, "past", date(2025, 6, 16)),
        (1, "future", date(2025, 6, 23)),
        (4, "past", date(2025, 6, 19)),  # the DCT's own weekday: today
        (4, "future", date(2025, 6, 19)),  # "will meet Thursday" in a Thursday report
        (5, None, date(2025, 6, 13)),  # no tense: the one just gone
    ],
)
def test_weekday_date(weekday: int, tense: str | None, expected: date) -> None:
    assert norm.weekday_date(weekday, REF, tense) == expected


@pytest.mark.parametrize(
    ("relation", "expected"),
    [("last", date(2025, 6, 9)), ("this", date(2025, 6, 16)), ("next", date(2025, 6, 23))],
)
def test_relative_weekday(relation: str, expected: date) -> None:
    assert norm.relative_weekday(1, REF, relation) == expected


def test_quarter_year() -> None:
    assert norm.quarter_year(2, REF, None) == 2025  # begun
    assert norm.quarter_year(4, REF, "past") == 2024  # not begun yet: last year's
    assert norm.quarter_year(4, REF, "future") == 2025


def test_two_digit_decade() -> None:
    assert norm.decade_from_two_digits(90, REF) == 1990
    assert norm.decade_from_two_digits(20, REF) == 2020


def test_granularity_order() -> None:
    assert norm.finer_or_equal("day", "year")
    assert norm.finer_or_equal("quarter", "quarter")
    assert not norm.finer_or_equal("year", "day")


def test_parse_date() -> None:
    assert norm.parse_date("2025-06-19T10:00:00+03:00") == REF
    assert norm.parse_date("2025") is None
    assert norm.parse_date(None) is None


def test_infer_year_near_takes_the_nearer_date() -> None:
    assert norm.infer_year(2, None, date(2025, 11, 2), "near") == 2026  # "by February"
    assert norm.infer_year(1, 14, date(2000, 1, 20), "near") == 2000  # a deadline just passed


def test_weekday_near_takes_the_nearer_day() -> None:
    assert norm.weekday_date(6, REF, "near") == date(2025, 6, 21)  # "until Saturday": ahead
    assert norm.weekday_date(2, REF, "near") == date(2025, 6, 17)  # "until Tuesday": just gone


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        ("12-25", 2025, date(2025, 12, 25)),
        ("easter", 2024, date(2024, 3, 31)),
        ("easter", 2025, date(2025, 4, 20)),
        ("easter", 2000, date(2000, 4, 23)),
        ("good friday", 2025, date(2025, 4, 18)),
        ("thanksgiving", 1999, date(1999, 11, 25)),
        ("thanksgiving", 2025, date(2025, 11, 27)),
        ("us election day", 1998, date(1998, 11, 3)),
        ("us election day", 2024, date(2024, 11, 5)),
    ],
)
def test_holiday_date(rule: str, year: int, expected: date) -> None:
    assert norm.holiday_date(rule, year) == expected
