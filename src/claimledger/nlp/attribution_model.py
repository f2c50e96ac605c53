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
_MODEL_KEYS = ("source", "rule", "epochs", "threshold", "weights")
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
    capital_left = any(
        t.text[0].isupper() and t.text[0].isalpha() for t in toks[max(0, n - 3) : n]
    )
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
    """Feature weights and the score above which a word is part of a cue."""

    weights: dict[str, float]
    threshold: float

    def score(self, feats: Iterable[str]) -> float:
        return sum(self.weights.get(f, 0.0) for f in feats)

    def cue_spans(self, text: str, sentences: Sequence[Sequence[TokenLike]]) -> set[tuple[int, int]]:
        """Character spans of the runs of words tagged as cues, over the tokens of each sentence
        of a text (quotation state is tracked across the whole text)."""
        flags = quote_flags(text, [t for toks in sentences for t in toks])
        spans: set[tuple[int, int]] = set()
        offset = 0
        for toks in sentences:
            inside = flags[offset : offset + len(toks)]
            offset += len(toks)
            run: list[TokenLike] = []
            for n, tok in enumerate(toks):
                if tok.text[0].isalnum() and self.score(token_features(toks, n, inside)) > self.threshold:
                    run.append(tok)
                    continue
                if run:
                    spans.add((run[0].start, run[-1].end))
                run = []
            if run:
                spans.add((run[0].start, run[-1].end))
        return spans


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
    threshold = data.get("threshold")
    if not isinstance(threshold, (int, float)):
        raise LexiconError(f"{where}: threshold must be a number")
    return CueTagger({str(k): float(v) for k, v in weights.items()}, float(threshold))


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
