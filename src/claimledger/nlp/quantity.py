"""Quantities: the figure, its hedge and interval, its unit, the counted thing and any change.

`find_quantities` is the pure core; the `claimledger_quantity` component runs it over a Doc and
skips what the time tagger already took. Rules and word lists live in resources/en/quantity/.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Quantity
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.quantity_lexicon import Hedge, Unit, changes, hedges, numbers, units, words
from claimledger.nlp.quantity_numbers import Numeral, read_digits, read_words
from claimledger.nlp.spans import set_span_group

# Dates, clock times and phone numbers: never quantities, whatever follows.
_NEVER = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b"  # 2025-06-19
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"  # 19/06/2025, 19.06.2025
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?"  # 10:27, 5:00 am
    r"|\b\d{1,2}(?:[.]\d{2})?\s?[ap]\.?m\.?(?![a-z])"  # 1.56pm, 10 PM, 2 a.m.
    r"|(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[-.]\d{3}[-.]\d{4}\b"  # 555-123-4567
    r"|\+\d{1,3}(?:[\s.-]\d{2,4}){2,4}\b"  # +44 20 7946 0958
    r"|\b0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}\b"  # 0800 123 4567
    r"|\b\d+/\d+\b(?! of )",  # 24/7, 9/11: slash pairs are codes or dates unless "1/16 of a"
    re.IGNORECASE,
)
# Where a number may begin: a digit (maybe after a sign or a decimal point) or a number word.
_NUMBER_WORDS = (
    "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    "|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    "|eighty|ninety|several|dozens|hundreds|thousands|millions|billions|trillions|tens|half"
)
_START = re.compile(rf"(?:(?<!\w)[+\-−])?\.?\d|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.]*(?:-[A-Za-z]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“(]\s*)$")
_PER = re.compile(r"[\s-]*(?:per\b|an?\b|each\b|/)[\s-]*", re.IGNORECASE)  # "barrel-a-day"
_MODEL = re.compile(r"\d+[A-Za-z0-9-]*(?= [A-Za-z])")  # "737" in "two new 737 Max jets"
_FORMATTED = re.compile(r"\d+(?:[.,]\d|\s?(?:[mk]|bn|mn|million|billion)\b)", re.IGNORECASE)
_ABBREVIATED_SCALE = re.compile(r"([mMkKbB])(?= [A-Za-z])")
# Unit kinds a counted thing's head never turns into: money and shares are read before the
# number, and points, statistics and multiples after an adjective are things counted.
_NOT_MEASURES = frozenset({"currency", "percent", "score", "sports statistic", "multiple"})
_PREV_WORD = re.compile(r"([A-Za-z][\w&.'’-]*)\s+$")


@dataclass(frozen=True, slots=True)
class _Part:
    """A numeral with the unit written around it."""

    numeral: Numeral
    start: int  # includes a prefix currency and sign
    end: int  # includes a suffix unit
    value: float | None
    unit: str | None = None
    normalized_unit: str | None = None
    unit_kind: str | None = None
    sign_up: bool = False  # written "+0.3%"


def find_quantities(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in text, in order; candidates overlapping an exclude span are skipped."""
    never = [m.span() for m in _NEVER.finditer(text)]
    blocked = sorted([*never, *exclude])
    found: list[Quantity] = []
    pos = 0
    while True:
        match = _START.search(text, pos)
        if not match:
            break
        quantity = _finite_quantity_at(text, match.start())
        if quantity is None or _overlaps(quantity.start, quantity.end, blocked):
            pos = _skip_candidate(text, match)
            continue
        if found and quantity.start < found[-1].end:
            pos = _skip_candidate(text, match)
            continue
        if found and quantity.change is None and quantity.item is None:
            joint = text[found[-1].end : quantity.start]
            if found[-1].change and re.fullmatch(r",? or (?:about |around )?", joint):
                # "rose $12.40, or 0.7 per cent": the same change in another unit
                quantity = replace(quantity, change=found[-1].change)
        if found and _converts(text, found[-1], quantity):
            quantity = _as_conversion_of(found[-1], quantity)
        found.append(quantity)
        pos = quantity.end
    return found


def _finite_quantity_at(text: str, pos: int) -> Quantity | None:
    """The quantity at pos, or None when its figures overflow a float ("9" * 400, "10^400")."""
    try:
        quantity = _quantity_at(text, pos)
    except OverflowError:
        return None
    if quantity is None:
        return None
    figures = (quantity.value, quantity.low, quantity.high)
    if any(f is not None and not math.isfinite(f) for f in figures):
        return None
    return quantity


def _converts(text: str, before: Quantity, quantity: Quantity) -> bool:
    """Whether quantity restates a measure in another unit, in brackets right after it or after
    a slash inside them: '(224 kW / 300 PS)'."""
    if before.normalized_unit is None or quantity.normalized_unit is None:
        return False
    return re.fullmatch(r" ?\(| / ", text[before.end : quantity.start]) is not None


