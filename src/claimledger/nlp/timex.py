"""Time expressions: find them with the data grammar, then give each a TimeML value.

Two passes. Recognition runs every rule of ``timex_grammar`` over the text, reads each match
into a context-free `Reading` (or drops it, e.g. a count like "2000 workers"), and keeps the
longest non-overlapping readings. Resolution walks them in text order and computes values
against two references: the document creation time (DCT) for deictic expressions
("yesterday", "last year", "June 14") and the narrative reference time, the latest resolved
date of fine enough granularity, for anaphoric ones ("two days later", "the same day").
Year inference for a month or weekday without a year uses the tense around it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Timex
from claimledger.nlp import timex_normalize as norm
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.spans import set_span_group
from claimledger.nlp.timex_grammar import Grammar, Lexicon, load_grammar, lower_text

LAYER = "timexes"

# Prepositions that make a following four-digit number a year even before a plural noun.
_TIME_PREPOSITIONS = frozenset({"in", "since", "until", "till", "during", "before", "after"})
# "No. 2024", "number 2024": a number, not a year.
_NUMBER_SIGN = re.compile(r"\b(?:no|nos|number)\.?\s*$", re.IGNORECASE)
# Words before a date that make it a deadline whatever the verb's tense.
_VERB_PREPOSITIONS = frozenset({"on", "in", "at", "during", "since"})
_DEADLINE_WORDS = frozenset({"until", "till", "by", "to", "through", "before"})
# Tense cues are read within _NEAR_CUES words of the expression, future cues within _FAR_CUES.
_NEAR_CUES = 8
_FAR_CUES = 12
# The second day and year of a pair after a month and day ("August 6-8, 2016")
# The end month and year of a month range ("January-June 2021", "January to June 2021")
_RANGE_END_YEAR = re.compile(
    r"(?:\s*[-–]\s*| (?:to|through|until|and) )"
    r"(?P<month>[A-Za-z]{3,9}\.?),? (?P<year>(?:1[89]|20)\d\d)\b"
)
# What separates the members of a list of dates ("February 16, 17, March and April")
_LIST_GAP = re.compile(r",?\s*(?:(?:and|or)\s+)?")
# A day number or a month name and a list separator before a month ("16, 17, March")
_LISTED_BEFORE = re.compile(r"(?P<item>\d{1,2}|[A-Z][a-z]+)\.?\s*(?:,|,?\s+and|,?\s+or)\s+$")
# Words before an -ed word that make it an adjective or a passive ("a still unspecified date")
_NOT_VERB_BEFORE = frozenset(
    {"a", "an", "the", "still", "yet", "not", "very", "also", "be", "been", "being", "to", "is"}
    | {"are", "its", "their", "his", "her", "our", "my", "your", "this", "that", "these"}
)
# The month after a dash that closes a range ("March-April")
_RANGE_NEXT = re.compile(r"\s*[-–]\s*(?P<month>[A-Za-z]{3,9})\b")
_SHARED_YEAR = re.compile(
    r"(?: (?:and|or|to|through) |\s*[-–]\s*)[0-3]?\d(?:st|nd|rd|th)?,? (?P<year>(?:1[89]|20)\d\d)\b"
)
_POSSESSIVES = frozenset({"my", "your", "his", "her", "its", "our", "their"})
# Tokens past which a tense cue belongs to another clause or sentence.
_CLAUSE_ENDS = frozenset({".", "!", "?", ";", "`", "'", '"', "“", "”", ":", ",", "(", ")"})
_DIGIT = frozenset({"DIGIT"})
# How far an expression may reach from the word that opened its gate, in characters.
_REACH = 60
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+(?:[.,:]\d+)*|\S")
# How a deictic word moves from the DCT: (days, part of day or None).
_DEIXIS: dict[str, tuple[int, str | None]] = {
    "the day before yesterday": (-2, None),
    "the day after tomorrow": (2, None),
    "yesterday": (-1, None),
    "today": (0, None),
    "tomorrow": (1, None),
    "tonight": (0, "NI"),
    "overnight": (0, "NI"),
    "last night": (-1, "NI"),
}
# Relations of "<rel> week/month/year": (reference, step); reference "dct" or "narrative".
_RELATIONS: dict[str, tuple[str, int]] = {
    "this": ("dct", 0),
    "the current": ("dct", 0),
    "the full": ("dct", 0),  # "forecast an increase for the full year": the report's year
    "the": ("dct", 0),
    "last": ("dct", -1),
    "this past": ("dct", -1),
    # "the past year" is read as TimeML's TimeBank reads it: last year, a date
    "the past": ("dct", -1),
    "the last": ("dct", -1),
    "next": ("dct", 1),
    "the coming": ("dct", 1),
    "the previous": ("narrative", -1),
    "the prior": ("narrative", -1),
    "before": ("narrative", -1),
    "earlier": ("narrative", -1),
    "the following": ("narrative", 1),
    "the next": ("narrative", 1),
    "after": ("narrative", 1),
    "later": ("narrative", 1),
    "the same": ("narrative", 0),
    "that same": ("narrative", 0),
    "the latest": ("narrative", 0),
    "that": ("narrative", 0),
    "year": ("dct", 0),
}
_OFFSET_DIRECTIONS: dict[str, tuple[str, int]] = {
    "ago": ("dct", -1),
    "back": ("dct", -1),
    "from now": ("dct", 1),
    "hence": ("dct", 1),
    "earlier": ("narrative", -1),
    "later": ("narrative", 1),
    "on": ("narrative", 1),
}
_FREQUENCIES = {"once": 1, "twice": 2, "thrice": 3}
# What stands right before an expression that opens a sentence
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:\n][\"'”’]?)\s*[\"'“‘(]?$")
# A possessive after a weekday and the words of the phrase it opens ("Friday's meeting was")
_POSSESSIVE_NOUN = re.compile(r"['’]s\b(?P<after>[^.;:!?]{0,60})")
# "the quarter ended Sept. 30": the day that names which quarter an earnings report means
_PERIOD_ENDED = re.compile(
    r" (?P<verb>ended|ending) (?P<month>[A-Z][a-z]{2,8}\.?) (?P<day>[0-3]?\d)\b"
)
# A country word right before a holiday ("Ukraine's", "the Polish", "U.S.")
_COUNTRY_OWNER = re.compile(r"(?P<word>[A-Z][A-Za-z.]*(?: [A-Z][a-z]+)?)(?:['’]s)? $")
_CLOCK_VALUE = re.compile(r"(?P<moment>\d{4}-\d\d-\d\dT\d\d:\d\d)(?P<zone>Z|[+-]\d\d:\d\d)?")
_FRACTION = re.compile(
    r"(?:(?P<whole>\d+)\s?|(?P<words>.+?) and a )?(?P<part>[13]/[24]|[½¼¾]|half|quarter)"
)
_FRACTION_PARTS = {"1/2": 0.5, "½": 0.5, "half": 0.5, "1/4": 0.25, "¼": 0.25, "quarter": 0.25}
_FRACTION_PARTS |= {"3/4": 0.75, "¾": 0.75}


@dataclass(slots=True)
class Reading:
    """What a match says, before any reference time is applied."""

    start: int
    end: int
    kind: str
    rule: int
    fields: dict[str, str] = field(default_factory=dict)
    count: float | None = None
    mod: str | None = None


@dataclass(slots=True)
class _State:
    """Resolution context: the DCT and the dates resolved so far (the narrative)."""

    dct: date | None
    day_first: bool
    # the latest date the story has moved to, per granularity: (index in the output, first day)
    latest: dict[str, tuple[int, date]] = field(default_factory=dict)
    granularity_of: dict[int, str] = field(default_factory=dict)  # output index -> granularity
    last_granularity: str | None = None  # of the latest date the story moved to
    # a span of months named since ("in the latest nine months"): what a figure is set against
    period_since: bool = False
    # the same, plus the sentence index, for dates stated in full ("March 16, 2014", "in 2014")
    stated: list[tuple[int, date, str, int]] = field(default_factory=list)
    sentence: int = 0  # index of the sentence being resolved
    clock: tuple[int, datetime, str] | None = None  # latest clock time: index, moment, zone
    # the latest day or month named: (sentence, output index, first day), a range's start
    range_start: tuple[int, int, date] | None = None


@dataclass(frozen=True, slots=True)
class _Value:
    type: str
    value: str
    anchor: str | None = None
    granularity: str | None = None
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None


def find_timexes(
    text: str,
    dct: str | None,
    sentences: Sequence[tuple[int, int]] | None = None,
    *,
    day_first: bool = False,
) -> list[Timex]:
    """The time expressions of `text` with TimeML values, in text order.

    `dct` is the document creation time (ISO date or date-time); `sentences` are (start, end)
    bounds used for tense; `day_first` reads "04/01/2024" as 4 January (dotted dates always are).
    """
    grammar = load_grammar()
    lexicon = grammar.lexicon
    bounds = list(sentences) if sentences is not None else [(0, len(text))]
    readings = _select(_readings(text, grammar, bounds), len(text))
    state = _State(dct=norm.parse_date(dct), day_first=day_first)
    out: list[Timex] = []
    starts = [start for start, _ in bounds]
    listed: tuple[int, int, str | None] | None = (
        None  # the previous expression: sentence, end, tense
    )
    for reading in readings:
        state.sentence = max(0, bisect_right(starts, reading.start) - 1)
        sentence = bounds[state.sentence]
        if not sentence[0] <= reading.start < sentence[1]:
            sentence = (reading.start, reading.start)
        tense = _tense(text, sentence, reading, lexicon)
        if tense is None and listed is not None and listed[0] == state.sentence:
            # "will defend ourselves on February 16, 17, March and April": a list shares a tense
            tense = listed[2] if _LIST_GAP.fullmatch(text, listed[1], reading.start) else None
        value = _resolve(reading, lexicon, state, tense)
        if value is None:
            continue
        listed = (state.sentence, reading.end, tense)
        index = len(out)
        out.append(
            Timex(
                start=reading.start,
                end=reading.end,
                text=text[reading.start : reading.end],
                type=value.type,
                value=value.value,
                anchor=value.anchor,
                granularity=value.granularity,
                mod=value.mod or reading.mod,
                quant=value.quant,
                freq=value.freq,
            )
        )
        if value.type == "DURATION" and value.granularity in ("month", "quarter", "year"):
            state.period_since = True
        if _looks_back(reading):
            continue  # "a year earlier": a comparison, the story's time stays where it was
        resolved = norm.parse_date(value.value) if value.type in ("DATE", "TIME") else None
        granularity = value.granularity
        if resolved is None and value.type == "DATE" and granularity:
            resolved = _period_start(value.value, granularity)
        clock = _CLOCK_VALUE.fullmatch(value.value) if value.type == "TIME" else None
        if clock is not None:
            state.clock = (index, _moment(clock["moment"]), clock["zone"] or "")
        if resolved is not None and granularity in ("day", "month"):
            state.range_start = (state.sentence, index, resolved)
        if resolved is not None and granularity:
            state.latest[granularity] = (index, resolved)
            state.granularity_of[index] = granularity
            state.last_granularity = granularity
            state.period_since = False
            if value.anchor is None:
                state.stated.append((index, resolved, granularity, state.sentence))
    return out


# --- recognition -------------------------------------------------------------------------


def _looks_back(reading: Reading) -> bool:
    """True for an expression that glances back from the narrative time ("a year earlier",
    "the year-ago quarter", "the previous day") rather than moving it."""
    g = reading.fields
    if reading.kind == "year_ago" or {"yperiod", "year_back"} & g.keys():
        return True  # also "the 1988 period", "$3 million last year" beside this quarter's
    if reading.kind == "offset":
        return g["dir"].lower() in ("earlier", "ago", "back")
    if reading.kind == "relative":
        return g["rel"].lower() in ("before", "earlier", "the previous", "the prior")
    return False


def _readings(text: str, grammar: Grammar, bounds: list[tuple[int, int]]) -> list[Reading]:
    """Every accepted match of every rule, each rule tried only near the words its gate names."""
    lowered = lower_text(text)
    hits = _gate_hits(lowered, grammar, bounds)
    found: list[Reading] = []
    windows: dict[frozenset[str], list[tuple[int, int]]] = {}
    for number, rule in enumerate(grammar.rules):
        if rule.gates not in windows:
            spans = sorted(span for gate in rule.gates for span in hits.get(gate, ()))
            windows[rule.gates] = _windows(lowered, spans)
        for start, end in windows[rule.gates]:
            for match in rule.regex.finditer(lowered, start, end):
                groups = {
                    name: text[match.start(name) : match.end(name)]
                    for name in rule.regex.groupindex
                    if match.start(name) >= 0
                }
                span = match.span("t") if "t" in groups else match.span()
                reading = Reading(span[0], span[1], rule.kind, number, groups)
                if _accept(reading, text, match, grammar.lexicon):
                    found.append(reading)
    return found


def _gate_hits(
    lowered: str, grammar: Grammar, bounds: list[tuple[int, int]]
) -> dict[str, list[tuple[int, int, int, int]]]:
    """For each gate class, (start, end, sentence start, sentence end) of the words that open it."""
    starts = [start for start, _ in bounds]
    hits: dict[str, list[tuple[int, int, int, int]]] = {}
    table = grammar.gate_words
    for hit in grammar.gate_regex.finditer(lowered):
        word = hit.group()
        classes = _DIGIT if word[0].isdigit() else (table.get(word) or table.get(word[:-1]))
        if not classes:
            continue
        index = bisect_right(starts, hit.start()) - 1
        if index < 0 or hit.start() >= bounds[index][1]:
            continue
        entry = (hit.start(), hit.end(), *bounds[index])
        for name in classes:
            hits.setdefault(name, []).append(entry)
    return hits


def _windows(lowered: str, spans: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """Merged text windows around gate words: _REACH characters each side, kept inside the
    sentence and widened to whole words, so that no expression is cut."""
    out: list[tuple[int, int]] = []
    for start, end, sentence_start, sentence_end in spans:
        low = max(sentence_start, start - _REACH)
        high = min(sentence_end, end + _REACH)
        while low > sentence_start and lowered[low - 1].isalnum():
            low -= 1
        while high < sentence_end and lowered[high].isalnum():
            high += 1
        if out and low <= out[-1][1] and sentence_start <= out[-1][0]:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out


def _select(readings: list[Reading], length: int) -> list[Reading]:
    """Longest first, then leftmost, then rule order; no two kept readings overlap."""
    kept: list[Reading] = []
    taken = bytearray(length)  # 1 where a kept reading covers the character
    for reading in sorted(readings, key=lambda r: (r.start - r.end, r.start, r.rule)):
        if any(taken[reading.start : reading.end]):
            continue
        kept.append(reading)
        taken[reading.start : reading.end] = b"\x01" * (reading.end - reading.start)
    return sorted(kept, key=lambda r: r.start)


def _capitalised(value: str | None) -> bool:
    return value is None or value[:1].isupper()


def _previous_word(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 40) : start])
    return words[-1] if words else ""


def _next_word(text: str, end: int) -> str:
    words = _WORD.findall(text[end : end + 40])
    return words[0] if words else ""


def _accept(reading: Reading, text: str, match: re.Match[str], lexicon: Lexicon) -> bool:
    """Context checks a pattern cannot express; also reads numbers and modifiers."""
    g = reading.fields
    if not (_capitalised(g.get("month")) and _capitalised(g.get("weekday"))):
        return False
    if "mod" in g:
        reading.mod = lexicon.modifiers[_norm_space(g["mod"])]
    if "approx" in g:
        hedge = _norm_space(g["approx"])
        reading.mod = lexicon.approx[hedge]
        if hedge in lexicon.approx_outside_span and reading.start == match.start("approx"):
            # "about five hours": the dev gold keeps "about" out of the span, mod APPROX stays
            reading.start = match.end("approx")
            while text[reading.start].isspace():
                reading.start += 1
    if "num" in g:
        count = _number(g["num"], lexicon)
        if count is None:
            return False
        reading.count = count
        if "num2" in g:
            upper = _number(g["num2"], lexicon)
            if upper is None or upper <= count:
                return False  # a range rises ("12 to 18 months"); not "two and a half"
    if "onwards" in g:
        reading.mod = "ON_OR_AFTER"
    if "halfmonth" in g:  # "the second half of March": its end, as "late March"
        reading.mod = "START" if g["halfmonth"].lower() == "first" else "END"
    if "over" in g:
        reading.mod = "MORE_THAN"  # "over a year": a hedge on the count, kept in the span
    if "month" in g and "day" not in g:
        left = _WORD.findall(text[max(0, reading.start - 60) : reading.start])[::-1]
        if left and left[0].lower() in ("to", "through", "until", "till") and _ends_a_range(left):
            g["range_end"] = left[0]  # "from October to December": after the range's start
    if "range_from" in g:
        first = lexicon.months.get(g["range_from"].lower())
        if first is None:
            return False
        g["range_month"] = str(first)  # "April-June": the end month, after the start's
    if "month" in g and not ({"day", "year", "t"} & g.keys()):
        shared = _RANGE_END_YEAR.match(text, reading.end)
        if shared and shared["month"].lower().rstrip(".") in lexicon.months:
            g["year"] = shared["year"]  # "January-June 2021": the year closes both months
    if "month" in g and "day" in g and "year" not in g and "t" not in g:
        shared = _SHARED_YEAR.match(text, reading.end)
        if shared:
            g["year"] = shared["year"]  # "August 6-8, 2016": the year closes both days
    if reading.kind == "relative" and _norm_space(text[reading.start : reading.end]) == "last year":
        before = _previous_word(text, reading.start).lower()
        if before in ("million", "billion") or before[:1].isdigit():
            g["compared"] = before  # "from $3 million last year": a figure set against another
    if "year" in g and not g["year"][:1].isdigit():
        spoken = _spoken_year(g["year"], lexicon)
        if spoken is None:
            return False
        g["year"] = str(spoken)
        if spoken % 1000 == 0 and "fiscal" not in g:
            # "two thousand" alone is a count unless a time word comes first ("in two thousand")
            before = _previous_word(text, reading.start).lower()
            if before not in _TIME_PREPOSITIONS and before not in ("by", "until", "year"):
                return False
    matched = text[reading.start : reading.end]
    if matched[:4].lower() == "the " and "-" in matched.split()[-1]:
        after = _next_word(text, reading.end)
        if after.isalpha() and after.islower():
            # "the third-quarter results": the article belongs to the noun after the expression
            reading.start += 4
    kind = reading.kind
    if kind == "offset" and _opens_sentence(text, reading.start):
        g["opens"] = "sentence"  # "A year ago, the bank earned ...": the frame of the sentence
    if kind == "year_ago":
        g["noun"] = text[reading.start : reading.end].rsplit(None, 1)[-1].lower()
    if kind == "relative" and g.get("unit", "").lower() in ("quarter", "period"):
        closing = _PERIOD_ENDED.match(text, reading.end)
        if closing and closing["month"].lower().rstrip(".") in lexicon.months:
            g["ended_month"], g["ended_day"] = closing["month"], closing["day"]
            g["ended_verb"] = closing["verb"]
    if kind == "relative" and g["rel"].lower() in ("before", "after"):
        after = _next_word(text, reading.end)
        clause = after.isalpha() and after.islower() and after != "last"
        if clause and after not in lexicon.adverb_followers:
            return False  # "the day before authorities issued a warrant": an event's day
    if kind == "relative" and _in_a_title(g.get("unit", ""), reading, text):
        return False  # ABC News' "This Week"
    if kind == "deictic" and g["deixis"].lower() == "the":
        after = _next_word(text, reading.end)
        if after.isalpha() and after.islower() and after not in lexicon.adverb_followers:
            return False  # "in the morning conversation": a part of day before a noun
    if kind in ("deictic", "relative", "fuzzy") and _in_a_name(text, reading.start):
        return False  # "Russia Today", "USA Today": a capitalised word inside a name
    if kind == "year":
        return _is_year(reading, text, lexicon)
    if kind == "calendar":
        return _calendar_ok(reading, text, lexicon)
    if kind in ("duration", "offset"):
        return _duration_ok(reading, text, lexicon)
    if "setadv" in g:
        return _set_adverb_ok(reading, text, lexicon)
    if g.get("fuzzy", "").lower() == "current":
        # the adjective before a noun ("the current conflict"), as TimeBank mostly tags it;
        # not "the current of a river", "then current", the "current account" of a balance
        after = _next_word(text, reading.end)
        before = _previous_word(text, reading.start).lower()
        noun = after.isalpha() and after.islower() and after not in lexicon.adverb_followers
        return noun and after not in ("of", "account") and before not in ("then", "most", "more")
    if g.get("fuzzy", "").lower() == "now" and re.match(
        r"\s+and\s+(?:then|again)\b", text[reading.end :]
    ):
        return False  # "every now and then": an idiom of frequency
    if g.get("fuzzy", "").lower() in ("soon", "shortly"):
        before = _previous_word(text, reading.start).lower()
        after = _next_word(text, reading.end).lower()
        if before == "as" or after in ("after", "before", "afterwards", "thereafter"):
            return False  # "as soon as", "soon after the attack": relative to an event
    if kind == "fuzzy" and "fz" in g:
        return g["unit"].lower().endswith("s")
    return True


def _in_a_title(unit: str, reading: Reading, text: str) -> bool:
    """True for a capitalised unit word ("60 Minutes", "This Week") that neither opens a
    sentence nor stands in a run of capitalised words (a headline): the title of a show."""
    if not unit[:1].isupper() or _opens_sentence(text, reading.start):
        return False
    before = _previous_word(text, reading.start)
    return not (before[:1].isupper() or _next_word(text, reading.end)[:1].isupper())


def _in_a_name(text: str, start: int) -> bool:
    """True for a capitalised word right after another one, mid-sentence ("Russia Today")."""
    if not text[start : start + 1].isupper():
        return False
    before = _previous_word(text, start)
    return before[:1].isupper() and before.isalpha() and not _starts_sentence(text, start)


def _set_adverb_ok(reading: Reading, text: str, lexicon: Lexicon) -> bool:
    before = _previous_word(text, reading.start)
    after = _next_word(text, reading.end)
    if before.lower() in _POSSESSIVES or after.lower() == "basis":
        return True  # "his weekly radio address", "on a daily basis": a repeated act
    if before.lower() in ("the", "a", "an") or (
        before[:1].isupper() and not _starts_sentence(text, reading.start)
    ):
        return False  # "the daily", "the British weekly": a newspaper
    # "a daily tally": an adjective before a noun is not a repeated time
    return not after.isalpha() or after.lower() in lexicon.adverb_followers


def _ordinal(word: str, lexicon: Lexicon) -> int:
    """3 for "third" or "3rd"."""
    low = word.lower()
    return int(low[:-2]) if low[:1].isdigit() else lexicon.ordinals[low]


def _norm_space(words: str) -> str:
    return " ".join(words.lower().split())


def _number(words: str, lexicon: Lexicon) -> float | None:
    """12, 1.5, "twenty-four", "a couple of" as a number."""
    key = _norm_space(words)
    fraction = _FRACTION.fullmatch(key)
    if fraction:
        whole_words = fraction["whole"] or fraction["words"]
        whole = _number(whole_words, lexicon) if whole_words else 0.0
        part = _FRACTION_PARTS.get(fraction["part"])
        if whole is None or part is None:
            return None
        return whole + part
    if key[:1].isdigit():
        if "," in key:
            key = key.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", key) else ""
        try:
            return float(key)
        except ValueError:
            return None
    if key in lexicon.numbers:
        return lexicon.numbers[key]
    parts = re.split(r"[-\s]", key)
    if len(parts) == 2 and all(p in lexicon.numbers for p in parts):
        return lexicon.numbers[parts[0]] + lexicon.numbers[parts[1]]
    return None


def _spoken_year(words: str, lexicon: Lexicon) -> int | None:
    """1996 for "nineteen ninety-six", 1905 for "nineteen oh five", 2008 for "two thousand
    and eight"."""
    parts = _norm_space(words).replace("-", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = [part for part in parts[2:] if part != "and"]
        century = 20
    elif parts and parts[0] in lexicon.year_centuries:
        century, rest = lexicon.year_centuries[parts[0]], parts[1:]
        if rest == ["hundred"]:
            rest = []
        elif rest[:1] == ["oh"]:
            rest = rest[1:]
    else:
        return None
    low = _number(" ".join(rest), lexicon) if rest else 0.0
    if low is None or not 0 <= low < 100:
        return None
    return century * 100 + int(low)


def _starts_sentence(text: str, start: int) -> bool:
    """True when only one word stands between `start` and a sentence or line start."""
    return re.search(r"(^|[.!?\n]\s*)\S+\s*$", text[max(0, start - 60) : start]) is not None


def _opens_sentence(text: str, start: int) -> bool:
    """True when the expression at `start` is the first word of its sentence or line."""
    return _SENTENCE_OPENING.search(text, max(0, start - 6), start) is not None


def _is_year(reading: Reading, text: str, lexicon: Lexicon) -> bool:
    """A bare four-digit number is a year only in a year's company, never a count or a name."""
    g = reading.fields
    if "fiscal" in g or "mod" in g:
        return True
    year = int(g["year"])
    before = _previous_word(text, reading.start)
    after = _next_word(text, reading.end)
    if after.lower() in lexicon.count_words or after in ("%", "$"):
        return False
    # "2000 workers", "1500 soldiers": a plural noun after the number makes it a count,
    # unless a preposition of time precedes it ("since 2022 prices rose").
    plural = after.islower() and after.endswith("s") and after not in ("was", "is", "has", "as")
    if plural and before.lower() not in _TIME_PREPOSITIONS:
        return False
    if before in ("$", "€", "£", "#", "№") or _NUMBER_SIGN.search(
        text, max(0, reading.start - 12), reading.start
    ):
        return False
    # "Agenda 2030", "Euro 2024": a year after a capitalised name word belongs to the name.
    name_word = before[:1].isupper() and before.lower() not in lexicon.year_cues
    if name_word and before.lower() not in lexicon.months:
        return _starts_sentence(text, reading.start)
    return 1000 <= year <= 2099


def _calendar_ok(reading: Reading, text: str, lexicon: Lexicon) -> bool:
    g = reading.fields
    month = g.get("month", "").lower().rstrip(".")
    if "month" in g and not ({"day", "year", "relyear", "rel", "halfmonth"} & g.keys()):
        # A bare month name: only full names, and "May"/"March" only after a time word.
        full = max(
            (k for k in lexicon.months if lexicon.months[k] == lexicon.months[month]), key=len
        )
        if month != full:
            return False
        cued = _previous_word(text, reading.start).lower() in lexicon.month_cues
        listed = _LISTED_BEFORE.search(text, max(0, reading.start - 16), reading.start)
        if listed and (listed["item"].isdigit() or listed["item"].lower() in lexicon.months):
            cued = True  # a member of a list of dates ("February 16, 17, March")
        range_end = _RANGE_NEXT.match(text, reading.end)
        if range_end and range_end["month"].lower() in lexicon.months:
            cued = True  # the start of a range of months ("the March-April time frame")
        after = _next_word(text, reading.end)
        if _previous_word(text, reading.start).lower() == "the" and after.isalpha():
            # "the March accession", "the May elections": a month before a common noun;
            # not "the March of Dimes", "the March on Washington" (a name, a preposition)
            noun = after.islower() and after not in lexicon.adverb_followers and after != "of"
            cued = cued or noun
        if month in _AMBIGUOUS_MONTHS and "mod" not in g and not cued:
            return False
    if "day" in g and not 1 <= int(g["day"]) <= 31:
        return False
    if "holiday" in g:
        return _holiday_ok(reading, text, lexicon)
    if "pod" in g and "month" in g and g["pod"].lower() == "night":
        # "the night of Oct. 23" runs into the next day: the date alone is the time (AQUAINT)
        return False
    if "season" in g and not ({"rel", "year", "mod"} & g.keys()) and "t" not in g:
        return False  # "fall", "spring" alone are too often not seasons
    if "ord" in g:
        century = "century" in text[reading.start : reading.end].lower()
        g["ordinal_of"] = "century" if century else "quarter"
        return century or 1 <= _ordinal(g["ord"], lexicon) <= 4
    return True


def _holiday_ok(reading: Reading, text: str, lexicon: Lexicon) -> bool:
    """A capitalised holiday used as a time, not inside a name ("Christmas Island") nor as an
    attribute of a noun after an article ("the Christmas tree", "an Easter message").

    Notes the country of a national day named right before it ("Russia's National Unity Day",
    "the Ukrainian Independence Day")."""
    if not reading.fields["holiday"][:1].isupper():
        return False
    after = _next_word(text, reading.end)
    if after[:1].isupper() and after.isalpha():
        return False
    before = _previous_word(text, reading.start).lower()
    noun_after = after.isalpha() and after.islower() and after not in lexicon.adverb_followers
    if before in ("the", "a", "an") and noun_after and after != "of":
        return False
    owner = _COUNTRY_OWNER.search(text, max(0, reading.start - 40), reading.start)
    if owner is not None and owner["word"].lower() in lexicon.country_words:
        reading.fields["country"] = lexicon.country_words[owner["word"].lower()]
    else:
        country = _holiday_country(reading, text, lexicon)
        if country is not None:
            reading.fields["country"] = country
    return True


def _holiday_country(reading: Reading, text: str, lexicon: Lexicon) -> str | None:
    """Whose day a name several countries keep is ("Independence Day"): the country named
    nearest in the sentence ("Americans marked Independence Day"), else the one the story
    names most; None (the name's first country) when the story names none of them."""
    name = _norm_space(reading.fields["holiday"]).replace("’", "'")
    candidates = {day.country for day in lexicon.national_days.get(name, ())}
    if len(candidates) < 2:
        return None
    words = tuple(lexicon.country_words.items())
    named = [(start, code) for start, code in _countries_named(text, words) if code in candidates]
    near = [
        (abs(start - reading.start), country)
        for start, country in named
        if -120 < start - reading.start < 60
        and not re.search(r"[.!?]\s", text[min(start, reading.start) : max(start, reading.start)])
    ]
    if near:
        return min(near)[1]
    counts = Counter(country for _start, country in named)
    if not counts:
        return None
    (top, most), *rest = counts.most_common()
    return top if not rest or rest[0][1] < most else None


def _names_a_country(surface: str) -> bool:
    """Country names and demonyms are capitalised; "us" and "Us" are the pronoun."""
    return surface[:1].isupper() and (surface.lower() != "us" or surface == "US")


@lru_cache(maxsize=1)  # one article is tagged at a time
def _countries_named(text: str, words: tuple[tuple[str, str], ...]) -> tuple[tuple[int, str], ...]:
    """(offset, country code) of every country word in a text, found once per text however many
    shared holidays it names."""
    codes = dict(words)
    return tuple(
        (match.start(), codes[match.group().lower()])
        for match in _country_words(tuple(codes)).finditer(text)
        if _names_a_country(match.group())
    )


@cache
def _country_words(words: tuple[str, ...]) -> re.Pattern[str]:
    words = tuple(sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, words)) + r")(?![\w])", re.I)


