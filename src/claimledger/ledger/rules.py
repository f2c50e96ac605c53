"""The cross-article rules as data: item classes, type families, hedge intervals, cue words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from claimledger.resources import check_keys, read_json, read_lines

RULES_FILE = "en/ledger/rules.json"
ITEMS_FILE = "en/ledger/items.tsv"

_RULE_KEYS = (
    "type_families",
    "planned_modalities",
    "hedge_intervals",
    "tolerance",
    "increment_before",
    "total_before",
    "total_in_sentence",
    "name_threshold",
    "token_threshold",
    "block_prefix",
    "coded_kinds",
    "not_name_starts",
    "open_time_families",
    "open_time_window_days",
    "measures",
    "rate_after",
)


# What a figure can count (docs/ledger.md): the names the measures of rules.json may use.
MEASURES = (
    "killed",
    "wounded",
    "casualties",
    "displaced",
    "captured",
    "missing",
    "mobilized",
)


def _is_word_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


class RulesError(ValueError):
    """A ledger rule file is malformed."""


@dataclass(frozen=True, slots=True)
class LedgerRules:
    """Validated contents of ``resources/en/ledger``."""

    type_families: dict[str, str]
    planned_modalities: frozenset[str]
    hedge_intervals: dict[str, tuple[float, float]]
    tolerance: float
    increment_before: tuple[str, ...]
    total_before: tuple[str, ...]
    total_in_sentence: tuple[str, ...]
    name_threshold: float
    token_threshold: float
    block_prefix: int
    coded_kinds: frozenset[str]
    not_name_starts: frozenset[str]
    open_time_families: frozenset[str]
    open_time_window_days: int
    item_classes: dict[str, str]
    measures: dict[str, str]  # outcome word -> what a figure counts ("died" -> killed)
    rate_after: tuple[str, ...]


def parse_rules(data: dict[str, Any], item_lines: tuple[str, ...]) -> LedgerRules:
    """Check the rule data (unknown or missing keys are errors naming the allowed ones)."""
    check_keys(data, _RULE_KEYS, RULES_FILE, required=_RULE_KEYS, error=RulesError)
    intervals: dict[str, tuple[float, float]] = {}
    for bound, pair in data["hedge_intervals"].items():
        if not (isinstance(pair, list) and len(pair) == 2 and pair[0] <= pair[1]):
            raise RulesError(f"{RULES_FILE}: hedge_intervals[{bound!r}] must be [low, high]")
        intervals[bound] = (float(pair[0]), float(pair[1]))
    measures: dict[str, str] = {}
    if not isinstance(data["measures"], dict):
        raise RulesError(f"{RULES_FILE}: measures must map a measure to a list of words")
    for measure, words in data["measures"].items():
        if measure not in MEASURES:
            raise RulesError(
                f"{RULES_FILE}: measure {measure!r} is not one of {', '.join(MEASURES)}"
            )
        if not _is_word_list(words):
            raise RulesError(f"{RULES_FILE}: measures[{measure!r}] must be a list of words")
        for word in words:
            key = word.casefold()
            if key in measures:
                raise RulesError(f"{RULES_FILE}: measures: {word!r} is in two measures")
            measures[key] = measure
    if not _is_word_list(data["rate_after"]):
        raise RulesError(f"{RULES_FILE}: rate_after must be a list of phrases")
    items: dict[str, str] = {}
    for line in item_lines:
        parts = line.split("\t")
        if len(parts) != 2 or not all(parts):
            raise RulesError(f"{ITEMS_FILE}: expected 'item<TAB>class', got {line!r}")
        items[parts[0].casefold()] = parts[1]
    return LedgerRules(
        type_families={str(k): str(v) for k, v in data["type_families"].items()},
        planned_modalities=frozenset(data["planned_modalities"]),
        hedge_intervals=intervals,
        tolerance=float(data["tolerance"]),
        increment_before=tuple(sorted(data["increment_before"], key=len, reverse=True)),
        total_before=tuple(sorted(data["total_before"], key=len, reverse=True)),
        total_in_sentence=tuple(data["total_in_sentence"]),
        name_threshold=float(data["name_threshold"]),
        token_threshold=float(data["token_threshold"]),
        block_prefix=int(data["block_prefix"]),
        coded_kinds=frozenset(data["coded_kinds"]),
        not_name_starts=frozenset(data["not_name_starts"]),
        open_time_families=frozenset(data["open_time_families"]),
        open_time_window_days=int(data["open_time_window_days"]),
        item_classes=items,
        measures=measures,
        rate_after=tuple(phrase.casefold() for phrase in data["rate_after"]),
    )


@cache
def ledger_rules() -> LedgerRules:
    """The packaged rules, read and checked once."""
    return parse_rules(read_json(RULES_FILE), read_lines(ITEMS_FILE))
