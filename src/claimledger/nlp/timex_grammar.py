"""The time-expression grammar: word lists and rule patterns from data files, compiled once.

``resources/en/timex/lexicon.json`` holds the words (months, numbers, cue words, zones ...),
``resources/en/timex/holidays.json`` the national and religious days by country;
``resources/en/timex/rules.json`` holds the patterns, written with macros such as ``{MONTH}``
that expand to named groups built from the lexicon. A literal space in a pattern matches any
run of whitespace. A pattern may mark the expression itself with a group ``t`` when it needs
context around it (``for (?P<t>{UNIT})``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from claimledger.nlp.timex_normalize import MOVABLE_HOLIDAYS, is_holiday_rule
from claimledger.resources import read_json

LEXICON_FILE = "en/timex/lexicon.json"
RULES_FILE = "en/timex/rules.json"
HOLIDAYS_FILE = "en/timex/holidays.json"

# The handler families a rule can name; timex.py reads each one.
KINDS: frozenset[str] = frozenset(
    {
        "calendar",
        "numeric_date",
        "year",
        "deictic",
        "relative",
        "offset",
        "year_ago",
        "duration",
        "fuzzy",
        "set",
    }
)
_RULE_KEYS = ("name", "kind", "gate", "pattern")
_LEXICON_KEYS = (
    "months",
    "weekdays",
    "numbers",
    "vague_numbers",
    "ordinals",
    "units",
    "seasons",
    "parts_of_day",
    "fuzzy",
    "set_adverbs",
    "zones",
    "modifiers",
    "approx",
    "approx_outside_span",
    "year_cues",
    "count_words",
    "month_cues",
    "adverb_followers",
    "day_words",
    "decades",
    "year_centuries",
    "holidays",
    "tense",
    "report_periods",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
# Not inside a word, a number or an amount; a hyphen only after a digit ("2022-2024").
_BEFORE = r"(?:\b|(?=['’]))(?<![\w$€£₴.,/])(?<![A-Za-z]-)"
_AFTER = r"(?!\w|[.,/]\d)"


class GrammarError(ValueError):
    """A timex data file has a wrong key, kind or macro."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of lexicon.json, lower-cased."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    fuzzy: dict[str, str]
    set_adverbs: dict[str, tuple[str, str]]
    zones: dict[str, str]
    modifiers: dict[str, str]
    approx: dict[str, str]
    approx_outside_span: frozenset[str]  # hedges that give a mod but stay out of the span
    year_cues: frozenset[str]
    count_words: frozenset[str]
    month_cues: frozenset[str]  # words before "May"/"March" that make them months
    adverb_followers: frozenset[str]  # words after "daily" that keep it an adverb
    day_words: frozenset[str]  # "yesterday", "noon": words that are times on their own
    decades: dict[str, int]  # "nineties": 90
    year_centuries: dict[str, int]  # "nineteen": 19, the first half of a spoken year
    holidays: dict[str, str]  # "christmas day": "12-25"; "easter": a movable holiday's rule
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    present_cues: frozenset[str]  # "is": the date is near now, neither side is preferred
    report_periods: frozenset[str]  # "period": an earnings report's quarter ("the latest period")
    # national and religious days of holidays.json: name -> its dates, the default country first
    national_days: dict[str, tuple[NationalDay, ...]] = field(default_factory=dict)
    country_words: dict[str, str] = field(default_factory=dict)  # "ukrainian": "UA"