def _duration_ok(reading: Reading, text: str, lexicon: Lexicon) -> bool:
    g = reading.fields
    unit = lexicon.units[g["unit"].lower()]
    after = _next_word(text, reading.end).lower()
    if after == "old" or (unit == "quarter" and after == "of"):
        return False  # an age ("37 years old"), a fraction ("three-quarters of")
    if _in_a_title(g["unit"], reading, text):
        return False  # "CBS's ''60 Minutes''"
    number = g.get("num", "").lower()
    if number in ("a", "an", "one") and unit in ("second", "quarter"):
        return False  # "a second round", "a quarter of the vote"
    if number in ("a", "an") and _previous_word(text, reading.start).lower() in ("such", "what"):
        return False  # "on such a day", "what a year": a kind of day, not a length
    if reading.count is not None and (reading.count <= 0 or reading.count >= 1000):
        return False
    if "ended" in g:
        reading.count = 1.0  # "in the year ended March 31": a twelve-month accounting period
        return True
    if "and_half" in g or "unit2" in g:
        # "an hour and a half", "an hour and 46 minutes", a bare "hour and 46 minutes"
        if "num" not in g and g["unit"].lower().endswith("s"):
            return False
        count2 = _number(g["count2"], lexicon) if "unit2" in g else 0.5
        order = ("year", "month", "week", "day", "hour", "minute", "second")
        unit2 = lexicon.units.get(g.get("unit2", "").lower(), "")
        if unit not in order or (unit2 and unit2 not in order):
            return False  # "two decades and three years": no such compound in TimeML values
        if count2 is None or (unit2 and order.index(unit2) <= order.index(unit)):
            return False
        if unit2:
            g["unit2"] = unit2
        reading.count = (reading.count or 1.0) + (0.5 if "and_half" in g else 0.0)
        return True
    if "num" not in g and "vague" not in g:
        if text[reading.start : reading.end].lower().endswith("-long"):
            # "a day-long meeting" lasts one day, "decades-long" an unstated number of them
            reading.count = None if g["unit"].lower().endswith("s") else 1.0
            return True
        return g["unit"].lower().endswith("s")  # "for years", "over the decades"
    return True


