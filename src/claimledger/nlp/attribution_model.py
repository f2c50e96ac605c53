"""A learned cue detector for attribution: an averaged perceptron over token features.

PolNeAR marks attitudes and evaluations far beyond a report lexicon ("railed against", "was
strangely subdued"). The tagger scores each word of a sentence as part of a cue or not from its
form, suffix, shape, neighbours (±2), lexicon membership, quotation position and what follows
("that", a colon, a quote); runs of words scoring above the threshold are cue candidates, which
``claimledger.nlp.attribution`` hands to its clause rules like a lexicon cue. The weights are
data (``resources/en/attribution/cue_model.json``) written by ``scripts/train_attribution_cues.py``
from PolNeAR train.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from claimledger.nlp.attribution_lexicon import LexiconError, cue_forms
from claimledger.resources import read_text

MODEL_PATH = "en/attribution/cue_model.json"
_MODEL_KEYS = ("source", "rule", "epochs", "threshold", "extend", "weights")
_OPEN = frozenset({"“", "«", "``", "‘"})
_CLOSE = frozenset({"”", "»", "''", "’"})
_TOGGLE = frozenset({'"'})
_RIGHT_MARKS = frozenset({"that", ":", "to", "whether", "if", "“", '"', "``"})


class TokenLike(Protocol):
    """What the features read of a token (``claimledger.nlp.attribution.Token``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def lower(self) -> str: ...


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "AA"
    if text[0].isupper():
        return "Aa"
    if text[0].isdigit():
        return "9"
    if text[0].isalpha():
        return "a"
    return text[0]


def quote_flags(text: str, toks: Sequence[TokenLike]) -> list[bool]:
    """Per token: whether it lies inside a quotation (opened earlier in its paragraph)."""
    flags: list[bool] = []
    depth = 0
    last = 0
    for tok in toks:
        if "\n" in text[last : tok.start]:
            depth = 0  # quotations are closed (or restated) per paragraph
        last = tok.start
        if tok.text in _OPEN:
            depth += 1
        elif tok.text in _CLOSE:
            depth = max(0, depth - 1)
        elif tok.text in _TOGGLE:
            depth = 0 if depth else 1
        flags.append(depth > 0)
    return flags


def token_features(toks: Sequence[TokenLike], n: int, in_quote: Sequence[bool]) -> list[str]:
    """The features of word n of a sentence (as strings; the weights are keyed by them)."""
    lexicon = cue_forms()

    def word(m: int) -> str:
        if m < 0:
            return "<s>"
        if m >= len(toks):
            return "</s>"
        return toks[m].lower

    tok = toks[n]
    w = tok.lower
    prev1, prev2, next1, next2 = word(n - 1), word(n - 2), word(n + 1), word(n + 2)
    capital_left = any(t.text[0].isupper() and t.text[0].isalpha() for t in toks[max(0, n - 3) : n])
    feats = [
        "bias",
        f"w={w}",
        f"s3={w[-3:]}",
        f"s2={w[-2:]}",
        f"p3={w[:3]}",
        f"shape={_shape(tok.text)}",
        f"w-1={prev1}",
        f"w-2={prev2}",
        f"w+1={next1}",
        f"w+2={next2}",
        f"w-1,w={prev1},{w}",
        f"w,w+1={w},{next1}",
        f"s3,w+1={w[-3:]},{next1}",
        f"pos={min(n, 6)}",
        f"q={in_quote[n]}",
        f"cap_left={capital_left}",
        f"lex={(w,) in lexicon}",
        f"lex-1={(prev1,) in lexicon}",
        f"lex+1={(next1,) in lexicon}",
        f"right={next1 if next1 in _RIGHT_MARKS else '-'}",
        f"shape-1={_shape(toks[n - 1].text) if n else '<s>'}",
    ]
    if n > 0 and toks[n - 1].text in _CLOSE | _TOGGLE:
        feats.append("after_quote")
    if n > 1 and toks[n - 1].text == "," and toks[n - 2].text in _CLOSE | _TOGGLE:
        feats.append("after_quote_comma")
    return feats


@dataclass(frozen=True, slots=True)
class CueTagger:
    """Feature weights, the score above which a word seeds a cue, and the lower score that
    extends a seeded cue over its neighbours (PolNeAR cues are phrases: "has drawn harsh
    criticism", "pinned his hopes on")."""

    weights: dict[str, float]
    threshold: float
    extend: float

    def score(self, feats: Iterable[str]) -> float:
        return sum(self.weights.get(f, 0.0) for f in feats)

    def cue_spans(
        self, text: str, sentences: Sequence[Sequence[TokenLike]]
    ) -> set[tuple[int, int]]:
        """Character spans of the cues tagged in the tokens of each sentence of a text
        (quotation state is tracked across the whole text)."""
        flags = quote_flags(text, [t for toks in sentences for t in toks])
        spans: set[tuple[int, int]] = set()
        offset = 0
        for toks in sentences:
            inside = flags[offset : offset + len(toks)]
            offset += len(toks)
            scores = [
                self.score(token_features(toks, n, inside)) if tok.text[0].isalnum() else None
                for n, tok in enumerate(toks)
            ]
            n = 0
            while n < len(toks):
                seed = scores[n]
                if seed is None or seed <= self.threshold:
                    n += 1
                    continue
                first, last = n, n
                while first > 0 and _above(scores[first - 1], self.extend):
                    first -= 1
                while last + 1 < len(toks) and _above(scores[last + 1], self.extend):
                    last += 1
                spans.add((toks[first].start, toks[last].end))
                n = last + 1
        return spans


def _above(score: float | None, floor: float) -> bool:
    return score is not None and score > floor


def parse_model(data: Any, where: str = "cue model") -> CueTagger:
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected an object with keys {', '.join(_MODEL_KEYS)}")
    unknown = sorted(set(data) - set(_MODEL_KEYS))
    if unknown:
        raise LexiconError(f"{where}: unknown keys {unknown}; allowed are {', '.join(_MODEL_KEYS)}")
    weights = data.get("weights")
    if not isinstance(weights, dict) or not all(
        isinstance(v, (int, float)) for v in weights.values()
    ):
        raise LexiconError(f"{where}: weights must map feature names to numbers")
    threshold, extend = data.get("threshold"), data.get("extend")
    if not isinstance(threshold, (int, float)) or not isinstance(extend, (int, float)):
        raise LexiconError(f"{where}: threshold and extend must be numbers")
    if extend > threshold:
        raise LexiconError(f"{where}: extend must not exceed threshold")
    return CueTagger(
        {str(k): float(v) for k, v in weights.items()}, float(threshold), float(extend)
    )


@cache
def cue_tagger() -> CueTagger:
    """The tagger trained on PolNeAR train."""
    return parse_model(json.loads(read_text(MODEL_PATH)), MODEL_PATH)


def train_perceptron(
    examples: Sequence[tuple[list[str], bool]], epochs: int, seed: int = 0
) -> dict[str, float]:
    """Averaged perceptron weights for binary examples (features, is a cue word)."""
    index: dict[str, int] = {}
    rows: list[NDArray[np.int64]] = []
    for feats, _label in examples:
        rows.append(np.array([index.setdefault(f, len(index)) for f in feats], dtype=np.int64))
    labels = np.array([1.0 if label else -1.0 for _feats, label in examples])
    weights = np.zeros(len(index))
    totals = np.zeros(len(index))  # sum of step * update, for the average
    order = np.arange(len(rows))
    rng = np.random.default_rng(seed)
    step = 1
    for _epoch in range(epochs):
        rng.shuffle(order)
        for e in order:
            row, y = rows[e], labels[e]
            if y * weights[row].sum() <= 0:
                weights[row] += y
                totals[row] += y * step
            step += 1
    averaged = weights - totals / step
    return {f: float(averaged[i]) for f, i in index.items()}