def _as_conversion_of(before: Quantity, quantity: Quantity) -> Quantity:
    """A conversion keeps the hedge and the change of what it converts: 'more than 7.5 million
    crowns (US $1.1 million)', 'dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)'."""
    if quantity.change is None and before.change is not None:
        quantity = replace(quantity, change=before.change)
    if before.bound in ("=", "range") or quantity.bound != "=" or quantity.value is None:
        return quantity
    return replace(
        quantity,
        bound=before.bound,
        approx=before.approx,
        low=quantity.value if before.bound in (">", ">=") else None,
        high=quantity.value if before.bound in ("<", "<=") else None,
    )


def _skip_candidate(text: str, match: re.Match[str]) -> int:
    """Past the whole digit or letter run a failed candidate starts."""
    end = match.end()
    while end < len(text) and (text[end].isalnum() or text[end] in ",."):
        if text[end] in ",." and not (end + 1 < len(text) and text[end + 1].isdigit()):
            break
        end += 1
    return end


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _quantity_at(text: str, pos: int) -> Quantity | None:
    """The quantity whose number starts at pos, grown outwards: a range's second number, hedges
    after and before, a rate, the counted thing; None when the number is no quantity."""
    part = _read_part(text, pos)
    if part is None or not _numeral_ok(text, part) or _is_date(text, part):
        return None
    numeral = part.numeral
    start, end = part.start, part.end
    value, low, high = part.value, numeral.low, numeral.high
    bound = "range" if low is not None else "="
    approx = low is not None
    unit, normalized, kind = part.unit, part.normalized_unit, part.unit_kind
    ratio = _ratio_after(text, part) if unit is None else None
    if ratio is not None:
        # "one out of three Germans", "nine in 10 voters": a share of a whole
        value = (value or 0.0) / (ratio.value or 1.0)
        end = ratio.end
    ranged = _range_after(text, part) if ratio is None else None
    if ranged is not None:
        second, first_value = ranged
        value = None
        low, high = sorted((first_value, second.value or 0.0))
        bound = "range"
        end = second.end
        if second.unit:
            unit, normalized, kind = second.unit, second.normalized_unit, second.unit_kind
    elif re.match(r"[-–]\d", text[end : end + 2]):
        return None  # "89-89", "16-18 Industrial Avenue": a score or an address
    after = _hedge_after(text, end)
    if after is not None and bound == "=":
        end, bound, approx = after[0], after[1].bound, after[1].approx
    if unit is None:
        normalized, kind = _unit_of_whole(text, end)
    if normalized is not None and unit is not None:
        rate = _per_unit(text, end)
        if rate is not None:
            unit = _unit_text(unit, text[end : rate[0]])
            end = rate[0]
            normalized = f"{normalized} per {rate[1]}"
    if kind == "time" and _relative_time(text, end):
        return None  # "two days later", "three years ago": a date, the time tagger's
    item_end = end
    measure = None
    if unit is None and normalized is None:
        # "nine out of ten Ukrainian families": the whole counts the thing, not a share of it
        item, item_end = _item_after(text, end, ratio.value if ratio else value)
        measured = item is not None and (_is_share(value) or not text.startswith(" of", end))
        measure = _unit_head(text, item_end) if measured else None
        if measure is not None:
            # "517 rushing yards", "1/16 of a US pint": the counted thing is a unit
            if measure.kind == "time" and _relative_time(text, item_end):
                return None
            unit, normalized, kind = text[end:item_end].strip(), measure.normalized, measure.kind
            item, end = None, item_end
        rate = _per_unit(text, item_end) if item is not None else None
        if rate is not None:
            unit = text[item_end : rate[0]].strip()
            normalized = f"per {rate[1]}"
            item_end = rate[0]
    elif unit is not None:
        item, item_end = _of_item(text, end)
    else:
        item = None
    if unit is None and normalized is None and _age_cue_before(text, start):
        normalized, kind = "year of age", "age"
    elif unit is None and item is None and normalized is None:
        if not _bare_ok(text, part, ranged is not None):
            return None
    elif unit is None and item is not None and item[0].isupper() and _after_name(text, part):
        return None  # "iPhone 15 Pro costs": a model name's number
    elif unit is None and _after_label(text, part):
        return None  # "the No. 1 seller", "Unit 3 tenants"
    hedge_start, pre = _hedge_before(text, start)
    if pre is not None and bound == "=":
        start, bound, approx = hedge_start, pre.bound, pre.approx
    elif pre is not None and bound == "range" and pre.bound == "~":
        start, approx = hedge_start, True
    elif ranged is not None:
        opener = re.search(r"\b(?:between|from)\s+$", text[max(0, start - 12) : start], re.I)
        if opener:
            start -= len(opener.group())
    if bound != "range" and value is not None:
        low = value if bound in ("=", ">", ">=") else None
        high = value if bound in ("=", "<", "<=") else None
    if bound == "~":
        low = high = None
    if ranged is not None and text.startswith("from", start):
        # "dropping from 208 pounds to 193": a range written downwards is a fall
        change = "down" if ranged[1] > (ranged[0].value or 0.0) else None
    elif ranged is not None and re.search(r"\bby\s+$", text[max(0, start - 4) : start]):
        change = _change(text, start, end, part, None)  # "dropped by 1 to 1.5 degrees"
    elif ranged is not None:
        change = None  # "increase between 5% and 6%": NewsQuant reads a bare range as a level
    elif measure is None and kind != "multiple":
        # not "gave up 517 rushing yards" (a counted measure is an amount) nor "three times
        # higher" (a comparison)
        change = _change(text, start, end, part, item)
    else:
        change = None
    end = max(end, item_end)
    return Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        bound=bound,
        approx=approx,
        unit=unit,
        normalized_unit=normalized,
        item=item,
        change=change,
    )