# --- resolution --------------------------------------------------------------------------


def _tense(text: str, sentence: tuple[int, int], reading: Reading, lexicon: Lexicon) -> str | None:
    """ "future", "past", "near" or None from the words around the expression.

    After a deadline word ("by", "until") the answer is "near"; after the "to" of a
    "from ... to ..." range without other cue, "range". Otherwise the nearest cue
    decides, left of the expression first, then right, within eight words and the clause: a
    future cue, a present "is" (None), a past cue, or a word in -ed right next to the
    expression ("acknowledged on April 26"), where it is likely the expression's verb. On
    the left a future cue still counts up to twelve words away.
    """
    left = _WORD.findall(text[max(sentence[0], reading.start - 100) : reading.start])[::-1]
    left = left[:_FAR_CUES]
    right = _WORD.findall(text[reading.end : min(sentence[1], reading.end + 80)])[:8]
    closes_range = bool(left) and left[0].lower() in _DEADLINE_WORDS and _ends_a_range(left)
    if left and left[0].lower() in _DEADLINE_WORDS and not closes_range:
        return "near"  # "extended to Nov. 20", "by February": a deadline, the nearer date
    g = reading.fields
    if "weekday" in g and "month" not in g:
        owner = _POSSESSIVE_NOUN.match(text, reading.end)
        if owner is not None:
            return _possessive_tense(left, owner["after"], lexicon)
    # A word in -ed is read as the expression's verb only right next to it or before one
    # preposition ("acknowledged on April 26"), not further off ("preferred shares on Oct. 31").
    near_left = 2 if len(left) > 1 and left[0].lower() in _VERB_PREPOSITIONS else 1
    # A month alone may take the verb of its clause further off ("The U.S. imposed sanctions
    # on Vulin in July"), a word in -ed that does not follow an article, an adverb or "be"
    # ("on a still unspecified date in January") and has an object, when no other cue comes
    # first.
    clause_verb = "month" in g and not ({"day", "year", "rel", "relyear"} & g.keys())
    far_past = False
    for words, near in ((left, near_left), (right, 1)):
        if far_past:
            return "past"
        for i, word in enumerate(words):
            low = word.lower()
            if low in _CLAUSE_ENDS or (words is right and low == "that"):
                break  # "warned Wednesday that they should expect ...": another clause
            before = words[i + 1].lower() if words is left and i + 1 < len(words) else ""
            after = words[i + 1].lower() if words is right and i + 1 < len(words) else ""
            pairs = (f"{before} {low}", f"{low} {after}")
            if low in lexicon.future_cues or any(p in lexicon.future_cues for p in pairs):
                if words is left and _had_planned(
                    left, i + 1 if before and pairs[0] in lexicon.future_cues else i
                ):
                    return "past"  # "had been scheduled to expire at midnight Friday"
                return "future"
            if i >= _NEAR_CUES:
                continue  # further off only a future cue ("would still be held at ... on
                # April 24"); a far "was" or "said" mostly belongs to a reporting clause
            if low in lexicon.present_cues:
                # "is visiting Washington on Sunday": the present progressive before the date
                # plans ahead ("from Friday to Sunday is visiting" may be under way: not after)
                verb = words[i - 1].lower() if words is left and i > 0 else ""
                if len(verb) > 4 and verb.endswith("ing"):
                    return "future"
                return "range" if closes_range else None
            if low in lexicon.past_cues:
                return "past"
            if i < near and len(low) > 4 and low.endswith("ed") and before != "be":
                return "past"  # not a passive after "be": "to be published in November"
            if words is left and clause_verb and len(low) > 4 and low.endswith("ed") and i > 0:
                # a verb with an object ("imposed sanctions"), not a participle before a
                # preposition ("words cited in the October issue")
                object_word = words[i - 1].lower()
                verb = before not in _NOT_VERB_BEFORE and object_word.isalpha()
                verb = verb and object_word not in lexicon.adverb_followers | {"of"}
                far_past = far_past or verb
    return "range" if closes_range else None


