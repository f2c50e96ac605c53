"""The learned CUE tagger (claimledger.nlp.attribution_model): training examples, saving,
loading and validation, cue spans, the tagger hook of find_attributions, and the packaged model.

Most tests train a small model on sentences of our own for a few seconds and check the plumbing:
its spans are exact token extents in the article's offsets, and the clause rules attach a source
and a content to a cue the lexicon lacks. The last ones use the model trained on PolNeAR train
that the package ships (off by default; benchmarks/results/attribution_model.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from thinc.api import fix_random_seed

from claimledger.nlp.attribution import AttributionFinder, find_attributions, tokenize
from claimledger.nlp.attribution_lexicon import LexiconError, cue_forms
from claimledger.nlp.attribution_model import (
    LABEL,
    CueTagger,
    blank_cue_pipeline,
    cue_example,
    cue_tagger,
    load_model,
    save_model,
)
from claimledger.nlp.sentences import split_sentences
from claimledger.nlp.spans import records

# Sentences in the style of PolNeAR's political news, with their cues (PolNeAR marks attitudes
# and evaluations as well as reports of speech).
TRAINING = [
    (
        "The senator has drawn sharp criticism from party leaders over the deal.",
        ["has drawn sharp criticism"],
    ),
    ("Union leaders heaped praise on the governor for the new contract.", ["heaped praise on"]),
    ("The candidate pinned her hopes on a strong showing in Ohio.", ["pinned her hopes on"]),
    ("Republican leaders expressed doubt that the bill would pass.", ["expressed doubt"]),
    ("The mayor opened the new bridge on Friday.", []),
    ("Voters in Iowa went to the polls on Monday.", []),
]


@pytest.fixture(scope="module")
def tiny_nlp() -> Language:
    """A small CUE model trained on TRAINING until it reproduces it."""
    fix_random_seed(0)
    nlp = blank_cue_pipeline(width=32, embed_size=300)
    examples = []
    for text, cues in TRAINING:
        toks = [t for a, b in split_sentences(text) for t in tokenize(text, a, b)]
        spans = [(text.index(cue), text.index(cue) + len(cue)) for cue in cues]
        examples.append(cue_example(nlp, text, toks, spans))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(150):
        nlp.update(examples, drop=0.1, sgd=optimizer)
    return nlp


@pytest.fixture(scope="module")
def tiny(tiny_nlp: Language) -> CueTagger:
    return CueTagger(tiny_nlp)


def _cues(tagger: CueTagger, text: str) -> list[str]:
    sentences = [tokenize(text, a, b) for a, b in split_sentences(text)]
    return [text[a:b] for a, b in sorted(tagger.cue_spans(text, sentences))]


@pytest.mark.parametrize(("text", "expected"), TRAINING)
def test_cue_spans_are_exact_phrases(tiny: CueTagger, text: str, expected: list[str]) -> None:
    assert _cues(tiny, text) == expected


def test_spans_keep_the_article_offsets(tiny: CueTagger) -> None:
    # two sentences and extra spaces: the Doc's own text differs from the article's
    text = (
        "Voters  in Iowa went to the polls.   The senator has drawn sharp criticism"
        " from party leaders over the deal."
    )
    assert _cues(tiny, text) == ["has drawn sharp criticism"]


def test_examples_widen_to_tokens_and_drop_overlaps(tiny_nlp: Language) -> None:
    text = "The senator has drawn sharp criticism."
    toks = tokenize(text, 0, len(text))
    # "as drawn" widens to "has drawn"; "drawn sharp" overlaps it and is left out
    example = cue_example(tiny_nlp, text, toks, [(13, 21), (16, 27)])
    assert [(e.text, e.label_) for e in example.reference.ents] == [("has drawn", LABEL)]


def test_the_hook_attaches_source_and_content(tiny: CueTagger, blank_nlp: Language) -> None:
    text = "The senator has drawn sharp criticism from party leaders over the deal."
    assert ("drawn",) not in cue_forms()
    assert find_attributions(text, split_sentences(text)) == []
    found = find_attributions(text, split_sentences(text), tagger=tiny)
    assert [
        (a.source.text if a.source else None, a.cue.text, a.content.text if a.content else None)
        for a in found
    ] == [("The senator", "has drawn sharp criticism", "from party leaders over the deal")]
    blank_nlp.add_pipe("claimledger_sentences")
    doc = AttributionFinder(tiny)(blank_nlp(text))
    assert [a.cue.text for a in records(doc, "attributions")] == ["has drawn sharp criticism"]


def test_saved_model_loads_and_bad_models_fail_clearly(tiny_nlp: Language, tmp_path: Path) -> None:
    saved = tmp_path / "cue_model"
    save_model(tiny_nlp, saved)
    assert json.loads((saved / "vocab" / "strings.json").read_text()) == [LABEL]
    text = TRAINING[1][0]
    assert _cues(load_model(saved), text) == TRAINING[1][1]

    with pytest.raises(LexiconError, match=r"missing config\.cfg, meta\.json"):
        load_model(tmp_path / "absent")
    model_file = saved / "ner" / "model"
    model_file.write_bytes(model_file.read_bytes()[:100])
    with pytest.raises(LexiconError, match="cannot be loaded"):
        load_model(saved)


def test_a_pipeline_without_a_cue_recogniser_is_rejected(blank_nlp: Language) -> None:
    with pytest.raises(LexiconError, match="needs a 'ner' pipe"):
        CueTagger(blank_nlp)
    blank_nlp.add_pipe("ner").add_label("PERSON")  # type: ignore[attr-defined]
    with pytest.raises(LexiconError, match="no label CUE"):
        CueTagger(blank_nlp)


def test_packaged_model_finds_attitude_cues_beyond_the_lexicon() -> None:
    text = "The senator has drawn sharp criticism from party leaders over the deal."
    assert find_attributions(text, split_sentences(text)) == []
    found = find_attributions(text, split_sentences(text), tagger=cue_tagger())
    assert [(a.source.text if a.source else None, a.cue.text) for a in found] == [
        ("The senator", "has drawn sharp criticism")
    ]


def test_packaged_model_leaves_the_seed_attributions_as_they_are(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8").split("\n", 2)[2]
    sentences = split_sentences(text)
    assert find_attributions(text, sentences, tagger=cue_tagger()) == find_attributions(
        text, sentences
    )


def test_component_takes_the_tagger_on_request(blank_nlp: Language) -> None:
    blank_nlp.add_pipe("claimledger_sentences")
    blank_nlp.add_pipe("claimledger_attribution", config={"cue_tagger": True})
    doc = blank_nlp(
        "This was reported by Reuters. The senator has drawn sharp criticism from party leaders."
    )
    found = records(doc, "attributions")
    assert [(a.source.text if a.source else None, a.cue.text) for a in found] == [
        ("Reuters", "was reported"),
        ("The senator", "has drawn sharp criticism"),
    ]