def _ratio_after(text: str, part: _Part) -> _Part | None:
    """The whole of 'one out of three', 'nine in 10': a bare number above the first and at most
    100 ('five in 2024' is a count and a year; '37,000 out of 626,000' two counts)."""
    joiner = re.match(r" (out of|in) ", text[part.end : part.end + 8])
    if joiner is None or part.value is None or part.numeral.low is not None:
        return None
    cursor = part.end + joiner.end()
    whole = _read_part(text, cursor) if _START.match(text, cursor) else None
    if whole is None or whole.value is None or whole.unit is not None:
        return None
    return whole if part.value < whole.value <= 100 else None


def _unit_head(text: str, end: int) -> Unit | None:
    """The unit a counted thing ends in ('rushing yards' -> yard), when it measures: 'three key
    points' stay a count."""
    head = re.search(r"[ -]([A-Za-z]+)$", text[max(0, end - 30) : end])
    if head is None:
        return None
    found = _suffix_unit(text, end - len(head.group()))
    if found is None or found[0] != end or found[1].kind in _NOT_MEASURES:
        return None
    if head.group(1)[0].isupper() and not found[1].case_sensitive:
        return None  # "two Victory Days": a name
    return found[1]


def _unit_of_whole(text: str, pos: int) -> tuple[str | None, str | None]:
    """(normalized unit, kind) of the whole in '280 million of the 1.5 billion shekels': a part
    is counted in its whole's unit."""
    of = re.match(r" of (?:the |a |an |its |their )?", text[pos:])
    whole = _START.match(text, pos + of.end()) if of else None
    part = _read_part(text, whole.start()) if whole else None
    if part is None:
        return None, None
    return part.normalized_unit, part.unit_kind


# --- reading a number with its unit -------------------------------------------------------------


def _read_part(text: str, pos: int) -> _Part | None:
    """A numeral at pos (after an optional sign) with a prefix currency or a suffix unit."""
    sign = 1.0
    sign_up = False
    num_pos = start = pos
    char = text[pos]
    if char in "+-−":
        if pos > 0 and text[pos - 1].isalnum():
            return None  # "5-10", "F-16": not a sign
        sign_up = char == "+"
        sign = -1.0 if char != "+" else 1.0
        num_pos = pos + 1
    else:
        minus = re.search(r"\bminus[- ]$", text[max(0, pos - 6) : pos], re.IGNORECASE)
        if minus:
            sign = -1.0
            start = pos - len(minus.group())
    prefix = _prefix_unit(text, pos)
    if num_pos >= len(text):
        return None
    if text[num_pos].isdigit() or text[num_pos] == ".":
        if text[num_pos] == "." and num_pos > 0 and not text[num_pos - 1].isspace():
            return None
        numeral = read_digits(text, num_pos, prefix is not None)
    else:
        numeral = read_words(text, num_pos)
    if numeral is None:
        return None
    value = None if numeral.value is None else sign * numeral.value
    if prefix is not None:
        unit_start, unit = prefix
        written = text[unit_start:pos].strip()
        return _Part(
            numeral, unit_start, numeral.end, value, written, unit.normalized, unit.kind, sign_up
        )
    suffix = _suffix_unit(text, numeral.end)
    million = _ABBREVIATED_SCALE.match(text, numeral.end)
    if million and numeral.value is not None and _plural_follows(text, million.end()):
        # "2.5m people", "10k runners": an attached scale before a counted noun
        factor = numbers().attached_scale_abbreviations[million.group(1).lower()]
        numeral = replace(numeral, end=million.end(), value=numeral.value * factor, scaled=True)
        value = sign * (numeral.value or 0.0)
        suffix = None
    if suffix is None and numeral.low is not None and text.startswith(" of", numeral.end):
        suffix = _suffix_unit(text, numeral.end + 3)  # "hundreds of millions of dollars"
    if suffix is not None:
        unit_end, unit = suffix
        written = re.sub(r"^(?: of)?[ \u00a0-]*", "", text[numeral.end : unit_end])
        return _Part(numeral, start, unit_end, value, written, unit.normalized, unit.kind, sign_up)
    return _Part(numeral, start, numeral.end, value, sign_up=sign_up)


