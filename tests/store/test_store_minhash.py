from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.model import normalize_text
from claimledger.store.minhash import BANDS, band_keys, jaccard, shingles

MACRON = "ukraine-news/20220125T090000Z_GB_en_7d015e6984.txt"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("  ...  ", 0),
        ("Putin spoke.", 1),  # shorter than five words: the whole text is one shingle
        ("one two three four five", 1),
        ("one two three four five six seven", 3),
        ("a b a b a b a b", 2),  # repeated 5-grams count once
    ],
)
def test_shingle_count(text: str, count: int) -> None:
    assert len(shingles(text)) == count


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Macron told a press conference in Berlin", "MACRON told a press-conference, in Berlin!"),
        ("Macron  told a\npress conference", "macron told a press conference"),
    ],
)
def test_shingles_ignore_case_punctuation_and_spacing(left: str, right: str) -> None:
    assert shingles(left) == shingles(right)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("one two three four five six", "one two three four five six", 1.0),
        ("one two three four five six", "one two three four five seven", 1 / 3),
        ("one two three four five", "six seven eight nine ten", 0.0),
        ("", "", 0.0),
    ],
)
def test_jaccard(left: str, right: str, expected: float) -> None:
    assert jaccard(shingles(left), shingles(right)) == pytest.approx(expected)


def test_band_keys_are_stable_and_one_per_band(shared: Path) -> None:
    text = normalize_text((shared / "corpus" / MACRON).read_text(encoding="utf-8"))
    keys = band_keys(shingles(text))
    assert len(keys) == BANDS
    assert keys == band_keys(shingles(text))
    assert all(-(2**63) <= key < 2**63 for key in keys)  # fits a SQLite INTEGER
    assert band_keys(frozenset()) == []


def test_small_edit_shares_bands_unrelated_text_does_not(shared: Path) -> None:
    text = normalize_text((shared / "corpus" / MACRON).read_text(encoding="utf-8"))
    edited = text.replace("Berlin", "Paris").replace("on Friday", "on Saturday")
    assert 0.8 <= jaccard(shingles(text), shingles(edited)) < 1.0
    assert set(band_keys(shingles(text))) & set(band_keys(shingles(edited)))
    seed = (shared / "corpus" / "seed" / "000_3a7b3fa782e31a64.txt").read_text(encoding="utf-8")
    assert not set(band_keys(shingles(text))) & set(band_keys(shingles(seed)))


def test_signature_equals_the_arithmetic_definition() -> None:
    # band keys are stored: the vectorised signature must give exactly the defined values
    import random

    from claimledger.store import minhash

    rng = random.Random(7)
    values = [rng.getrandbits(32) for _ in range(500)]
    expected = tuple(min((a * x + b) % 2**64 for x in values) for a, b in minhash._PERMUTATIONS)
    assert minhash.signature(values) == expected