def _possessive_tense(left: list[str], after: str, lexicon: Lexicon) -> str:
    """The direction of a weekday that owns a noun ("Wednesday's ruling", "Saturday's debate").

    Such a day names an event the reader knows of, mostly one just gone, whatever the verbs
    around the phrase ("they would look for ways to get around Wednesday's ruling"). It lies
    ahead only when the phrase itself says so: "ahead of Sunday's vote", or a future verb of
    its own ("Sunday's election will decide").
    """
    if [word.lower() for word in left[:2]] == ["of", "ahead"]:
        return "future"
    words = [word.lower() for word in _WORD.findall(after)[:6]]
    for i, word in enumerate(words):
        if word in _CLAUSE_ENDS:
            break
        pair = " ".join(words[i : i + 2])
        if word in lexicon.future_cues or pair in lexicon.future_cues:
            return "future"
        if word in lexicon.past_cues or word in lexicon.present_cues:
            break  # the phrase's own verb is not in the future
    return "past"


def _had_planned(left: list[str], cue: int) -> bool:
    """True when the future cue at `cue` (left words, nearest first) is in the past perfect
    ("had planned to", "had been scheduled to"): a plan made before a past time, now gone."""
    following = [word.lower() for word in left[cue + 1 : cue + 3]]
    return following[:1] == ["had"] or following == ["been", "had"]