@cache
def _prefix_units() -> tuple[Unit, ...]:
    return tuple(u for u in units() if u.prefix)


@cache
def _suffix_units() -> tuple[Unit, ...]:
    return tuple(u for u in units() if not u.prefix)


@cache
def _prefix_patterns() -> tuple[tuple[re.Pattern[str], dict[str, Unit], bool], ...]:
    """Alternations of the currencies written before a number, anchored at the number."""
    out = []
    for case_sensitive in (True, False):
        table: dict[str, Unit] = {}
        for unit in _prefix_units():
            if unit.case_sensitive == case_sensitive:
                table.setdefault(unit.surface if case_sensitive else unit.surface.lower(), unit)
        alternatives = "|".join(
            (r"(?<![A-Za-z0-9])" if surface[0].isalnum() else "")
            + re.escape(surface)
            + ("" if table[surface].attached else " ?")
            for surface in sorted(table, key=len, reverse=True)
        )
        flags = 0 if case_sensitive else re.IGNORECASE
        out.append((re.compile(f"({alternatives})$", flags), table, case_sensitive))
    return tuple(out)


def _prefix_unit(text: str, pos: int) -> tuple[int, Unit] | None:
    """A currency written before the number that starts at pos ('$', 'US$', '€', 'USD ')."""
    offset = max(0, pos - 10)
    head = text[offset:pos]
    best: tuple[int, Unit] | None = None
    for pattern, table, case_sensitive in _prefix_patterns():
        match = pattern.search(head)
        if match and (best is None or offset + match.start() < best[0]):
            surface = match.group(1).rstrip(" ")
            best = (offset + match.start(), table[surface if case_sensitive else surface.lower()])
    if best is not None and best[1].formatted and not _FORMATTED.match(text, pos):
        return None  # "PS5" is a console, "PS2.7m" a sum of pounds
    return best


@cache
def _suffix_patterns() -> tuple[tuple[re.Pattern[str], dict[str, Unit], bool], ...]:
    """One alternation per (attached only?, case-sensitive?) group of suffix units, longest
    first; a surface ending in a letter or digit must not run on into a word."""
    out = []
    for attached in (False, True):
        for case_sensitive in (True, False):
            group = [
                u
                for u in _suffix_units()
                if u.attached == attached and u.case_sensitive == case_sensitive
            ]
            table: dict[str, Unit] = {}
            for unit in group:
                table.setdefault(unit.surface if case_sensitive else unit.surface.lower(), unit)
            alternatives = "|".join(
                re.escape(surface) + (r"(?!\w)" if surface[-1].isalnum() else "")
                for surface in sorted(table, key=len, reverse=True)
            )
            gap = "" if attached else "[ \u00a0-]?"
            flags = 0 if case_sensitive else re.IGNORECASE
            out.append((re.compile(f"{gap}({alternatives})", flags), table, case_sensitive))
    return tuple(out)


def _suffix_unit(text: str, pos: int) -> tuple[int, Unit] | None:
    """A unit written after the number ending at pos: '%', ' km', '-inch', ' per cent'."""
    best: tuple[int, Unit] | None = None
    for pattern, table, case_sensitive in _suffix_patterns():
        match = pattern.match(text, pos)
        if match and (best is None or match.end() > best[0]):
            surface = match.group(1) if case_sensitive else match.group(1).lower()
            best = (match.end(), table[surface])
    return best


def _unit_text(unit: str, rate: str) -> str:
    """The unit as written with its rate: '$ per gram' for '$10 per gram', 'km/h'."""
    rate = rate.strip()
    return f"{unit}{rate}" if rate.startswith("/") else f"{unit} {rate}"


def _per_unit(text: str, pos: int) -> tuple[int, str] | None:
    """A rate's denominator after pos: ' per gram', ' a year', '/kg', ' per share'."""
    match = _PER.match(text, pos)
    if not match or match.end() == pos:
        return None
    joiner = match.group().strip().lower()
    unit = _suffix_unit(text, match.end() - 1) if text[match.end() - 1] in " -" else None
    if unit is None:
        unit = _suffix_unit(text, match.end())
    if unit is not None and unit[1].kind not in ("currency", "percent"):
        end, found = unit
        if _relative_time(text, end):
            return None  # "$6.78 billion a year earlier": a time, not a rate
        return end, found.normalized
    word = _WORD.match(text, match.end())
    if not word:
        return None
    written = word.group().rstrip(".")
    low = written.lower()
    if (joiner == "per" and low not in words().function_words) or low in words().rate_nouns:
        return word.start() + len(written), lemma(low)
    return None


