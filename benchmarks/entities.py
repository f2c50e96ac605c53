"""Entity mentions: P/R/F1 on the hand-annotated ukraine-news gold, and gazetteer-size speed.

Usage: .venv/bin/python benchmarks/entities.py
Reads tests/gold/entities/*.json and $CLAIMLEDGER_SHARED/corpus/ukraine-news (or ../shared beside
the repo). Scores are mention-level: exact span + label, and exact span only; references
(pronouns, "the latter", "the publication") are not in the gold and not scored.
Speed: find_mentions over the whole ukraine-news corpus with a 200-name and a 10 000-name
gazetteer (the built-in lexicons of roles and cues in both), best of three runs.
"""

from __future__ import annotations

import itertools
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, machine, shared_dir

from claimledger.eval.entities import Score, entity_agreement, read_gold, score
from claimledger.model import normalize_text
from claimledger.nlp.entities import find_mentions
from claimledger.nlp.gazetteer import Alias, Entity, Gazetteer, TokenTable, load_gazetteer
from claimledger.nlp.sentences import split_sentences

GOLD = REPO / "tests" / "gold" / "entities"


def accuracy(corpus: Path, gazetteer: Gazetteer) -> None:
    totals: dict[str, dict[str, Score]] = {}
    agreement: dict[str, list[int]] = {}
    print("\n| article | split | gold | P | R | F1 (span+label) |")
    print("|---|---|---|---|---|---|")
    for path in sorted(GOLD.glob("*.json")):
        doc = read_gold(path, corpus)
        found = find_mentions(doc.text, split_sentences(doc.text), gazetteer)
        labelled = score(doc.mentions, found)
        spans = score(doc.mentions, found, with_label=False)
        by_match = totals.setdefault(doc.split, {})
        by_match["label"] = by_match["label"] + labelled if "label" in by_match else labelled
        by_match["span"] = by_match["span"] + spans if "span" in by_match else spans
        same, matched = entity_agreement(doc.mentions, found)
        counts = agreement.setdefault(doc.split, [0, 0])
        counts[0] += same
        counts[1] += matched
        print(
            f"| {doc.article} | {doc.split} | {len(doc.mentions)} | {labelled.precision:.3f}"
            f" | {labelled.recall:.3f} | {labelled.f1:.3f} |"
        )
    print("\n| split | match | TP | FP | FN | P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for split, scores in sorted(totals.items()):
        for match, s in scores.items():
            print(
                f"| {split} | {'span+label' if match == 'label' else 'span'} | {s.true_positives}"
                f" | {s.false_positives} | {s.false_negatives} | {s.precision:.3f}"
                f" | {s.recall:.3f} | {s.f1:.3f} |"
            )
    for split, (same, matched) in sorted(agreement.items()):
        print(f"\n{split}: same entity id on {same}/{matched} exactly matched spans")


def with_names(base: Gazetteer, size: int) -> Gazetteer:
    """The built-in lexicons with exactly `size` names: built-in ones first, then made-up
    organisation names of two to four words."""
    names = TokenTable()
    entities: dict[str, Entity] = {}
    for key, alias in itertools.islice(base.names.values.items(), size):
        names.add(key, alias)
        entities[alias.entity] = base.entities[alias.entity]
    syllables = ["Bor", "Vel", "Kan", "Tes", "Mir", "Dal", "Ros", "Zen", "Lut", "Sev", "Ora", "Pim"]
    heads = ["Holding", "Group", "Institute", "Foundation"]
    number = 0
    while len(names) < size:
        first = syllables[number % 12] + syllables[(number // 12) % 12].lower()
        second = syllables[(number // 144) % 12] + syllables[(number // 1728) % 12].lower()
        words = (first, second, heads[number % 4])[: 2 + number % 2]
        entity = Entity(f"org:made-up-{number}", " ".join(words), "ORG", "company")
        entities[entity.id] = entity
        names.add(words, Alias(entity.id, "ORG"))
        number += 1
    return replace(base, names=names, entities=entities)


def speed(corpus: Path, base: Gazetteer) -> None:
    texts = [normalize_text(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    inputs = [(text, split_sentences(text)) for text in texts]
    chars = sum(len(text) for text in texts)
    timings: dict[int, float] = {}
    for size in (200, 10_000):
        gazetteer = with_names(base, size)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for text, sentences in inputs:
                find_mentions(text, sentences, gazetteer)
            best = min(best, time.perf_counter() - started)
        timings[size] = best
        print(
            f"| {size} names | {len(texts)} articles, {chars} chars | {best:.2f} s"
            f" | {chars / best / 1000:.0f} k chars/s |"
        )
    print(f"\n10 000 / 200 names time ratio: {timings[10_000] / timings[200]:.2f}")


def main() -> None:
    print(machine())
    corpus = shared_dir() / "corpus" / "ukraine-news"
    gazetteer = load_gazetteer()
    print(f"built-in gazetteer: {len(gazetteer.entities)} entities, {len(gazetteer.names)} names")
    accuracy(corpus, gazetteer)
    print("\n| gazetteer | input | best of 3 | throughput |")
    print("|---|---|---|---|")
    speed(corpus, gazetteer)


if __name__ == "__main__":
    main()