def _ends_a_range(left: list[str]) -> bool:
    """True when "to"/"until" closes a "from ... to ..." range in the same clause ("bought from
    Sept. 14 to Thursday"): the end lies on the side of the range, not at a deadline."""
    for word in left[1:7]:
        if word in _CLAUSE_ENDS and word != ".":  # a period here mostly ends "Sept."
            return False
        if word.lower() == "from":
            return True
    return False


def _reference(state: _State, unit: str, mode: str) -> tuple[date | None, str | None]:
    """The date to shift from and the anchor naming it, for a unit-sized step."""
    if mode == "narrative":
        found = _latest_of(state, lambda granularity: norm.finer_or_equal(granularity, unit))
        if found is not None:
            return found
    return state.dct, ("dct" if state.dct else None)


def _latest_of(state: _State, wanted: Callable[[str], bool]) -> tuple[date, str] | None:
    """The latest date of the story whose granularity is `wanted`, with its anchor."""
    entries = [entry for granularity, entry in state.latest.items() if wanted(granularity)]
    if not entries:
        return None
    index, day = max(entries)
    return day, f"timex:{index}"


def _latest(state: _State, granularity: str) -> tuple[date, str] | None:
    """The latest resolved expression of exactly `granularity` ("the third quarter")."""
    entry = state.latest.get(granularity)
    return (entry[1], f"timex:{entry[0]}") if entry else None


def _period_start(value: str, granularity: str) -> date | None:
    """The first day of a resolved coarse value ("2025-04", "2025-Q2", "2025")."""
    try:
        if granularity == "month":
            return date(int(value[:4]), int(value[5:7]), 1)
        if granularity == "quarter":
            return date(int(value[:4]), 3 * int(value[6]) - 2, 1)
        if granularity == "year":
            return date(int(value[:4]), 1, 1)
        if granularity == "week":
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
    except ValueError:
        return None
    return None


def _resolve(reading: Reading, lexicon: Lexicon, state: _State, tense: str | None) -> _Value | None:
    kind = reading.kind
    if kind in ("calendar", "numeric_date"):
        return _resolve_calendar(reading, lexicon, state, tense)
    if kind == "year":
        return _Value("DATE", f"{int(reading.fields['year']):04d}", granularity="year")
    if kind == "deictic":
        return _resolve_deictic(reading, lexicon, state)
    if kind == "relative":
        return _resolve_relative(reading, lexicon, state, tense)
    if kind == "offset":
        return _resolve_offset(reading, lexicon, state)
    if kind == "year_ago":
        return _resolve_year_ago(reading, lexicon, state)
    if kind == "duration":
        return _resolve_duration(reading, lexicon)
    if kind == "fuzzy":
        return _resolve_fuzzy(reading, lexicon)
    return _resolve_set(reading, lexicon)


def _year_of(
    reading: Reading, state: _State, month: int, day: int | None, tense: str | None
) -> tuple[int | None, str | None]:
    """(year, anchor) from an explicit year, "of this year", or inference from the DCT."""
    g = reading.fields
    if "year" in g:
        return int(g["year"]), None
    named = state.latest.get("day")
    if {"pair", "dash", "comma"} & g.keys() and named and named[1].month == month:
        return named[1].year, f"timex:{named[0]}"  # "April 24 and 25": the first day's year
    start = state.range_start
    ranged = {"range_month", "range_end"} & g.keys() or tense == "range"
    if ranged and start and start[0] == state.sentence:
        # "April-June", "from October to December": the end falls after the start
        index, first = start[1], start[2]
        return first.year + (month < first.month), f"timex:{index}"
    if "relyear" in g:
        relation, step = _RELATIONS[_norm_space(g["relyear"])]
        ref, anchor = _reference(state, "year", relation)
        return (ref.year + step, anchor) if ref else (None, None)
    story = _story_year(state, month, day, tense)
    if story is not None:
        return story
    if state.dct is None:
        return None, None
    return norm.infer_year(month, day, state.dct, tense), "dct"


def _story_year(
    state: _State, month: int, day: int | None, tense: str | None
) -> tuple[int, str] | None:
    """The year of a story told about another year: "On March 16, 2014, ... On March 17, ..."

    Only a full date stated in this sentence or the one before, in a year other than the
    DCT's, and a day within two months of it, not in the future tense.
    """
    if not state.stated or tense == "future" or day is None:
        return None
    index, stated, granularity, sentence = state.stated[-1]
    if granularity != "day" or state.sentence - sentence > 1:
        return None
    if state.dct is not None and stated.year == state.dct.year:
        return None
    year = norm.infer_year(month, day, stated, "near")
    try:
        gap = abs((date(year, month, day) - stated).days)
    except ValueError:
        return None
    return (year, f"timex:{index}") if gap <= norm.NEAR_FUTURE_DAYS else None