@dataclass(frozen=True, slots=True)
class NationalDay:
    """One country's date of a named day, in force from `since` to `until` (years) if given."""

    country: str
    rule: str  # "MM-DD" or a rule of timex_normalize.holiday_date
    since: int | None = None
    until: int | None = None

    def in_force(self, year: int) -> bool:
        return (self.since is None or year >= self.since) and (
            self.until is None or year <= self.until
        )


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled pattern, the handler family that reads its groups, and its gate: the word
    classes of which a sentence must hold one for the rule to be tried there."""

    name: str
    kind: str
    gates: frozenset[str]
    regex: re.Pattern[str]


def gate_words(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """The gate classes each lower-cased word opens; a phrase opens by its last word
    ("at the moment" by "moment"). Digits open DIGIT without a table entry."""
    classes: dict[str, set[str]] = {}
    lists: dict[str, Iterable[str]] = {
        "MONTH": lexicon.months,
        "WEEKDAY": lexicon.weekdays,
        "UNIT": lexicon.units,
        "SEASON": lexicon.seasons,
        "POD": lexicon.parts_of_day,
        "FUZZY": lexicon.fuzzy,
        "SETADV": lexicon.set_adverbs,
        "DAYWORD": lexicon.day_words,
        "DECADE": lexicon.decades,
        "YEARWORD": (*lexicon.year_centuries, "thousand"),
        "HOLIDAY": lexicon.holidays,
        "PERIOD": lexicon.report_periods,
    }
    for name, words in lists.items():
        for phrase in words:
            classes.setdefault(phrase.split()[-1], set()).add(name)
    return {word: frozenset(names) for word, names in classes.items()}


GATES: frozenset[str] = frozenset(
    {
        "DIGIT",
        "MONTH",
        "WEEKDAY",
        "UNIT",
        "SEASON",
        "POD",
        "FUZZY",
        "SETADV",
        "DAYWORD",
        "DECADE",
        "YEARWORD",
        "HOLIDAY",
        "PERIOD",
    }
)


def _check_keys(data: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    missing = sorted(set(allowed) - set(data))
    if unknown or missing:
        raise GrammarError(
            f"{where}: unknown keys {unknown}, missing keys {missing}; "
            f"the keys are {', '.join(allowed)}"
        )


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Validate and convert the lexicon's JSON object."""
    _check_keys(data, _LEXICON_KEYS, LEXICON_FILE)
    tense = data["tense"]
    _check_keys(tense, ("future", "past", "present"), f"{LEXICON_FILE} tense")

    def lower(mapping: dict[str, Any]) -> dict[str, Any]:
        return {key.lower(): value for key, value in mapping.items()}

    holidays = lower(data["holidays"])
    for name, rule in holidays.items():
        if not (re.fullmatch(r"(0[1-9]|1[0-2])-[0-3]\d", rule) or rule in MOVABLE_HOLIDAYS):
            raise GrammarError(
                f"{LEXICON_FILE} holidays {name!r}: {rule!r} is neither MM-DD nor one of "
                f"{', '.join(sorted(MOVABLE_HOLIDAYS))}"
            )
    return Lexicon(
        months=lower(data["months"]),
        weekdays=lower(data["weekdays"]),
        numbers={k.lower(): float(v) for k, v in data["numbers"].items()},
        vague_numbers=frozenset(w.lower() for w in data["vague_numbers"]),
        ordinals=lower(data["ordinals"]),
        units=lower(data["units"]),
        seasons=lower(data["seasons"]),
        parts_of_day=lower(data["parts_of_day"]),
        fuzzy=lower(data["fuzzy"]),
        set_adverbs={k.lower(): (v[0], v[1]) for k, v in data["set_adverbs"].items()},
        zones=lower(data["zones"]),
        modifiers=lower(data["modifiers"]),
        approx=lower(data["approx"]),
        approx_outside_span=frozenset(w.lower() for w in data["approx_outside_span"]),
        year_cues=frozenset(w.lower() for w in data["year_cues"]),
        count_words=frozenset(w.lower() for w in data["count_words"]),
        month_cues=frozenset(w.lower() for w in data["month_cues"]),
        adverb_followers=frozenset(w.lower() for w in data["adverb_followers"]),
        day_words=frozenset(w.lower() for w in data["day_words"]),
        decades={k.lower(): int(v) for k, v in data["decades"].items()},
        year_centuries={k.lower(): int(v) for k, v in data["year_centuries"].items()},
        holidays=holidays,
        future_cues=frozenset(w.lower() for w in tense["future"]),
        past_cues=frozenset(w.lower() for w in tense["past"]),
        present_cues=frozenset(w.lower() for w in tense["present"]),
        report_periods=frozenset(w.lower() for w in data["report_periods"]),
    )


