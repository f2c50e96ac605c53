"""Pure calendar arithmetic behind TIMEX3 values: no text, no state, no data files.

Values follow TimeML: ``2025-04-28`` (day), ``2025-W18`` (ISO week), ``2025-04`` (month),
``2025-Q2`` (quarter), ``2025-SU`` (season), ``2025`` (year), ``202`` (decade), ``20`` (century);
durations ``P2D``, ``PT3H``, ``PXY`` for an unstated number.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

# From finest to coarsest; a reference can serve a shift when it is at least as fine as the unit.
GRANULARITIES: tuple[str, ...] = (
    "time",
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "year",
    "decade",
    "century",
)
_RANK = {name: rank for rank, name in enumerate(GRANULARITIES)}

# Calendar units a duration or shift can be counted in, with their TimeML duration letter.
_DURATION_CODES: dict[str, str] = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "Y",
    "century": "Y",
}
# Unit sizes expressed in the unit the duration code counts (a decade is ten years).
_DURATION_FACTOR: dict[str, int] = {"fortnight": 2, "decade": 10, "century": 100}
# How a fractional count is rewritten in the next smaller unit ("half a year" -> P6M).
_SMALLER: dict[str, tuple[str, int]] = {
    "year": ("month", 12),
    "quarter": ("month", 3),
    "month": ("day", 30),
    "week": ("day", 7),
    "day": ("hour", 24),
    "hour": ("minute", 60),
    "minute": ("second", 60),
}
# A representative month for each season: the one that decides which year a season falls in.
SEASON_MONTH: dict[str, int] = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
# How far ahead an untensed date may lie and still be read as upcoming rather than past.
NEAR_FUTURE_DAYS = 62


def finer_or_equal(granularity: str, unit: str) -> bool:
    """True when a value of `granularity` pins down a point of `unit` size."""
    return _RANK.get(granularity, 99) <= _RANK.get(unit, -1)


def parse_date(value: str | None) -> date | None:
    """The calendar day of an ISO date or date-time string, None when there is none."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def format_value(day: date, granularity: str) -> str:
    """The TimeML value of the period of `granularity` that contains `day`."""
    if granularity in ("day", "time"):
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(f"unknown granularity {granularity!r}; known: {', '.join(GRANULARITIES)}")


def unknown_value(granularity: str) -> str:
    """The TimeML placeholder for a period whose date cannot be computed."""
    return {
        "time": "XXXX-XX-XX",
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "season": "XXXX-XX",
        "year": "XXXX",
        "decade": "XXX",
        "century": "XX",
    }[granularity]


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, count: int) -> date:
    """`day` moved by `count` calendar units (negative: back in time)."""
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * count)
    if unit == "month":
        return add_months(day, count)
    if unit == "quarter":
        return add_months(day, 3 * count)
    if unit == "year":
        return add_months(day, 12 * count)
    if unit == "decade":
        return add_months(day, 120 * count)
    if unit == "century":
        return add_months(day, 1200 * count)
    raise ValueError(f"cannot shift by {unit!r}")


def unit_granularity(unit: str) -> str:
    """The granularity of a value counted in `unit` ("two days ago" is a day)."""
    if unit == "fortnight":
        return "week"
    if unit in ("second", "minute", "hour"):
        return "time"
    return unit


def duration_value(count: float | None, unit: str) -> str:
    """TimeML duration: ``duration_value(2, "day") == "P2D"``; None count gives ``PXD``."""
    code = _DURATION_CODES[unit]
    prefix = "PT" if code.startswith("T") else "P"
    letter = code[-1]
    if count is None:
        return f"{prefix}X{letter}"
    count *= _DURATION_FACTOR.get(unit, 1)
    if count != int(count) and unit in _SMALLER:
        smaller, factor = _SMALLER[unit]
        whole = int(count)
        if whole == 0 or unit in ("week", "quarter"):  # ISO 8601 mixes no weeks with days
            return duration_value(count * factor, smaller)
        # "5 1/2 hours" -> PT5H30M, "1.5 days" -> P1DT12H: the whole part and the rest
        rest = duration_value(round((count - whole) * factor, 6), smaller)
        return f"{prefix}{whole}{letter}{rest[2:] if prefix == 'PT' else rest[1:]}"
    number = f"{int(count)}" if count == int(count) else f"{count:g}"
    return f"{prefix}{number}{letter}"


def infer_year(month: int, day: int | None, ref: date, tense: str | None) -> int:
    """The year of a month (and day) stated without one, seen from `ref`.

    Past tense: the latest such date not after `ref`; future: the earliest not before it;
    "near" (a deadline: "by Jan. 14"): whichever of the two is nearer. Without tense: the
    past one, as news mostly reports what happened, unless the date is less than two months
    ahead ("payable Jan. 2" in a November report).
    """
    point = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    past = ref.year if point <= now else ref.year - 1
    future = ref.year if point >= now else ref.year + 1
    if tense == "past":
        return past
    if tense == "future":
        return future
    if tense == "near":
        before = date(past, month, min(day or 15, calendar.monthrange(past, month)[1]))
        after = date(future, month, min(day or 15, calendar.monthrange(future, month)[1]))
        return past if (ref - before) <= (after - ref) else future
    last_day = calendar.monthrange(future, month)[1]
    ahead = date(future, month, min(day or 1, last_day)) - ref
    return future if ahead.days <= NEAR_FUTURE_DAYS else past