def _numeric_parts(reading: Reading, state: _State) -> tuple[int, int, int] | None:
    """(year, month, day) of 04/01/2024 or 4.1.2024; dotted dates are day-first."""
    g = reading.fields
    first, second = int(g["a"]), int(g["b"])
    day_first = g["sep"] == "." or state.day_first
    if first > 12:
        day_first = True
    elif second > 12:
        day_first = False
    day, month = (first, second) if day_first else (second, first)
    year = int(g["y"])
    if len(g["y"]) == 2:
        pivot = (state.dct.year % 100 + 1) if state.dct else 50
        year += 2000 if year <= pivot else 1900
    try:
        date(year, month, day)
    except ValueError:
        return None
    return year, month, day


def _resolve_calendar(
    reading: Reading, lexicon: Lexicon, state: _State, tense: str | None
) -> _Value | None:
    g = reading.fields
    if reading.kind == "numeric_date":
        parts = _numeric_parts(reading, state)
        if parts is None:
            return None
        return _Value("DATE", date(*parts).isoformat(), granularity="day")
    if "decade" in g or "decade2" in g or "decword" in g:
        if "decade" in g:
            first = int(g["decade"])
        else:
            two = int(g["decade2"]) if "decade2" in g else lexicon.decades[g["decword"].lower()]
            first = norm.decade_from_two_digits(two, state.dct)
        return _Value("DATE", f"{first // 10:03d}", granularity="decade")
    if "yperiod" in g:
        return _resolve_year_period(int(g["year"]), state)
    if "ord" in g or "qnum" in g:
        ordinal = int(g["qnum"]) if "qnum" in g else _ordinal(g["ord"], lexicon)
        if g.get("ordinal_of") == "century":
            return _Value("DATE", f"{ordinal - 1:02d}", granularity="century")
        return _resolve_quarter(reading, ordinal, state, tense)
    if "half" in g:
        year, anchor = _year_of(reading, state, 6, None, tense)
        half = 1 if g["half"].lower() == "first" else 2
        return _Value("DATE", f"{_year_text(year)}-H{half}", anchor, "half")
    if "season" in g:
        return _resolve_season(reading, lexicon, state, tense)
    if "holiday" in g:
        return _resolve_holiday(reading, lexicon, state, tense)
    clock = _clock(g, lexicon)
    month = lexicon.months[g["month"].lower().rstrip(".")] if "month" in g else None
    month = int(g["mnum"]) if "mnum" in g else month
    day = int(g["day"]) if "day" in g else None
    if month is not None:
        return _resolve_month(reading, lexicon, state, tense, month, day, clock)
    if "weekday" in g:
        weekday = lexicon.weekdays[g["weekday"].lower()]
        return _resolve_weekday(reading, lexicon, state, tense, weekday, clock)
    if clock is not None:
        return _clock_on(_story_day(state), clock)
    return None


def _resolve_holiday(
    reading: Reading, lexicon: Lexicon, state: _State, tense: str | None
) -> _Value | None:
    """ "Christmas", "last Thanksgiving", "Easter 2024": the holiday's day in the year the
    tense (or "last"/"next") points to, as for a month and day without a year."""
    g = reading.fields
    name = _norm_space(g["holiday"]).replace("’", "'")
    rule = lexicon.holidays[name]
    days = lexicon.national_days.get(name, ())
    if days:
        # the country named before the holiday, else the name's first (default) country
        country = g.get("country", days[0].country)
        days = tuple(day for day in days if day.country == country) or days[:1]
        rule = days[0].rule
    rel = _norm_space(g.get("rel", ""))
    if rel:
        tense = {"last": "past", "this past": "past", "next": "future"}.get(rel, tense or "future")
    sample = norm.holiday_date(rule, state.dct.year if state.dct else 2000)
    year, anchor = _year_of(reading, state, sample.month, sample.day, tense)
    if year is None:
        fixed = norm.FIXED_DAY.fullmatch(rule)
        return _Value("DATE", f"XXXX-{rule}" if fixed else "XXXX-XX-XX", None, "day")
    # a day moved by law ("Defenders Day" from October 14 to October 1 in 2023)
    rule = next((day.rule for day in days if day.in_force(year)), rule)
    point = norm.holiday_date(rule, year)
    if state.dct is not None and rel in ("next", "last") and "year" not in g:
        # "the next Independence Day" said on Independence Day is a year on
        step = 1 if rel == "next" else -1
        if (point - state.dct).days * step <= 0:
            point = norm.holiday_date(rule, year + step)
    return _Value("DATE", point.isoformat(), anchor, "day")


def _year_text(year: int | None) -> str:
    return "XXXX" if year is None else f"{year:04d}"


def _resolve_quarter(
    reading: Reading, quarter: int, state: _State, tense: str | None
) -> _Value | None:
    g = reading.fields
    rel = _norm_space(g.get("rel", ""))
    if "year" in g or "relyear" in g:
        year, anchor = _year_of(reading, state, 3 * quarter - 2, 1, tense)
    elif rel in ("this year's", "last year's", "next year's"):
        step = {"this year's": 0, "last year's": -1, "next year's": 1}[rel]
        year, anchor = (state.dct.year + step, "dct") if state.dct else (None, None)
    elif state.dct is not None:
        year, anchor = norm.quarter_year(quarter, state.dct, tense), "dct"
    else:
        year, anchor = None, None
    return _Value("DATE", f"{_year_text(year)}-Q{quarter}", anchor, "quarter")


def _resolve_season(
    reading: Reading, lexicon: Lexicon, state: _State, tense: str | None
) -> _Value | None:
    g = reading.fields
    code = lexicon.seasons[g["season"].lower()]
    month = norm.SEASON_MONTH[code]
    rel = _norm_space(g.get("rel", ""))
    year: int | None
    if "year" in g:
        year, anchor = int(g["year"]), None
    elif "relyear" in g:  # "late summer last year"
        year, anchor = _year_of(reading, state, month, None, tense)
    elif state.dct is None:
        year, anchor = None, None
    elif rel in ("last", "this past"):
        year, anchor = norm.infer_year(month, None, state.dct, "past"), "dct"
        if abs(state.dct.month - month) <= 1 and year == state.dct.year:
            year -= 1
    elif rel in ("next", "this coming"):
        year, anchor = norm.infer_year(month, None, state.dct, "future"), "dct"
        if abs(state.dct.month - month) <= 1 and year == state.dct.year:
            year += 1
    elif rel == "this":
        year, anchor = state.dct.year, "dct"
    else:
        year, anchor = norm.infer_year(month, None, state.dct, tense), "dct"
    return _Value("DATE", f"{_year_text(year)}-{code}", anchor, "season")


def _resolve_month(
    reading: Reading,
    lexicon: Lexicon,
    state: _State,
    tense: str | None,
    month: int,
    day: int | None,
    clock: str | None,
) -> _Value | None:
    g = reading.fields
    rel = _norm_space(g.get("rel", ""))
    if rel and state.dct is not None:
        direction = {"last": "past", "this past": "past", "next": "future"}.get(rel, "future")
        if rel == "this":
            direction = tense or "future"
        year: int | None = norm.infer_year(month, None, state.dct, direction)
        if month == state.dct.month and rel in ("last", "this past", "next", "the coming"):
            year = state.dct.year + (-1 if direction == "past" else 1)
        anchor: str | None = "dct"
    elif rel:
        year, anchor = None, None
    else:
        if "weekday" in g and day is not None and "year" not in g and state.dct is not None:
            weekday = lexicon.weekdays[g["weekday"].lower()]
            year, anchor = _year_by_weekday(weekday, state.dct, month, day, tense), "dct"
        else:
            year, anchor = _year_of(reading, state, month, day, tense)
    if day is None:
        return _Value("DATE", f"{_year_text(year)}-{month:02d}", anchor, "month")
    if year is not None:
        try:
            point = date(year, month, day)
        except ValueError:
            return None
        if clock is not None:
            return replace(_clock_on((point, anchor), clock), anchor=anchor)
        if "pod" in g:  # "the morning of March 9"
            pod = lexicon.parts_of_day[g["pod"].lower()]
            return _Value("TIME", f"{point.isoformat()}T{pod}", anchor, "time")
        return _Value("DATE", point.isoformat(), anchor, "day")
    value = f"XXXX-{month:02d}-{day:02d}"
    return (
        _Value("TIME", f"{value}{clock}", None, "time")
        if clock
        else _Value("DATE", value, None, "day")
    )