# --- which numbers count ------------------------------------------------------------------------


def _numeral_ok(text: str, part: _Part) -> bool:
    """False for codes, model names, ordinals, glued words: 'F-16', 'M21', '71st', '1990s'."""
    numeral = part.numeral
    end = numeral.end
    if numeral.words:
        return _word_number_ok(text, part)
    before = text[part.start - 1] if part.start > 0 else " "
    if part.unit is None or part.start == numeral.start:
        if before.isalpha() or before in "_/#№":
            return False
        if re.match(r"0\d", text[numeral.start : numeral.start + 2]):
            return False  # "0800", "007": a code, not an amount
        if before in "-–" and part.start >= 2 and text[part.start - 2].isdigit():
            return False  # the second half of "89-89" once the pair was not a range
        glued = re.search(r"([A-Za-z]+)[-–]$", text[max(0, part.start - 12) : part.start])
        if glued and any(c.isupper() for c in glued.group(1)):
            return False  # "Su-34", "S-400", "COVID-19": a model name
        spaced = re.search(r"([A-Za-z]+) [-–]$", text[max(0, part.start - 12) : part.start + 1])
        if text[part.start] in "-–" and spaced and spaced.group(1)[0].isupper():
            return False  # "COVID -19"
    if part.unit is None or part.end == end:
        after = text[end] if end < len(text) else " "
        if after.isalpha() or after == "_":
            return False  # "9AB8", "71st", "1990s"
        if after == "/" and _per_unit(text, end) is None:
            return False  # "24/7", "N/A"; "$2.50/mmBtu" is a rate
        if after in ".,:" and end + 1 < len(text) and text[end + 1].isdigit():
            return False  # "1.2.3", "10:27"
    return True


def _word_number_ok(text: str, part: _Part) -> bool:
    """False for the pronoun 'one', 'a' alone, 'the second half', compounds like 'third-party'."""
    numeral = part.numeral
    lex = words()
    written = text[numeral.start : numeral.end].lower()
    first = written.split()[0] if written else ""
    after = text[numeral.end] if numeral.end < len(text) else " "
    if after.isalnum():
        return False
    if after == "-" and part.unit is None:
        return False  # "third-party", "one-time", "two-way": a compound word, not a count
    if first.startswith("one") and numeral.value == 1:
        prev = _PREV_WORD.search(text[max(0, numeral.start - 30) : numeral.start])
        if prev and prev.group(1).lower() in lex.not_a_count_before_one:
            return False
        nxt = _WORD.match(text, numeral.end + 1)
        if nxt and nxt.group().lower() in lex.not_a_count_after_one:
            return False
    if written == "half":
        if not re.match(r"\s+(?:of|an?|the)\b", text[numeral.end : numeral.end + 6]):
            return False  # "cut in half": half of nothing counted
        prev = _PREV_WORD.search(text[max(0, numeral.start - 30) : numeral.start])
        if prev and (
            prev.group(1).lower() in lex.not_a_count_before_one
            or prev.group(1).lower() in numbers().ordinals
        ):
            return False  # "the second half", "this half"
    return not (first in ("a", "an") and numeral.value == 1)


def _bare_ok(text: str, part: _Part, ranged: bool) -> bool:
    """A number with no unit and no counted thing: keep it unless it is a date, year, label,
    age apposition, address, score or a lone pronoun 'one'."""
    if part.numeral.words and part.value == 1:
        return False  # "each one", "one of them": the pronoun, not a count
    head = text[max(0, part.start - 40) : part.start]
    if ranged:
        return bool(re.search(r"\b(?:between|from)\s+$", head))  # not "89-89", "3 to 1"
    if _after_label(text, part):
        return False  # "category 4", "page 7"
    if _after_name(text, part):
        return False  # "Game 7", "Fortune 100", "Lang 20": a name's number
    if re.match(r" [A-Z][\w.'’-]*(?! [a-z])", text[part.end : part.end + 40]):
        return False  # "575 Wilbraham Road", "9 E 71st St": an address or a name
    after = text[part.end : part.end + 1]
    # "Jamie Armstrong, 25,": an age in apposition, not tagged as one
    return not (re.search(r"[A-Z][\w.'’-]*,\s*$", head) and after in (",", ")"))


def _after_label(text: str, part: _Part) -> bool:
    """Right after a word that numbers things: 'category 4', 'No. 1', 'page 7'."""
    prev = _PREV_WORD.search(text[max(0, part.start - 20) : part.start])
    return bool(prev and prev.group(1).lower().rstrip(".") in words().label_nouns)