def weekday_date(weekday: int, ref: date, tense: str | None) -> date:
    """The date of ISO `weekday` (1 = Monday) nearest `ref` in the direction of `tense`.

    Future: the earliest not before `ref`; "near" (a deadline: "until Tuesday"): the nearer one;
    past or no tense: the latest not after it, since a news report's weekdays are mostly
    days just gone.
    """
    back = (ref.isoweekday() - weekday) % 7
    # The DCT's own weekday is the day itself, whatever the tense: wire copy names the day of
    # the report by its weekday ("will meet Wednesday" in Wednesday's report).
    ahead = (weekday - ref.isoweekday()) % 7
    if tense == "future" or (tense == "near" and ahead < back):
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def relative_weekday(weekday: int, ref: date, relation: str) -> date:
    """ "last/this/next Monday": the weekday in the previous, current or following ISO week."""
    monday = ref - timedelta(days=ref.isoweekday() - 1)
    offset = {"last": -7, "this": 0, "next": 7}[relation]
    return monday + timedelta(days=offset + weekday - 1)


def quarter_year(quarter: int, ref: date, tense: str | None) -> int:
    """The year of a quarter named without one: the latest begun by `ref`, unless future."""
    start = date(ref.year, 3 * quarter - 2, 1)
    if start <= ref:
        return ref.year
    return ref.year if tense == "future" else ref.year - 1


def decade_from_two_digits(two: int, ref: date | None) -> int:
    """The decade (as its first year) of "the '90s": the latest one not after `ref`."""
    century = (ref.year // 100 * 100) if ref else 1900
    year = century + two
    if ref and year > ref.year:
        year -= 100
    return year


# Holidays whose date moves from year to year, by the rule that fixes them.
MOVABLE_HOLIDAYS = frozenset(
    {"easter", "orthodox easter", "good friday", "thanksgiving", "us election day"}
)
# Other holiday rules: days from (Western or Orthodox) Easter ("orthodox easter+49", Trinity),
# or the n-th weekday of a month ("05:mon:-1", the last Monday of May; "01:mon:3").
_EASTER_OFFSET = re.compile(r"(?P<easter>(?:orthodox )?easter)(?P<days>[+-]\d{1,2})")
_NTH_WEEKDAY = re.compile(
    r"(?P<month>0[1-9]|1[0-2]):(?P<weekday>mon|tue|wed|thu|fri|sat|sun)"
    r":(?P<n>-1|[1-4])"
)
FIXED_DAY = re.compile(r"(0[1-9]|1[0-2])-[0-3]\d")
_WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def easter(year: int) -> date:
    """Western Easter Sunday of `year` (the Gregorian computus)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_centuries, leap_rest = divmod(century, 4)
    moon_shift = (century + 8) // 25
    epact_fix = (century - moon_shift + 1) // 3
    epact = (19 * golden + century - leap_centuries - epact_fix + 15) % 30
    quarters, rest_mod = divmod(rest, 4)
    weekday = (32 + 2 * leap_rest + 2 * quarters - epact - rest_mod) % 7
    correction = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * correction + 114, 31)
    return date(year, month, day + 1)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday of `year`: the Julian computus, as a Gregorian date."""
    golden, leap, week = year % 19, year % 4, year % 7
    moon = (19 * golden + 15) % 30
    sunday = (2 * leap + 4 * week - moon + 34) % 7
    month, day = divmod(moon + sunday + 114, 31)
    julian = date(year, month, day + 1)
    # the Julian calendar runs behind the Gregorian by 13 days from 1900 to 2099
    return julian + timedelta(days=year // 100 - year // 400 - 2)


def is_holiday_rule(rule: str) -> bool:
    """True for a rule holiday_date can compute (a fixed day must exist: "02-29" does in leap
    years, "02-31" never)."""
    if FIXED_DAY.fullmatch(rule):
        try:
            date(2000, int(rule[:2]), int(rule[3:]))
        except ValueError:
            return False
        return True
    return any(pattern.fullmatch(rule) for pattern in (_EASTER_OFFSET, _NTH_WEEKDAY)) or (
        rule in MOVABLE_HOLIDAYS
    )


def holiday_date(rule: str, year: int) -> date:
    """The day of a holiday in `year`: `rule` is "MM-DD", a name of MOVABLE_HOLIDAYS, an Easter
    offset ("orthodox easter+49") or the n-th weekday of a month ("11:thu:4", "05:mon:-1")."""
    if rule == "easter":
        return easter(year)
    if rule == "orthodox easter":
        return orthodox_easter(year)
    offset = _EASTER_OFFSET.fullmatch(rule)
    if offset is not None:
        sunday = easter(year) if offset["easter"] == "easter" else orthodox_easter(year)
        return sunday + timedelta(days=int(offset["days"]))
    nth = _NTH_WEEKDAY.fullmatch(rule)
    if nth is not None:
        return nth_weekday(
            year, int(nth["month"]), _WEEKDAY_CODES.index(nth["weekday"]), int(nth["n"])
        )
    if rule == "good friday":
        return easter(year) - timedelta(days=2)
    first = date(year, 11, 1)
    if rule == "thanksgiving":  # the fourth Thursday of November (United States)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if rule == "us election day":  # the Tuesday after the first Monday of November
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    return date(year, int(rule[:2]), int(rule[3:5]))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`-th (1-based; -1 the last) `weekday` (0 = Monday) of a month."""
    if n < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