def _year_by_weekday(weekday: int, dct: date, month: int, day: int, tense: str | None) -> int:
    """The year near the DCT in which the stated day falls on the stated ISO weekday."""
    for year in (dct.year, dct.year - 1, dct.year + 1):
        try:
            if date(year, month, day).isoweekday() == weekday:
                return year
        except ValueError:
            continue
    return norm.infer_year(month, day, dct, tense)


def _resolve_weekday(
    reading: Reading,
    lexicon: Lexicon,
    state: _State,
    tense: str | None,
    weekday: int,
    clock: str | None,
) -> _Value | None:
    g = reading.fields
    rel = _norm_space(g.get("rel", ""))
    if state.dct is None:
        point: date | None = None
    elif rel in ("last", "this", "next"):
        point = norm.relative_weekday(weekday, state.dct, rel)
    elif rel in ("this past", "this coming"):
        point = norm.weekday_date(weekday, state.dct, "past" if rel == "this past" else "future")
    elif tense == "range":
        # "from Friday to Sunday": the end is the weekday just gone unless that lies before
        # the range's start, then the first one from the start on.
        point = norm.weekday_date(weekday, state.dct, "past")
        start = _latest_of(state, lambda granularity: granularity in ("day", "time"))
        if start is not None and point < start[0]:
            point = norm.weekday_date(weekday, start[0], "future")
    else:
        point = norm.weekday_date(weekday, state.dct, tense)
    pod = lexicon.parts_of_day[g["pod"].lower()] if "pod" in g else None
    if clock is not None:
        return _clock_on((point, "dct" if point else None), clock)
    if point is None:
        value = f"XXXX-WXX-{weekday}"
        return (
            _Value("TIME", f"{value}T{pod}", None, "time")
            if pod
            else _Value("DATE", value, None, "day")
        )
    if pod:
        return _Value("TIME", f"{point.isoformat()}T{pod}", "dct", "time")
    return _Value("DATE", point.isoformat(), "dct", "day")


def _clock(g: dict[str, str], lexicon: Lexicon) -> str | None:
    """The ``THH:MM`` (+zone) part of a clock time, None when the match has none."""
    if "noon" in g:
        hour, minute = (24, 0) if g["noon"].lower() == "midnight" else (12, 0)
    elif "hour24" in g:
        hour, minute = int(g["hour24"]), int(g["minute24"])
    elif "hour" in g:
        hour, minute = int(g["hour"]), int(g.get("minute", "0"))
        if not 1 <= hour <= 12:
            return None
        pm = g["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    else:
        return None
    zone = lexicon.zones.get(_norm_space(g["zone"]), "") if "zone" in g else ""
    return f"T{hour:02d}:{minute:02d}{zone}"


def _story_day(state: _State) -> tuple[date | None, str | None]:
    """The day a clock time falls on: the latest day the story has named, else the DCT."""
    found = _latest_of(state, lambda granularity: granularity in ("day", "time"))
    if found is not None:
        return found
    return state.dct, ("dct" if state.dct else None)


def _clock_on(day: tuple[date | None, str | None], clock: str) -> _Value:
    point, anchor = day
    prefix = point.isoformat() if point else "XXXX-XX-XX"
    return _Value("TIME", f"{prefix}{clock}", anchor if point else None, "time")


def _resolve_deictic(reading: Reading, lexicon: Lexicon, state: _State) -> _Value | None:
    g = reading.fields
    deixis = _norm_space(g["deixis"])
    pod = lexicon.parts_of_day[g["pod"].lower()] if "pod" in g else None
    if deixis in _DEIXIS:
        days, implied = _DEIXIS[deixis]
        pod = pod or implied
        ref, anchor = state.dct, ("dct" if state.dct else None)
    elif deixis == "the":  # "confirmed in the afternoon": of the day the story is on
        (ref, anchor), days = _story_day(state), 0
    else:
        relation, days = _RELATIONS[deixis]
        ref, anchor = _reference(state, "day", relation)
    point = "XXXX-XX-XX" if ref is None else norm.shift(ref, "day", days).isoformat()
    if pod:
        return _Value("TIME", f"{point}T{pod}", anchor, "time")
    return _Value("DATE", point, anchor, "day")


def _resolve_relative(
    reading: Reading, lexicon: Lexicon, state: _State, tense: str | None
) -> _Value | None:
    g = reading.fields
    rel = _norm_space(g["rel"])
    unit = g.get("unit", "year").lower()
    if unit == "period":
        unit = "quarter"  # "the latest period" of an earnings report is its quarter
    if "ended_month" in g and state.dct is not None and _latest(state, "quarter") is None:
        # "the quarter ended July 31" spans May to July: the calendar quarter holding most of
        # its three months, in the year the closing day's tense points to (a quarter the story
        # has named, "the fiscal first quarter", is the company's own name for it and stays)
        month = lexicon.months[g["ended_month"].lower().rstrip(".")]
        if g["ended_verb"] == "ending":
            tense = tense or "near"  # "the quarter ending Dec. 31" may not have ended yet
        year = norm.infer_year(month, int(g["ended_day"]), state.dct, tense)
        middle = norm.add_months(date(year, month, 1), -1)
        return _Value("DATE", norm.format_value(middle, "quarter"), "dct", "quarter")
    if unit == "quarter" and rel in ("the", "the latest", "the same", "that"):
        # "the quarter" of an earnings report: the one under discussion, else the last one
        # completed before the report; "the latest" one has ended ("fourth-quarter charges"
        # expected in a fourth-quarter report are not it).
        latest = _latest(state, "quarter")
        ended = latest and state.dct and _quarter_ended(latest[0], state.dct)
        if rel == "the latest" and not ended:
            latest = None
        if latest is None and state.dct is not None:
            point = norm.shift(state.dct, "quarter", -1)
            return _Value("DATE", norm.format_value(point, "quarter"), "dct", "quarter")
        rel = "the same"
    elif rel == "the" and reading.mod is None and unit != "weekend":
        return None  # "the year" alone is too often not a time
    latest_quarter = _latest(state, "quarter")
    if "compared" in g and latest_quarter and _quarter_in_focus(state):
        # Earnings style: "earnings of $24 million, compared with $3 million last year" sets
        # the quarter just named against the same quarter a year before.
        point = norm.shift(latest_quarter[0], "year", -1)
        g["year_back"] = "quarter"  # a comparison: the story stays in this year's quarter
        return _Value("DATE", norm.format_value(point, "quarter"), latest_quarter[1], "quarter")
    if unit == "day" and _RELATIONS[rel][0] == "dct":
        return None  # "this day", "last day" are not deictic days in news English
    if rel == "the past" and unit in ("decade", "century"):
        # "over the past decade": the ten years up to now, not the 1980s as a named decade
        length = 10 if unit == "decade" else 100
        return _Value("DURATION", norm.duration_value(length, "year"), granularity="year")
    relation, step = _RELATIONS[rel]
    mod = "END" if rel == "year" else None
    if unit == "weekend":
        ref, anchor = _reference(state, "day", relation)
        if ref is None:
            return _Value("DATE", "XXXX-WXX-WE", None, "week", mod)
        if rel == "the":
            ref = norm.weekday_date(6, ref, tense)
        week = norm.format_value(norm.shift(ref, "week", step), "week")
        return _Value("DATE", f"{week}-WE", anchor, "week", mod)
    ref, anchor = _reference(state, unit, relation)
    if unit == "quarter" and relation == "narrative":
        ref, anchor = _latest(state, "quarter") or (ref, anchor)
    if ref is None:
        return _Value("DATE", norm.unknown_value(unit), None, unit, mod)
    point = norm.shift(ref, unit, step)
    return _Value("DATE", norm.format_value(point, unit), anchor, unit, mod)


def _quarter_in_focus(state: _State) -> bool:
    """True when the latest period the story named is a quarter, so that a figure "a year ago"
    is set against it (not after "in the latest nine months", a span of its own)."""
    return state.last_granularity == "quarter" and not state.period_since


def _report_quarter(state: _State) -> tuple[date | None, str | None]:
    """The quarter an earnings report discusses: the latest one named, else the one completed
    before the DCT."""
    latest = _latest(state, "quarter")
    if latest is not None:
        return latest
    if state.dct is not None:
        return norm.shift(state.dct, "quarter", -1), "dct"
    return None, None


def _resolve_year_period(year: int, state: _State) -> _Value:
    """ "the 1988 period" of an earnings report: the quarter under discussion, in that year."""
    start, anchor = _report_quarter(state)
    if start is None:
        return _Value("DATE", f"{year:04d}", None, "year")
    return _Value("DATE", f"{year:04d}-Q{(start.month - 1) // 3 + 1}", anchor, "quarter")


def _quarter_ended(start: date, dct: date) -> bool:
    """True when the quarter beginning on `start` ended before the DCT's quarter began."""
    return norm.format_value(start, "quarter") < norm.format_value(dct, "quarter")


def _resolve_offset(reading: Reading, lexicon: Lexicon, state: _State) -> _Value | None:
    g = reading.fields
    unit = lexicon.units[g["unit"].lower()]
    relation, sign = _OFFSET_DIRECTIONS[_norm_space(g["dir"])]
    if reading.count is None:
        return _Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, None)
    if unit in ("hour", "minute") and relation == "narrative":
        moved = _clock_offset(state, unit, sign * reading.count)
        if moved is not None:
            return moved
    granularity = norm.unit_granularity(unit)
    if granularity == "time":
        granularity = "day"  # hours ago: the day is what a reference date can carry
    elif granularity in ("decade", "century"):
        # "a decade ago" is "ten years ago", a year (1989 in 1999), not the named decade
        granularity = "year"
    ref, anchor = _reference(state, granularity, relation)
    if ref is None:
        return _Value("DATE", norm.unknown_value(granularity), None, granularity)
    latest_quarter = _latest(state, "quarter")
    just_named = _quarter_in_focus(state)
    if unit == "year" and reading.count == 1 and latest_quarter and just_named and "opens" not in g:
        # Earnings style: "from $5 million a year ago" compares with the quarter just named.
        ref, anchor = latest_quarter
        granularity = "quarter"
    if unit in ("second", "minute", "hour"):
        point = ref
    else:
        point = norm.shift(ref, unit, sign * max(1, round(reading.count)))
    span_compared = unit == "year" and sign < 0 and state.period_since
    if relation == "narrative" and anchor and anchor.startswith("timex:") and not span_compared:
        # "a year later" than a day or a quarter is that day or quarter a year on; but "40% in
        # the latest nine months, compared with 35% a year earlier" compares a span: the year
        granularity = _history_granularity(state, anchor) or granularity
    return _Value("DATE", norm.format_value(point, granularity), anchor, granularity)