def _after_name(text: str, part: _Part) -> bool:
    """Right after a capitalised word that does not open the sentence: 'Game 7', 'iPhone 15'.
    Never in a headline written in title case, where every word is capitalised."""
    prev = _PREV_WORD.search(text[max(0, part.start - 40) : part.start])
    if not prev or _title_case(text, part.start):
        return False
    word = prev.group(1)
    if word.lower().rstrip(".") in words().months or not any(c.isupper() for c in word):
        return False
    word_start = part.start - len(prev.group())
    return _SENTENCE_START.search(text[max(0, word_start - 3) : word_start]) is None


def _title_case(text: str, pos: int) -> bool:
    """Whether most longer words on the line around pos are capitalised."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    long_words = re.findall(r"\b[A-Za-z]{4,}\b", line)
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= 4 and capitalised >= 0.7 * len(long_words)


def _plural_follows(text: str, pos: int) -> bool:
    """Whether the noun phrase after pos ends in a plural ('2.5m Ukrainian refugees')."""
    phrase = _noun_words(text, pos + 1)
    return any(is_plural(word.lower()) for word, _ in phrase[:3])


def _relative_time(text: str, pos: int) -> bool:
    """Whether 'ago', 'later', 'earlier' follows pos: the figure dates an event."""
    nxt = _WORD.match(text, pos + 1) if pos < len(text) and text[pos] == " " else None
    return bool(nxt and nxt.group().lower().rstrip(".") in words().relative_time_after)


def _age_cue_before(text: str, start: int) -> bool:
    """'aged 25': a bare number after an age word is an age in years."""
    prev = _PREV_WORD.search(text[max(0, start - 20) : start])
    return bool(prev and prev.group(1).lower() in words().age_cues)


# --- ranges and hedges --------------------------------------------------------------------------

_RANGE_JOIN = re.compile(r"\s?[-–—]\s?|\s+to\s+|\s+and\s+|\s+or\s+")


def _range_after(text: str, part: _Part) -> tuple[_Part, float] | None:
    """The second number of 'X to Y', 'X-Y', 'between X and Y', 'X or Y'; with the first value
    (scaled like the second when written bare: '1 to 2 thousand')."""
    if part.value is None:
        return None
    join = _RANGE_JOIN.match(text, part.end)
    if not join:
        return None
    joiner = join.group().strip()
    head = text[max(0, part.start - 12) : part.start].lower()
    opened = joiner == "to" and re.search(r"\bfrom\s+$", head) is not None
    if joiner == "and" and not re.search(r"\bbetween\s+$", head):
        return None
    if re.search(r"\bby\s+$", head) and joiner == "to" and part.unit is not None:
        return None  # "increased by $43.6 billion to $419.2 billion": a change and a level
    if joiner in "-–—" and part.numeral.words:
        return None
    second = _read_part(text, _number_start(text, join.end()))
    if second is None or second.value is None or second.numeral.low is not None:
        return None
    second_value = second.value
    if joiner == "or" and (second.unit is None and part.unit is None) and not part.numeral.words:
        return None
    if part.normalized_unit and second.normalized_unit:
        if part.normalized_unit != second.normalized_unit:
            return None
    elif part.normalized_unit and not second.normalized_unit:
        if joiner != "and" and part.start == part.numeral.start and not opened:
            return None  # "5% to 6": a suffix unit is not shared forward, but "from 208
            # pounds to 193" shares it
        second = replace(
            second, unit=part.unit, normalized_unit=part.normalized_unit, unit_kind=part.unit_kind
        )  # "EUR6-7 billion", "between $5 and 6"
    first = part.value
    if not part.numeral.scaled and second.numeral.scaled and second.numeral.raw is not None:
        factor = second_value / (second.numeral.raw or 1.0)
        if first < second.numeral.raw:
            first *= factor
    if first >= second_value and not opened:
        return None  # "89-89", "3-1": a score
    return second, first


def _number_start(text: str, pos: int) -> int:
    """Where the digits or a currency-led number begin: at pos or just after '$', 'US$'."""
    for offset in range(1, 5):
        here = pos + offset
        if here < len(text) and text[here].isdigit():
            prefix = _prefix_unit(text, here)
            if prefix is not None and prefix[0] == pos:
                return here
            break
    return pos


def _is_date(text: str, part: _Part) -> bool:
    """A day of a month ('June 17', '17 June', 'Feb. 21') or a year ('in 2011', '2018 sales')."""
    if part.unit is not None or part.numeral.words or part.value is None:
        return False
    lex = words()
    written = text[part.numeral.start : part.numeral.end]
    value = part.value
    prev = _PREV_WORD.search(text[max(0, part.start - 40) : part.start])
    prev_word = prev.group(1).lower().rstrip(".") if prev else ""
    if re.fullmatch(r"\d{1,2}", written) and 1 <= value <= 31:
        if prev_word in lex.months:
            return True
        nxt = re.match(r"\s+(?:of\s+)?([A-Za-z]+)", text[part.end : part.end + 16])
        if nxt and nxt.group(1).lower() in lex.months:
            return True
    if re.fullmatch(r"\d{4}", written) and 1000 <= value <= 2999:
        counted = _item_after(text, part.end, value)[0] is not None
        if 1900 <= value <= 2099 or prev_word in lex.months:
            # "up to 2014" is a year, "more than 2000 troops" a count
            return not (counted and _hedge_before(text, part.start)[1] is not None)
        # Outside the years news usually names, a cue word makes it a year only when nothing
        # counted follows: "in 1066" is a year, "in 1500 stores" is not.
        return prev_word in lex.year_cues and not counted
    return False


@cache
def _hedge_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Hedge]]:
    """(before, after) alternations of the hedge texts and the hedge of each lower-cased text."""
    table = {h.text.strip().lower(): h for h in hedges()}
    before = [h.text for h in hedges() if h.position == "before"]
    after = [
        h.text if h.text[0] in "+- " else " " + h.text for h in hedges() if h.position == "after"
    ]
    before_pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(t) for t in before) + r")\s*$", re.IGNORECASE
    )
    after_pattern = re.compile(
        "(" + "|".join(re.escape(t) + (r"(?!\w)" if t[-1].isalnum() else "") for t in after) + ")",
        re.IGNORECASE,
    )
    return before_pattern, after_pattern, table


def _hedge_before(text: str, start: int) -> tuple[int, Hedge | None]:
    """A hedge ending right before start ('up to', 'nearly'); (its start, hedge)."""
    head = text[max(0, start - 24) : start]
    before, _after, table = _hedge_patterns()
    match = before.search(head)
    if not match:
        return start, None
    return start - (len(head) - match.start(1)), table[match.group(1).lower()]


def _hedge_after(text: str, end: int) -> tuple[int, Hedge] | None:
    """A hedge right after end ('or more', '-odd', '+'); (its end, hedge)."""
    _before, after, table = _hedge_patterns()
    match = after.match(text, end)
    if not match:
        return None
    return match.end(), table[match.group(1).strip().lower()]


# --- the counted thing --------------------------------------------------------------------------


def _item_after(text: str, pos: int, value: float | None) -> tuple[str | None, int]:
    """The counted thing after a unit-less number, (item, end): the noun phrase up to its plural
    head ('5 thousand military construction workers' -> 'military construction worker'); one
    noun after 'one'; the whole after a share ('a third of the population' -> 'population')."""
    share = _is_share(value)
    # "1/16 of a US pint": a share may be of one thing
    determiners = "the|these|those|its|their|our|his|her" + ("|a|an" if share else "")
    of = re.match(rf" of (?:(?:{determiners}) )?", text[pos:])
    if of:
        cursor = pos + of.end()
    elif pos < len(text) and text[pos] in " -":
        cursor = pos + 1
    else:
        return None, pos
    phrase = _noun_words(text, cursor)
    if not phrase:
        return None, pos
    if value == 1 and not of:
        # "one key issue is": a singular noun phrase ends before a verb-looking word
        kept = phrase[:1]
        for word, end in phrase[1:3]:
            if word.lower().endswith(("s", "ed")):
                break
            kept.append((word, end))
        return " ".join(w for w, _ in kept), kept[-1][1]
    for index, (word, end) in enumerate(phrase):
        if is_plural(word.lower()):
            if share and index > 0:
                break  # "the population lives": a verb after a singular whole
            head = [w for w, _ in phrase[:index]] + [_keep_case(word, lemma(word.lower()))]
            return " ".join(head), end
    if share or (value == 1 and of):
        upto = next((i for i, (w, _) in enumerate(phrase) if i and is_plural(w.lower())), 3)
        kept = phrase[: min(upto, 3)]
        return " ".join(w for w, _ in kept), kept[-1][1]
    return None, pos


def _is_share(value: float | None) -> bool:
    """A value below one without a unit is a fraction of a whole ('a third of')."""
    return value is not None and 0 < value < 1


def _noun_words(text: str, cursor: int) -> list[tuple[str, int]]:
    """Up to five content words from cursor, stopping at a function word or punctuation; model
    numbers may sit inside ('two new 737 Max jets'). (word, end) pairs."""
    lex = words()
    out: list[tuple[str, int]] = []
    while len(out) < 5:
        match = _WORD.match(text, cursor) or (_MODEL.match(text, cursor) if out else None)
        if not match:
            break
        word = match.group()
        if word.endswith(".") and word.count(".") == 1:
            word = word[:-1]  # a sentence's full stop, not an abbreviation's
        low = word.lower()
        if low in lex.function_words or low in lex.months or low in numbers().ordinals:
            break
        if low in numbers().ones or low in numbers().tens or low in numbers().scales:
            break  # "one of the two missiles", "a quarter of a billion": another number starts
        if "'" in word or "’" in word:
            break
        end = cursor + len(word)
        out.append((word, end))
        if end < len(text) and text[end] == " ":
            cursor = end + 1
        else:
            break
    return out


def _of_item(text: str, pos: int) -> tuple[str | None, int]:
    """What a measure is of: '1 million barrels of oil' -> 'oil', '$100m of military aid' ->
    'military aid'; up to a plural head or three lower-case words. (item, end)."""
    of = re.match(r" of (?:(?:the|these|those|its|their) )?", text[pos:])
    if not of:
        return None, pos
    phrase = []
    for word, end in _noun_words(text, pos + of.end())[:3]:
        if word[0].isupper():
            break
        phrase.append((word, end))
        if is_plural(word.lower()):
            phrase[-1] = (lemma(word.lower()), end)
            break
    if not phrase:
        return None, pos
    return " ".join(w for w, _ in phrase), phrase[-1][1]


def _keep_case(original: str, lemmatized: str) -> str:
    """The lemma with the original's capital: 'Americans' -> 'American'."""
    return original[0] + lemmatized[1:] if original[:1].isupper() else lemmatized


