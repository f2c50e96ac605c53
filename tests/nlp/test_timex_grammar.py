"""The timex data files are validated when loaded; the compiled grammar behaves as written."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from claimledger.nlp.timex_grammar import (
    LEXICON_FILE,
    GrammarError,
    compile_rule,
    load_grammar,
    lower_text,
    lowercase_pattern,
    macros,
    parse_lexicon,
)
from claimledger.resources import read_text


def rule(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "test", "kind": "calendar", "gate": ["MONTH"]}
    data["pattern"] = "{MONTH} {DAY}"
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (rule(colour="red"), "unknown keys ['colour']"),
        (rule(kind="dates"), "kind 'dates' is not one of"),
        (rule(pattern="{MONTHS}"), "unknown macro {MONTHS}; macros are"),
        (rule(gate=["MONTHS"]), "must list one or more of"),
        (rule(gate=[]), "must list one or more of"),
        (rule(pattern="(unclosed"), "missing )"),
    ],
)
def test_bad_rules_are_rejected_with_the_allowed_values(data: dict[str, Any], message: str) -> None:
    expansions = macros(load_grammar().lexicon)
    with pytest.raises(GrammarError, match=re.escape(message)):
        compile_rule(data, expansions)


def test_every_shipped_rule_compiles() -> None:
    grammar = load_grammar()
    assert len(grammar.rules) > 30
    assert {rule.kind for rule in grammar.rules} >= {"calendar", "duration", "set", "fuzzy"}


def test_rules_match_lower_cased_text() -> None:
    (month_day,) = [r for r in load_grammar().rules if r.name == "month day year"]
    match = month_day.regex.search(lower_text("Signed on Jan. 4, 2024 in Kyiv"))
    assert match is not None
    assert (match.group("month"), match.group("day"), match.group("year")) == ("jan.", "4", "2024")


def test_lowercase_pattern_keeps_escapes_and_group_names() -> None:
    assert lowercase_pattern(r"(?P<year>\d{4})\S+Q(?P=year)") == r"(?P<year>\d{4})\S+q(?P=year)"


def test_lower_text_keeps_offsets() -> None:
    text = "İstanbul, June 14"
    assert len(lower_text(text)) == len(text)
    assert lower_text(text).endswith("june 14")


def test_a_holiday_needs_a_date_or_a_known_rule() -> None:
    data = json.loads(read_text(LEXICON_FILE))
    data["holidays"]["flag day"] = "June 14"
    with pytest.raises(GrammarError, match="is neither MM-DD nor one of easter"):
        parse_lexicon(data)