def _moment(value: str) -> datetime:
    """The datetime of ``YYYY-MM-DDTHH:MM``; TimeML's ``T24:00`` (midnight) ends the day."""
    if value.endswith("T24:00"):
        return datetime.fromisoformat(value[:10]) + timedelta(days=1)
    return datetime.fromisoformat(value)


def _clock_offset(state: _State, unit: str, count: float) -> _Value | None:
    """ "Three hours later" after "at 10 p.m.": a clock time, when the story's latest point
    is that clock time (not a day named after it)."""
    if state.clock is None or state.last_granularity != "time":
        return None
    index, moment, zone = state.clock
    if state.latest.get("time", (-1,))[0] != index:
        return None
    moved = moment + (timedelta(hours=count) if unit == "hour" else timedelta(minutes=count))
    return _Value("TIME", f"{moved:%Y-%m-%dT%H:%M}{zone}", f"timex:{index}", "time")


def _history_granularity(state: _State, anchor: str) -> str | None:
    granularity = state.granularity_of.get(int(anchor.split(":")[1]))
    return "day" if granularity == "time" else granularity


def _resolve_year_ago(reading: Reading, lexicon: Lexicon, state: _State) -> _Value | None:
    """ "the year-ago quarter", "year-earlier": the period under discussion, a year before."""
    if "ord" in reading.fields and state.dct is not None:
        quarter = _ordinal(reading.fields["ord"], lexicon)
        return _Value("DATE", f"{state.dct.year - 1:04d}-Q{quarter}", "dct", "quarter")
    if "qperiod" in reading.fields:
        # "the quarter a year ago", "the corresponding period last year": the report's quarter
        start, anchor = _report_quarter(state)
        if start is None:
            return _Value("DATE", "XXXX-QX", None, "quarter")
        point = norm.shift(start, "year", -1)
        return _Value("DATE", norm.format_value(point, "quarter"), anchor, "quarter")
    ref, anchor = _reference(state, "year", "narrative")
    if ref is None or anchor is None:
        return _Value("DATE", "XXXX", None, "year")
    granularity = _history_granularity(state, anchor) if anchor != "dct" else "year"
    noun = reading.fields.get("noun", "")
    if noun in ("quarter", "period", "month") and granularity in ("day", "week", "month"):
        # "the year-ago quarter" after "the quarter ended Sept. 30": a quarter, whatever the
        # grain of the date before it
        granularity = "month" if noun == "month" else "quarter"
    if granularity not in ("quarter", "month", "year"):
        granularity = "year"
    after_report = state.dct is not None and _quarter_ended(state.dct, ref)  # ref's quarter later
    if granularity == "quarter" and state.dct is not None and after_report:
        # the latest quarter named is a forecast ("losses through the third quarter of 1990");
        # results set against a year before are those of the quarter completed before the report
        ref, anchor = norm.shift(state.dct, "quarter", -1), "dct"
    return _Value(
        "DATE", norm.format_value(norm.shift(ref, "year", -1), granularity), anchor, granularity
    )


def _resolve_duration(reading: Reading, lexicon: Lexicon) -> _Value | None:
    g = reading.fields
    unit = lexicon.units[g["unit"].lower()]
    value = norm.duration_value(reading.count, unit)
    if "unit2" in g:  # "an hour and 46 minutes": PT1H46M; "two days and three hours": P2DT3H
        rest = norm.duration_value(_number(g["count2"], lexicon), lexicon.units[g["unit2"]])
        if value.startswith("PT") and not rest.startswith("PT"):
            return None  # "hours and days": not one length
        value += rest[2:] if value.startswith("PT") else rest[1:]
    return _Value("DURATION", value, granularity=unit)


def _resolve_fuzzy(reading: Reading, lexicon: Lexicon) -> _Value | None:
    g = reading.fields
    if "fz" in g:
        word, unit = g["fz"].lower(), lexicon.units[g["unit"].lower()]
        if word in ("past", "recent") and unit in ("year", "decade", "century"):
            return _Value("DATE", "PAST_REF")  # "in recent years": TimeBank's past, mostly
        if word != "past":
            # "in recent months", "in the coming weeks", "previous years": TimeBank mostly
            # annotates a stretch of unstated length up to (or from) now, PXM, PXW
            unit = "month" if unit == "quarter" else unit  # ISO durations have no quarters
            return _Value("DURATION", norm.duration_value(None, unit), granularity=unit)
        return _Value("DATE", "PAST_REF")
    return _Value("DATE", lexicon.fuzzy[_norm_space(g["fuzzy"])])


def _resolve_set(reading: Reading, lexicon: Lexicon) -> _Value | None:
    g = reading.fields
    quant = g["quant"].upper() if "quant" in g else None
    if "setadv" in g:
        value, unit = lexicon.set_adverbs[_norm_space(g["setadv"])]
        return _Value("SET", value, granularity=unit)
    if "weekday" in g:
        day = lexicon.weekdays[g["weekday"].lower()]
        pod = f"T{lexicon.parts_of_day[g['pod'].lower()]}" if "pod" in g else ""
        return _Value("SET", f"XXXX-WXX-{day}{pod}", None, "day", quant=quant)
    if "month" in g:  # "each July"
        month = lexicon.months[g["month"].lower().rstrip(".")]
        return _Value("SET", f"XXXX-{month:02d}", None, "month", quant=quant)
    if "season" in g:  # "every summer"
        season = lexicon.seasons[g["season"].lower()]
        return _Value("SET", f"XXXX-{season}", None, "season", quant=quant)
    unit = lexicon.units[g["unit"].lower()]
    if "freq" in g:
        word = g["freq"].lower()
        times = _FREQUENCIES.get(word) or int(reading.count or 1)
        return _Value("SET", norm.duration_value(1, unit), None, unit, freq=f"{times}X")
    count = 2.0 if "other" in g else (reading.count or 1.0)
    return _Value("SET", norm.duration_value(count, unit), None, unit, quant=quant)


# --- spaCy component ---------------------------------------------------------------------


@Language.factory(
    "claimledger_timex",
    assigns=["doc.spans"],
    default_config={"day_first": False},
)
def make_timex_tagger(nlp: Language, name: str, day_first: bool) -> TimexTagger:
    register_extensions()
    return TimexTagger(day_first=day_first)


class TimexTagger:
    """Fills doc.spans["timexes"] from find_timexes, anchored on doc._.published."""

    def __init__(self, day_first: bool = False) -> None:
        self.day_first = day_first

    def __call__(self, doc: Doc) -> Doc:
        sentences = None
        if doc.has_annotation("SENT_START"):
            sentences = [(s.start_char, s.end_char) for s in doc.sents]
        found = find_timexes(doc.text, doc._.published, sentences, day_first=self.day_first)
        set_span_group(doc, LAYER, found)
        return doc
