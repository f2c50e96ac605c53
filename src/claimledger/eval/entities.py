"""Mention-level scoring of entity mentions against hand-annotated gold (tests/gold/entities).

A gold file is JSON: ``{"article": file name in corpus/ukraine-news, "split": "dev" | "heldout",
"chars": length of the normalised text, "mentions": [{start, end, text, label, entity}]}``.
Gold holds names only (proper names, acronyms, demonyms, surnames); pronouns and definite
descriptions that the finder resolves ("he", "the publication") are left out of scoring.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimledger.model import Mention, normalize_text


@dataclass(frozen=True, slots=True)
class GoldDocument:
    article: str
    split: str
    text: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )


def read_gold(path: Path, corpus: Path) -> GoldDocument:
    """A gold file and its article's normalised text; ValueError if the text has drifted."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text = normalize_text((corpus / data["article"]).read_text(encoding="utf-8"))
    if len(text) != data["chars"]:
        raise ValueError(f"{path.name}: article length {len(text)} != gold's {data['chars']}")
    mentions = tuple(Mention(**m) for m in data["mentions"])
    for mention in mentions:
        if text[mention.start : mention.end] != mention.text:
            raise ValueError(
                f"{path.name}: {mention.text!r} is not text[{mention.start}:{mention.end}]"
            )
    return GoldDocument(data["article"], data["split"], text, mentions)


_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})


def is_reference(mention: Mention) -> bool:
    """A pronoun or definite description ("he", "the latter", "The publication"): not a name,
    not scored. "The Washington Post" is a name."""
    words = mention.text.split()
    if mention.text.lower() in _PRONOUNS:
        return True
    return words[0].lower() == "the" and all(word.islower() for word in words[1:])


def score(gold: Iterable[Mention], system: Iterable[Mention], *, with_label: bool = True) -> Score:
    """Exact-span matching, with or without the label."""

    def key(m: Mention) -> tuple[int, int, str]:
        return (m.start, m.end, m.label if with_label else "")

    gold_keys = {key(m) for m in gold}
    system_keys = {key(m) for m in system if not is_reference(m)}
    hits = len(gold_keys & system_keys)
    return Score(hits, len(system_keys) - hits, len(gold_keys) - hits)


def entity_agreement(gold: Sequence[Mention], system: Sequence[Mention]) -> tuple[int, int]:
    """(same entity id, span matches) over mentions whose spans match exactly."""
    by_span = {(m.start, m.end): m.entity for m in system}
    matched = [(m.entity, by_span[(m.start, m.end)]) for m in gold if (m.start, m.end) in by_span]
    return sum(g == s for g, s in matched), len(matched)
