"""Reading the number itself: digits with news separators, number words, scale words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimledger.nlp.quantity_lexicon import numbers

_SPACE = " \u00a0\u202f\u2009"
# Digits as news writes them; the alternatives are tried in order.
DIGITS = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"  # 4,700  1,271.2
    rf"|\d{{1,3}}(?:[{_SPACE}]\d{{3}})+(?![\d.,]?\d)"  # 25 000 (one thin/normal space per group)
    r"|\d+,\d{1,2}(?![\d,])"  # 1,5: a decimal comma (never three digits after it)
    r"|\d+(?:\.\d+)?(?![\d])"  # 1.5  300
    r"|\.\d+(?![\d])"  # .001
)
_WORD = re.compile(r"[A-Za-z]+")
# "1⁄32" (the fraction slash), or "1/16" when "of" follows: a numerator over a denominator
_FRACTION = re.compile(r"\u2044(\d+)(?!\d)|/(\d+)(?= of )")
_POWER = re.compile(r"\s?[×xX*]\s?10\s?(?:\^\s?)?([−-]?\d{1,3})(?!\d)")


@dataclass(frozen=True, slots=True)
class Numeral:
    """A number as read: its span, value, and the interval when the wording is vague."""

    start: int
    end: int
    value: float | None
    low: float | None = None  # vague wording only: "several dozen", "thousands"
    high: float | None = None
    scaled: bool = False  # carries a scale word or abbreviation: "6 million", "3bn"
    words: bool = False  # written in words: "a thousand", "two"
    raw: float | None = None  # the value before its scale: 6 in "6 million"


def parse_digits(written: str) -> float | None:
    """The value of a digit string in any separator style DIGITS accepts."""
    cleaned = written
    for space in _SPACE:
        cleaned = cleaned.replace(space, "")
    if re.fullmatch(r"\d+,\d{1,2}", cleaned):
        return float(cleaned.replace(",", "."))
    cleaned = cleaned.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


@cache
def _scale_words() -> dict[str, float]:
    lex = numbers()
    return {**lex.scales, **lex.scale_abbreviations}


@cache
def _plural_scales() -> dict[str, float]:
    """'dozens' -> 12, 'tens' -> 10: vague plurals that span an order of magnitude."""
    lex = numbers()
    out = {word + "s": value for word, value in lex.scales.items()}
    out["tens"] = 10.0
    return out


def _words_at(text: str, pos: int) -> list[tuple[str, int, int]]:
    """Up to eight following words (lower-cased) joined by single spaces or hyphens."""
    out: list[tuple[str, int, int]] = []
    cursor = pos
    while len(out) < 8:
        match = _WORD.match(text, cursor)
        if not match:
            break
        out.append((match.group().lower(), match.start(), match.end()))
        nxt = match.end()
        if text[nxt : nxt + 1] in (" ", "-") and text[nxt + 1 : nxt + 2].isalpha():
            cursor = nxt + 1
        else:
            break
    return out


def scale_after(text: str, pos: int, currency: bool) -> tuple[float, int] | None:
    """A scale right after digits ending at pos: '3bn', '6 million', '€300m'; (factor, end)."""
    lex = numbers()
    attached = _WORD.match(text, pos)
    if attached:
        word = attached.group()
        low = word.lower()
        if low in lex.scale_abbreviations:
            return lex.scale_abbreviations[low], attached.end()
        if currency and low in lex.attached_scale_abbreviations:
            return lex.attached_scale_abbreviations[low], attached.end()
        if low == "k" and word == "k":
            return lex.attached_scale_abbreviations["k"], attached.end()
        return None
    if pos < len(text) and text[pos] in _SPACE:
        spaced = _WORD.match(text, pos + 1)
        if spaced:
            low = spaced.group().lower()
            factor = _scale_words().get(low)
            if factor is not None:
                end = spaced.end()
                more = scale_after(text, end, currency=False) if low == "hundred" else None
                if more and more[0] > factor:  # "5 hundred thousand"
                    return factor * more[0], more[1]
                return factor, end
    return None


def read_digits(text: str, pos: int, currency: bool) -> Numeral | None:
    """Digits at pos (optionally a leading '.'), with an attached or spaced scale."""
    match = DIGITS.match(text, pos)
    if not match:
        return None
    value = parse_digits(match.group())
    if value is None:
        return None
    fraction = _FRACTION.match(text, match.end())
    if fraction:
        denominator = float(fraction.group(1) or fraction.group(2))
        # "85/2021 of March": a slash pair with a large second number is a reference number
        if denominator > value and (fraction.group(1) or denominator <= 100):
            return Numeral(pos, fraction.end(), value / denominator, raw=value / denominator)
    power = _POWER.match(text, match.end())
    if power:  # "1.99×10−30"
        exponent = int(power.group(1).replace("−", "-"))
        return Numeral(pos, power.end(), value * 10.0**exponent, raw=value)
    scale = scale_after(text, match.end(), currency)
    if scale:
        factor, end = scale
        return Numeral(pos, end, value * factor, scaled=True, raw=value)
    return Numeral(pos, match.end(), value, raw=value)


def read_words(text: str, pos: int) -> Numeral | None:
    """A number in words at pos: 'two', 'twenty-five', 'a thousand', 'several dozen',
    'tens of thousands', 'half a million', 'two-thirds'."""
    lex = numbers()
    tokens = _words_at(text, pos)
    if not tokens:
        return None
    first = tokens[0][0]
    # Vague multipliers before a scale: "several dozen", "a few hundred".
    for phrase, (low_m, high_m) in sorted(lex.vague_multipliers.items(), key=lambda p: -len(p[0])):
        parts = phrase.split()
        n = len(parts)
        if [t[0] for t in tokens[:n]] == parts and len(tokens) > n:
            factor, end = _scale_run(tokens, n)
            if factor:
                return Numeral(pos, end, None, low_m * factor, high_m * factor, True, True)
    # Plural scales: "dozens", "thousands", "tens of thousands", "hundreds of millions".
    plural = _plural_scales()
    if first in plural:
        base = plural[first]
        end = tokens[0][2]
        rest = re.match(r" of (\w+)", text[end:])
        if rest and rest.group(1).lower() in plural and rest.group(1).lower() != "tens":
            base *= plural[rest.group(1).lower()]
            end += rest.end()
        elif first == "tens":
            return None
        span = lex.plural_scale_span
        return Numeral(pos, end, None, base, base * span, True, True)
    # "a thousand", "a dozen", "a third", "a half".
    if first in ("a", "an") and len(tokens) > 1:
        second = tokens[1][0]
        if second in lex.fractions and not second.endswith("s"):  # "a third", not "a thirds"
            return Numeral(pos, tokens[1][2], 1 / lex.fractions[second], words=True, raw=1.0)
        factor, end = _scale_run(tokens, 1)
        if factor:
            return Numeral(pos, end, factor, scaled=True, words=True, raw=1.0)
        return None
    # "half a million", "half of".
    if first == "half":
        if len(tokens) > 2 and tokens[1][0] in ("a", "an"):
            factor, end = _scale_run(tokens, 2)
            if factor:
                return Numeral(pos, end, factor / 2, scaled=True, words=True, raw=0.5)
        return Numeral(pos, tokens[0][2], 0.5, words=True, raw=0.5)
    return _cardinal(tokens, pos)


def _scale_run(tokens: list[tuple[str, int, int]], index: int) -> tuple[float, int]:
    """The product of scale words starting at tokens[index] ('hundred thousand'); (0, 0) if none."""
    scales = numbers().scales
    factor = 1.0
    end = 0
    while index < len(tokens) and tokens[index][0] in scales:
        factor *= scales[tokens[index][0]]
        end = tokens[index][2]
        index += 1
    return (factor, end) if end else (0.0, 0)


def _cardinal(tokens: list[tuple[str, int, int]], pos: int) -> Numeral | None:
    """Number words from ones, tens and scales: 'two hundred and fifty', 'two-thirds'."""
    lex = numbers()
    total = 0.0
    current = 0.0
    end = 0
    seen = False
    scaled = False
    index = 0
    while index < len(tokens):
        word, _s, w_end = tokens[index]
        if word in lex.ones or word in lex.tens:
            current += lex.ones.get(word, lex.tens.get(word, 0))
            seen = True
        elif word in lex.scales and seen:
            factor = lex.scales[word]
            if factor == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * factor
                current = 0
            scaled = True
        elif word == "and" and seen and scaled and index + 1 < len(tokens):
            nxt = tokens[index + 1][0]
            if nxt not in lex.ones and nxt not in lex.tens:
                break
        elif word in lex.fractions and seen and not scaled and index > 0:
            # "two-thirds", "three quarters": a numerator then a plural fraction word
            value = (total + current) / lex.fractions[word]
            return Numeral(pos, w_end, value, words=True, raw=value)
        else:
            break
        end = w_end if word != "and" else end
        index += 1
    if not seen:
        return None
    value = total + current
    return Numeral(pos, end, value, scaled=scaled, words=True, raw=value)