def _words(words: Iterable[str]) -> str:
    """A regex matching any of the literal phrases, built as a trie so that matching a list
    costs one pass over the text instead of one per word; longer phrases win over prefixes,
    and a space in a phrase matches any whitespace."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if ends:
        # the longer continuation first; the bare end is the fallback
        return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
    return body


def macros(lexicon: Lexicon) -> dict[str, str]:
    """The text each ``{MACRO}`` of a rule pattern expands to."""
    full = {
        max((k for k in lexicon.months if lexicon.months[k] == n), key=len)
        for n in lexicon.months.values()
    }
    # Abbreviations may carry a period ("Sept."); full names may not swallow a full stop.
    month_forms = sorted(
        (re.escape(m) if m in full else re.escape(m) + r"\.?" for m in lexicon.months),
        key=lambda form: -len(form),
    )
    compounds = rf"(?:{'|'.join(_TENS)})(?:-|\s)(?:{'|'.join(_ONES)})"
    # A year as spoken in broadcast transcripts: "nineteen ninety-six", "nineteen oh five",
    # "nineteen hundred", "two thousand and eight"; never followed by a larger number word.
    two_digits = rf"(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)}))?|{'|'.join(_TEENS)}"
    spoken_year = (
        rf"(?:{_words(lexicon.year_centuries)})\s(?:hundred|oh[-\s](?:{'|'.join(_ONES)})"
        rf"|{two_digits})"
        rf"|two\sthousand(?:\s(?:and\s)?(?:{two_digits}|{'|'.join(_ONES)}))?"
    )
    spoken_year = rf"(?:{spoken_year})(?![-\s](?:hundred|thousand|million|billion))"
    simple = rf"\d+(?:[.,]\d+)?|{compounds}|{_words(lexicon.numbers)}"
    # "5 1/2", "2½", "two and a half": a whole number with a half or a quarter
    fraction = rf"(?:\d+\s)?[13]/[24]|\d+[½¼¾]|(?:{simple})\sand\sa\s(?:half|quarter)"
    number = rf"{fraction}|{simple}"
    clock = (
        r"(?:(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s?(?P<ampm>[ap]\.m\.|[ap]m\b)"
        r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?:\s(?:hours|hrs|h)\b)?"
        r"|(?P<noon>noon|midday|midnight))"
        rf"(?:\s\(?(?P<zone>{_words(lexicon.zones)})\)?)?"
    )
    return {
        "MONTH": rf"(?P<month>{'|'.join(month_forms)})",
        "DAY": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?",
        "YEAR": rf"(?P<year>(?:1\d|20)\d\d|{spoken_year})",
        "WEEKDAY": rf"(?P<weekday>{_words(lexicon.weekdays)})",
        "NUM": rf"(?P<num>{number})",
        "NUM2": rf"(?P<num2>{number})",
        "VAGUE": rf"(?P<vague>{_words(lexicon.vague_numbers)})",
        "UNIT": rf"(?P<unit>{_words(lexicon.units)})",
        "ORD": rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_words(lexicon.ordinals)})",
        "SEASON": rf"(?P<season>{_words(lexicon.seasons)})",
        "POD": rf"(?P<pod>{_words(lexicon.parts_of_day)})",
        "FUZZY": rf"(?P<fuzzy>{_words(lexicon.fuzzy)})",
        "SETADV": rf"(?P<setadv>{_words(lexicon.set_adverbs)})",
        "MOD": rf"(?:(?P<mod>{_words(lexicon.modifiers)})(?:-|\s+|-\s+))?",
        "APPROX": rf"(?:(?P<approx>{_words(lexicon.approx)})\s+)?",
        "HOLIDAY": rf"(?P<holiday>{_words(lexicon.holidays)})",
        "CLOCK": clock,
    }


def compile_rule(data: dict[str, Any], expansions: dict[str, str]) -> Rule:
    """Validate one rule object and compile its pattern."""
    _check_keys(data, _RULE_KEYS, f"{RULES_FILE} rule {data.get('name')!r}")
    if data["kind"] not in KINDS:
        raise GrammarError(
            f"{RULES_FILE} rule {data['name']!r}: kind {data['kind']!r} is not one of "
            f"{', '.join(sorted(KINDS))}"
        )
    unknown_gates = sorted(set(data["gate"]) - GATES)
    if unknown_gates or not data["gate"]:
        raise GrammarError(
            f"{RULES_FILE} rule {data['name']!r}: gate {data['gate']!r} must list one or more of "
            f"{', '.join(sorted(GATES))}"
        )
    pattern = data["pattern"].replace(" ", r"\s+")

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in expansions:
            raise GrammarError(
                f"{RULES_FILE} rule {data['name']!r}: unknown macro {{{name}}}; "
                f"macros are {', '.join(sorted(expansions))}"
            )
        return expansions[name]

    body = re.sub(r"\{([A-Z0-9]+)\}", expand, pattern)
    try:
        regex = re.compile(lowercase_pattern(f"{_BEFORE}(?:{body}){_AFTER}"))
    except re.error as error:
        raise GrammarError(f"{RULES_FILE} rule {data['name']!r}: {error}") from error
    return Rule(data["name"], data["kind"], frozenset(data["gate"]), regex)


@dataclass(frozen=True, slots=True)
class Grammar:
    """Everything the tagger reads: word lists, the gate regex and the rules in priority order
    (an earlier rule wins a tie between equally long matches)."""

    lexicon: Lexicon
    gate_words: dict[str, frozenset[str]]
    gate_regex: re.Pattern[str]  # a digit or a word of gate_words (plural "s" allowed)
    rules: tuple[Rule, ...]


def lowercase_pattern(pattern: str) -> str:
    """The pattern for lower-cased text: literal letters lowered, escapes (``\\S``) and the
    ``(?P`` of named groups kept (group names are lower case).

    Rules run case-sensitively over ``text.lower()``, which is twice as fast as IGNORECASE."""
    return re.sub(r"(?<!\\)(?<!\(\?)[A-Z]", lambda m: m.group().lower(), pattern)


def lower_text(text: str) -> str:
    """`text` lower-cased without changing any offset (a character whose lower case is
    longer, such as "İ", is kept as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_HOLIDAY_KEYS = ("names", "date", "country", "since", "until")


def _is_word_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


def parse_holidays(data: dict[str, Any], lexicon: Lexicon) -> Lexicon:
    """`lexicon` with the national and religious days of holidays.json added.

    A name may stand for several countries' days ("Independence Day"); its first entry is the
    default, the others are taken when a country word comes right before the name."""
    _check_keys(data, ("countries", "holidays"), HOLIDAYS_FILE)
    if not isinstance(data["countries"], dict) or not all(
        _is_word_list(words) for words in data["countries"].values()
    ):
        raise GrammarError(f"{HOLIDAYS_FILE}: countries must map a code to a list of words")
    countries = {word.lower(): code for code, words in data["countries"].items() for word in words}
    if not isinstance(data["holidays"], list) or not all(
        isinstance(entry, dict) for entry in data["holidays"]
    ):
        raise GrammarError(f"{HOLIDAYS_FILE}: holidays must be a list of objects")
    days: dict[str, list[NationalDay]] = {}
    for entry in data["holidays"]:
        where = f"{HOLIDAYS_FILE} holiday {entry.get('names')!r}"
        unknown = sorted(set(entry) - set(_HOLIDAY_KEYS))
        missing = sorted({"names", "date", "country"} - set(entry))
        if unknown or missing:
            raise GrammarError(
                f"{where}: unknown keys {unknown}, missing keys {missing}; "
                f"the keys are {', '.join(_HOLIDAY_KEYS)} (since and until optional)"
            )
        if not _is_word_list(entry["names"]):
            raise GrammarError(f"{where}: names must be a list of names")
        if not isinstance(entry["date"], str) or not is_holiday_rule(entry["date"]):
            raise GrammarError(
                f"{where}: date {entry['date']!r} is neither a real MM-DD, an Easter offset "
                '("easter+1", "orthodox easter-2") nor a weekday rule ("05:mon:-1")'
            )
        if entry["country"] not in set(data["countries"]) | {"INT"}:
            raise GrammarError(
                f"{where}: country {entry['country']!r} is not a code of countries (or INT)"
            )
        since, until = entry.get("since"), entry.get("until")
        if not all(year is None or isinstance(year, int) for year in (since, until)) or (
            since is not None and until is not None and since > until
        ):
            raise GrammarError(f"{where}: since and until must be years, since <= until")
        day = NationalDay(entry["country"], entry["date"], since, until)
        for name in entry["names"]:
            key = name.lower()
            if key in lexicon.holidays:
                raise GrammarError(f"{where}: {name!r} is already a holiday of {LEXICON_FILE}")
            days.setdefault(key, []).append(day)
    for name, found in days.items():
        # a shared name's other countries are picked by their words: without words, never
        unreachable = {d.country for d in found[1:]} - {found[0].country} - set(countries.values())
        if unreachable:
            raise GrammarError(
                f"{HOLIDAYS_FILE}: {name!r} of {sorted(unreachable)} can never be chosen:"
                " those countries have no words in countries"
            )
    defaults = {name: found[0].rule for name, found in days.items()}
    return replace(
        lexicon,
        holidays=lexicon.holidays | defaults,
        national_days={name: tuple(found) for name, found in days.items()},
        country_words=countries,
    )


@cache
def load_grammar() -> Grammar:
    """The grammar of the data files, validated and compiled once per process."""
    lexicon = parse_lexicon(read_json(LEXICON_FILE))
    lexicon = parse_holidays(read_json(HOLIDAYS_FILE), lexicon)
    expansions = macros(lexicon)
    rules = tuple(compile_rule(item, expansions) for item in read_json(RULES_FILE))
    words = gate_words(lexicon)
    regex = re.compile(rf"\d|\b(?:{_words(words)})s?\b")
    return Grammar(lexicon, words, regex, rules)
