"""The quantity data files: number words, hedges, units, change words, closed word classes.

Each file is checked when first loaded; an unknown key or value fails with a message naming the
allowed ones, so a typo breaks the pipeline build rather than a corpus run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from claimledger.resources import check_keys, read_json, read_lines, read_text

BOUNDS: frozenset[str] = frozenset({"=", "~", "<", "<=", ">", ">=", "range"})
UNIT_FLAGS: frozenset[str] = frozenset({"cs", "pre", "attached", "formatted"})
UNIT_KINDS: frozenset[str] = frozenset(
    {
        "currency",
        "percent",
        "length",
        "mass",
        "area",
        "volume",
        "speed",
        "fuel economy",
        "frequency",
        "power",
        "energy",
        "charge",
        "voltage",
        "pressure",
        "torque",
        "temperature",
        "angle",
        "loudness",
        "concentration",
        "data",
        "data rate",
        "time",
        "age",
        "magnitude",
        "resolution",
        "sports statistic",
        "frame rate",
        "score",
        "multiple",
    }
)

_NUMBER_KEYS = (
    "ones",
    "tens",
    "scales",
    "scale_abbreviations",
    "attached_scale_abbreviations",
    "fractions",
    "ordinals",
    "vague_multipliers",
    "plural_scale_span",
)
_HEDGE_KEYS = ("text", "position", "bound", "approx")
_CHANGE_KEYS = (
    "up_before",
    "down_before",
    "up_with_by",
    "down_with_by",
    "up_after",
    "down_after",
    "skip_before",
)
_WORD_KEYS = (
    "function_words",
    "label_nouns",
    "months",
    "relative_time_after",
    "not_a_count_before_one",
    "not_a_count_after_one",
    "irregular_plurals",
    "singular_s_endings",
    "singular_men_words",
    "year_cues",
    "rate_nouns",
    "age_cues",
)


class QuantityLexiconError(ValueError):
    """A quantity data file has an unknown key or a bad value."""


@dataclass(frozen=True, slots=True)
class Numbers:
    """Number words and scale words."""

    ones: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, float]
    scale_abbreviations: dict[str, float]  # "bn": written after a number, spaced or attached
    attached_scale_abbreviations: dict[str, float]  # "m" in "€300m": attached, after a currency
    fractions: dict[str, int]  # word -> denominator: "third" -> 3
    ordinals: frozenset[str]
    vague_multipliers: dict[str, tuple[float, float]]  # "several" -> (3, 9)
    plural_scale_span: float  # "thousands" spans [1000, 1000 * span]


@dataclass(frozen=True, slots=True)
class Hedge:
    """A bound word: "up to" before a number, "or more" after it."""

    text: str
    position: str  # before, after
    bound: str
    approx: bool


@dataclass(frozen=True, slots=True)
class Unit:
    """One written form of a unit and the name it normalises to."""

    surface: str
    normalized: str
    kind: str
    case_sensitive: bool
    prefix: bool  # written before the number: "$5"
    attached: bool  # no space between it and the digits: "5p"
    formatted: bool = False  # only before digits with a separator, decimal or scale: "PS2.7m"


@dataclass(frozen=True, slots=True)
class Changes:
    """Words that mark a quantity as a change: "rose 5%", "5% lower"."""

    up_before: frozenset[str]
    down_before: frozenset[str]
    up_with_by: frozenset[str]  # changes only with "by": "raised rates by 75 basis points"
    down_with_by: frozenset[str]
    up_after: frozenset[str]
    down_after: frozenset[str]
    skip_before: frozenset[str]


@dataclass(frozen=True, slots=True)
class Words:
    """Closed word classes the span and item rules use."""

    function_words: frozenset[str]
    label_nouns: frozenset[str]
    months: frozenset[str]
    relative_time_after: frozenset[str]
    not_a_count_before_one: frozenset[str]
    not_a_count_after_one: frozenset[str]
    irregular_plurals: dict[str, str]
    singular_s_endings: tuple[str, ...]
    singular_men_words: frozenset[str]  # "specimen", "abdomen": not plurals of "-man"
    year_cues: frozenset[str]  # words before a four-digit number that make it a year
    rate_nouns: frozenset[str]  # "a share", "a day": what "a"/"an" may introduce as a rate
    age_cues: frozenset[str]


def _check_keys(data: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    check_keys(data, allowed, where, required=allowed, error=QuantityLexiconError)


def _json_object(relative: str) -> dict[str, Any]:
    data = read_json(relative)
    if not isinstance(data, dict):
        raise QuantityLexiconError(f"{relative}: expected a JSON object")
    return data


@cache
def numbers() -> Numbers:
    where = "en/quantity/numbers.json"
    data = _json_object(where)
    _check_keys(data, _NUMBER_KEYS, where)
    vague = {}
    for word, pair in data["vague_multipliers"].items():
        if not (isinstance(pair, list) and len(pair) == 2 and pair[0] <= pair[1]):
            raise QuantityLexiconError(f"{where}: vague_multipliers[{word!r}] must be [low, high]")
        vague[word] = (float(pair[0]), float(pair[1]))
    return Numbers(
        ones=dict(data["ones"]),
        tens=dict(data["tens"]),
        scales={k: float(v) for k, v in data["scales"].items()},
        scale_abbreviations={k: float(v) for k, v in data["scale_abbreviations"].items()},
        attached_scale_abbreviations={
            k: float(v) for k, v in data["attached_scale_abbreviations"].items()
        },
        fractions=dict(data["fractions"]),
        ordinals=frozenset(data["ordinals"]),
        vague_multipliers=vague,
        plural_scale_span=float(data["plural_scale_span"]),
    )


@cache
def hedges() -> tuple[Hedge, ...]:
    """All hedges, longest text first so "just under" wins over "under"."""
    where = "en/quantity/hedges.json"
    data = read_json(where)
    out = []
    for index, entry in enumerate(data):
        place = f"{where}[{index}]"
        _check_keys(entry, _HEDGE_KEYS, place)
        if entry["bound"] not in BOUNDS:
            raise QuantityLexiconError(f"{place}: bound {entry['bound']!r} not in {sorted(BOUNDS)}")
        if entry["position"] not in ("before", "after"):
            raise QuantityLexiconError(f"{place}: position must be 'before' or 'after'")
        out.append(Hedge(entry["text"], entry["position"], entry["bound"], bool(entry["approx"])))
    return tuple(sorted(out, key=lambda h: -len(h.text)))


@cache
def units() -> tuple[Unit, ...]:
    """All unit forms, longest surface first."""
    where = "en/quantity/units.tsv"
    out = []
    for line in read_text(where).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise QuantityLexiconError(f"{where}: expected 4 tab-separated cells in {line!r}")
        surface, normalized, kind, flag_cell = cells
        flags = {f for f in flag_cell.split(",") if f}
        if flags - UNIT_FLAGS:
            raise QuantityLexiconError(
                f"{where}: unknown flags {sorted(flags - UNIT_FLAGS)} in {line!r};"
                f" allowed are {', '.join(sorted(UNIT_FLAGS))}"
            )
        if kind not in UNIT_KINDS:
            raise QuantityLexiconError(
                f"{where}: kind {kind!r} in {line!r} is not one of {sorted(UNIT_KINDS)}"
            )
        out.append(
            Unit(
                surface,
                normalized,
                kind,
                "cs" in flags,
                "pre" in flags,
                "attached" in flags,
                "formatted" in flags,
            )
        )
    return tuple(sorted(out, key=lambda u: -len(u.surface)))


@cache
def changes() -> Changes:
    where = "en/quantity/changes.json"
    data = _json_object(where)
    _check_keys(data, _CHANGE_KEYS, where)
    return Changes(**{key: frozenset(data[key]) for key in _CHANGE_KEYS})


@cache
def words() -> Words:
    where = "en/quantity/words.json"
    data = _json_object(where)
    _check_keys(data, _WORD_KEYS, where)
    return Words(
        function_words=frozenset(data["function_words"]),
        label_nouns=frozenset(data["label_nouns"]),
        months=frozenset(data["months"]),
        relative_time_after=frozenset(data["relative_time_after"]),
        not_a_count_before_one=frozenset(data["not_a_count_before_one"]),
        not_a_count_after_one=frozenset(data["not_a_count_after_one"]),
        irregular_plurals=dict(data["irregular_plurals"]),
        singular_s_endings=tuple(data["singular_s_endings"]),
        singular_men_words=frozenset(data["singular_men_words"]),
        year_cues=frozenset(data["year_cues"]),
        rate_nouns=frozenset(data["rate_nouns"]),
        age_cues=frozenset(data["age_cues"]),
    )


@cache
def newsquant_lemmas() -> dict[str, str]:
    """Words of an item -> the lemma NewsQuant writes for them ('best' -> 'good')."""
    return _pairs("en/quantity/newsquant_lemmas.tsv")


@cache
def newsquant_unit_names() -> dict[str, str]:
    """Our normalized_unit -> NewsQuant's normalized_unit, where the two differ."""
    return _pairs("en/quantity/newsquant_units.tsv")


def _pairs(where: str) -> dict[str, str]:
    table = {}
    for line in read_lines(where):
        cells = line.split("\t")
        if len(cells) != 2:
            raise QuantityLexiconError(f"{where}: expected 2 tab-separated cells in {line!r}")
        table[cells[0]] = cells[1]
    return table
