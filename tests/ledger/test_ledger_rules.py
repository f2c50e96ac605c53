"""The ledger's rule files are checked when loaded."""

from __future__ import annotations

import json

import pytest

from claimledger.ledger.rules import RULES_FILE, RulesError, ledger_rules, parse_rules
from claimledger.resources import read_text


def _data() -> dict[str, object]:
    data: dict[str, object] = json.loads(read_text(RULES_FILE))
    return data


def test_packaged_rules_load() -> None:
    rules = ledger_rules()
    assert rules.type_families["MOBILIZE"] == "transfer"
    assert rules.hedge_intervals["<="] == (0.9, 1.0)
    assert rules.item_classes["fighter"] == "personnel"


def test_unknown_key_names_the_allowed_ones() -> None:
    data = _data()
    data["tolerence"] = 0.1
    with pytest.raises(RulesError, match=r"unknown keys \['tolerence'\]; allowed are type_fam"):
        parse_rules(data, ())


def test_missing_key_is_named() -> None:
    data = _data()
    del data["hedge_intervals"]
    with pytest.raises(RulesError, match=r"missing keys \['hedge_intervals'\]"):
        parse_rules(data, ())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"hedge_intervals": {"~": [1.1, 0.9]}}, r"hedge_intervals\['~'\] must be \[low, high\]"),
    ],
)
def test_bad_values(change: dict[str, object], message: str) -> None:
    data = {**_data(), **change}
    with pytest.raises(RulesError, match=message):
        parse_rules(data, ())


def test_bad_item_line() -> None:
    with pytest.raises(RulesError, match="expected 'item<TAB>class'"):
        parse_rules(_data(), ("soldier personnel",))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"measures": {"killed": "died"}}, r"measures\['killed'\] must be a list"),
        ({"measures": {"slain": ["slain"]}}, "measure 'slain' is not one of killed"),
        ({"measures": {"killed": ["died"], "wounded": ["Died"]}}, "'Died' is in two measures"),
        ({"rate_after": "a day"}, "rate_after must be a list"),
        ({"measures": ["killed"]}, "measures must map"),
    ],
)
def test_malformed_measures_are_rejected(change: dict[str, object], message: str) -> None:
    data = _data()
    data.update(change)
    with pytest.raises(RulesError, match=message):
        parse_rules(data, ())