def is_plural(word: str) -> bool:
    """Whether a lower-case word reads as a plural noun ('shells', 'people', 'countries')."""
    lex = words()
    if word in lex.irregular_plurals:
        return True  # "people", "troops", "staff", "aircraft" count as plurals
    if word.endswith("men") and len(word) > 4 and word not in lex.singular_men_words:
        return True  # "fishermen", "servicemen", "policewomen"
    if len(word) < 3 or not word.endswith("s") or "-" in word[-3:]:
        return False
    return not word.endswith(lex.singular_s_endings)


def lemma(word: str) -> str:
    """The singular of a lower-case plural noun: 'shells' -> 'shell', 'bosses' -> 'boss'."""
    irregular = words().irregular_plurals.get(word)
    if irregular is not None:
        return irregular
    if word.endswith("men") and is_plural(word):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes", "uses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# --- change -------------------------------------------------------------------------------------


def _change(text: str, start: int, end: int, part: _Part, item: str | None) -> str | None:
    """'up'/'down' for 'rose 5%', 'fell by $2bn', 'up 19 per cent', '+0.3%', '5% lower'.
    A count of things ('lost 4,700 soldiers') is an amount, not a change."""
    if item is not None:
        return None
    if part.sign_up:
        return "up"
    lex = changes()
    tail = re.match(r"\s+([A-Za-z]+)\b", text[end : end + 16])
    if tail:
        word = tail.group(1).lower()
        if word in lex.up_after:
            return "up"
        if word in lex.down_after:
            return "down"
    head = text[max(0, start - 40) : start]
    tokens = re.findall(r"[A-Za-z]+|[^\sA-Za-z]", head)
    by = bool(tokens) and tokens[-1].lower() == "by"
    while len(tokens) >= 2 and " ".join(tokens[-2:]).lower() in lex.skip_before:
        tokens = tokens[:-2]
    while tokens and tokens[-1].lower() in lex.skip_before:
        tokens = tokens[:-1]
    found = _change_word(tokens, by)
    for drop in range(1, 4):  # "grow sales by 35 per cent", "increasing its spending by 70%"
        if found is not None or not by or len(tokens) <= drop:
            break
        found = _change_word(tokens[:-drop], by)
    return found


def _change_word(tokens: list[str], by: bool) -> str | None:
    """The direction of a change word ending tokens; some count only before 'by'."""
    lex = changes()
    for size in (2, 1):
        if len(tokens) < size:
            continue
        phrase = " ".join(tokens[-size:]).lower()
        if phrase in lex.up_before or (by and phrase in lex.up_with_by):
            return "up"
        if phrase in lex.down_before or (by and phrase in lex.down_with_by):
            return "down"
    return None


# --- the spaCy component ------------------------------------------------------------------------


@Language.factory("claimledger_quantity", assigns=["doc.spans"], default_config={})
def make_quantity_tagger(nlp: Language, name: str) -> QuantityTagger:
    register_extensions()
    return QuantityTagger()


class QuantityTagger:
    """Fills doc.spans['quantities'], skipping spans the time tagger put in doc.spans['timexes']."""

    def __call__(self, doc: Doc) -> Doc:
        exclude: list[tuple[int, int]] = []
        if "timexes" in doc.spans:
            exclude = [(span.start_char, span.end_char) for span in doc.spans["timexes"]]
        set_span_group(doc, "quantities", find_quantities(doc.text, exclude))
        return doc
