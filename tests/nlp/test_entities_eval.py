"""The mention scorer and the gold files it reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.eval.entities import Score, entity_agreement, is_reference, read_gold, score
from claimledger.model import Mention

GOLD = Path(__file__).resolve().parents[1] / "gold" / "entities"


def m(start: int, end: int, label: str = "GPE", entity: str | None = None) -> Mention:
    return Mention(start, end, "x" * (end - start), label, entity)


def test_score_exact_span_with_and_without_label() -> None:
    gold = [m(0, 6), m(10, 15, "PERSON"), m(20, 25, "ORG")]
    system = [m(0, 6), m(10, 15, "ORG"), m(30, 33)]
    assert score(gold, system) == Score(1, 2, 2)
    assert score(gold, system, with_label=False) == Score(2, 1, 1)
    result = score(gold, system, with_label=False)
    assert (round(result.precision, 3), round(result.recall, 3)) == (0.667, 0.667)
    assert round(result.f1, 3) == 0.667


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("he", True),
        ("His", True),
        ("the latter", True),
        ("The publication", True),
        ("The Washington Post", False),
        ("Reuters", False),
    ],
)
def test_references_are_not_scored(text: str, reference: bool) -> None:
    assert is_reference(Mention(0, len(text), text, "ORG")) is reference


def test_entity_agreement_on_matched_spans() -> None:
    gold = [m(0, 6, entity="country:RUS"), m(10, 15, entity="person:a")]
    system = [m(0, 6, entity="country:RUS"), m(10, 15, entity="person:b"), m(20, 22)]
    assert entity_agreement(gold, system) == (1, 2)


def test_gold_files_are_well_formed(shared: Path) -> None:
    corpus = shared / "corpus" / "ukraine-news"
    splits = []
    for path in sorted(GOLD.glob("*.json")):
        doc = read_gold(path, corpus)  # checks every span against the article text
        splits.append(doc.split)
        assert doc.article == path.name.replace(".json", ".txt")
        starts = [mention.start for mention in doc.mentions]
        assert starts == sorted(starts)
    assert splits.count("heldout") == 4 and len(splits) >= 10


def test_drifted_article_is_reported(shared: Path, tmp_path: Path) -> None:
    source = next(iter(sorted(GOLD.glob("*.json"))))
    data = json.loads(source.read_text(encoding="utf-8"))
    data["chars"] += 1
    changed = tmp_path / source.name
    changed.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="article length"):
        read_gold(changed, shared / "corpus" / "ukraine-news")
