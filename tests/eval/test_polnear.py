"""PolNeAR scoring: brat parsing, span scores, .ann output, and a run over the dev split."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.eval.polnear import (
    GoldAttribution,
    PolnearError,
    agreement,
    consensus_annotation,
    discarded_regions,
    parse_ann,
    polnear_style,
    predicted_spans,
    run,
    score_spans,
    to_brat,
)
from claimledger.nlp.attribution import find_attributions
from claimledger.nlp.sentences import split_sentences

ANN = "\n".join(
    [
        "T1\tSource 0 6\tSmith",
        "T2\tCue 7 11\tsaid",
        "T3\tContent 12 20;25 30\tthe war it is",
        "T4\tAttribution 7 11\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 40 51\taccording to",
        "T6\tContent 60 70\tsomething",
        "T7\tAttribution-no-source 40 51\taccording to",
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
        "T8\tDiscuss 0 30\tnot a role",
        "#1\tAnnotatorNotes T3\ta note",
        "a continuation line of a multi-line span text",
    ]
)


def test_parse_ann_reads_roles_and_events() -> None:
    spans, events = parse_ann(ANN)
    assert spans == {
        "source": {(0, 6)},
        "cue": {(7, 11), (40, 51)},
        "content": {(12, 30), (60, 70)},  # a discontinuous span counts by its extent
    }
    assert events == [
        GoldAttribution(cue=(7, 11), source=(0, 6), content=(12, 30)),
        GoldAttribution(cue=(40, 51), source=None, content=(60, 70)),
    ]


@pytest.mark.parametrize(
    ("gold", "pred", "exact", "overlap"),
    [
        ({(0, 5)}, {(0, 5)}, (1, 1, 1, 1), (1, 1, 1, 1)),
        # a boundary error: no exact match, but an overlap match both ways
        ({(0, 5)}, {(2, 9)}, (0, 0, 1, 1), (1, 1, 1, 1)),
        # touching spans do not overlap
        ({(0, 5)}, {(5, 9)}, (0, 0, 1, 1), (0, 0, 1, 1)),
        # one long prediction covering two gold spans: one precise hit, two recalled
        ({(0, 5), (10, 15)}, {(0, 20)}, (0, 0, 1, 2), (1, 2, 1, 2)),
        (set(), {(1, 2)}, (0, 0, 1, 0), (0, 0, 1, 0)),
    ],
)
def test_score_spans(
    gold: set[tuple[int, int]],
    pred: set[tuple[int, int]],
    exact: tuple[int, int, int, int],
    overlap: tuple[int, int, int, int],
) -> None:
    got_exact, got_overlap = score_spans(gold, pred)
    assert (got_exact.hit_pred, got_exact.hit_gold, got_exact.pred, got_exact.gold) == exact
    assert (
        got_overlap.hit_pred,
        got_overlap.hit_gold,
        got_overlap.pred,
        got_overlap.gold,
    ) == overlap


def test_brat_output_reads_back_as_the_same_spans() -> None:
    text = "The newspaper, citing two officials, reported that the deal was signed."
    found = find_attributions(text, split_sentences(text))
    ann = to_brat(text, found)
    spans, events = parse_ann(ann)
    assert spans == predicted_spans(found)
    assert len(events) == 2
    assert "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3" in ann.splitlines()


def test_discarded_regions() -> None:
    ann = "T1\tDiscard 0 40\tEditor's note\nT2\tCue 50 54\tsaid\nT3\tDiscard 60 70;75 90\tx"
    assert discarded_regions(ann) == [(0, 40), (60, 90)]


def _write_ann(path: Path, cues: list[tuple[int, int]]) -> Path:
    path.write_text("".join(f"T{n}\tCue {a} {b}\tx\n" for n, (a, b) in enumerate(cues, 1)))
    return path


def test_consensus_annotation_picks_the_annotator_agreeing_best(tmp_path: Path) -> None:
    odd = _write_ann(tmp_path / "doc_aaaa.ann", [(0, 4), (90, 95)])
    wide = _write_ann(tmp_path / "doc_bbbb.ann", [(0, 4), (10, 14), (20, 24)])
    central = _write_ann(tmp_path / "doc_cccc.ann", [(0, 4), (10, 14)])
    # F1 with the others: odd 0.4 + 0.5, wide 0.4 + 0.8, central 0.5 + 0.8
    assert consensus_annotation([odd, wide, central]) == central
    assert consensus_annotation([odd]) == odd
    # a tie goes to the first path
    assert consensus_annotation([odd, odd]) == odd


def test_agreement_scores_annotators_against_each_other(tmp_path: Path) -> None:
    text = "Smith said the war is over. Jones denied it. Brown argued otherwise today."
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(text)
    (tmp_path / "text" / "solo.txt").write_text(text)
    anns = tmp_path / "attributions"
    anns.mkdir()
    said, denied, argued = (6, 10), (34, 40), (51, 57)
    _write_ann(anns / "doc_aaaa.ann", [said, denied])
    _write_ann(anns / "doc_bbbb.ann", [said, denied, argued])
    _write_ann(anns / "doc_cccc.ann", [said])
    _write_ann(anns / "solo_aaaa.ann", [said])  # one annotator: not in the agreement set
    result = agreement(tmp_path)
    assert (result["articles"], result["annotations"]) == (1, 3)
    pairwise = result["scores"]["pairwise"]["cue"]["exact"]
    # six ordered pairs: a-b 2 of 2 / 2 of 3, a-c 1 of 2 / 1 of 1, b-c 1 of 3 / 1 of 1, both ways
    assert (pairwise["predicted"], pairwise["gold"]) == (12, 12)
    assert pairwise["f1"] == round(100 * 8 / 12, 1)
    # the majority of the other two is what both marked: {said} for a and b, {said, denied}
    # for c, who marked only said: 3 of 4 right, 3 of 6 found
    majority = result["scores"]["majority"]["cue"]["exact"]
    assert (majority["predicted"], majority["gold"]) == (4, 6)
    assert (majority["precision"], majority["recall"]) == (75.0, 50.0)
    system = result["scores"]["system"]["cue"]["exact"]
    assert system["gold"] == 6 and system["predicted"] > 0


def test_run_rejects_a_folder_without_the_polnear_layout(tmp_path: Path) -> None:
    with pytest.raises(PolnearError, match="text/ and attributions/"):
        run(tmp_path, tmp_path / "out")
    with pytest.raises(PolnearError, match="text/ and attributions/"):
        agreement(tmp_path)


def test_run_over_dev(shared: Path, tmp_path: Path) -> None:
    result = run(shared / "data" / "polnear" / "dev", tmp_path, errors=True)
    assert result["articles"] == 84
    assert len(list(tmp_path.glob("*.ann"))) == 84
    scores = result["scores"]
    assert set(scores) == {"cue", "source", "content"}
    for role in scores.values():
        assert set(role) == {"exact", "overlap"}
        assert role["overlap"]["f1"] >= role["exact"]["f1"] > 0
    assert {e["kind"] for e in result["errors"]} <= {
        "missed",
        "spurious",
        "missed-boundary",
        "spurious-boundary",
    }


def test_agreement_over_dev(shared: Path) -> None:
    result = agreement(shared / "data" / "polnear" / "dev")
    assert (result["articles"], result["annotations"]) == (2, 12)
    scores = result["scores"]
    # a majority of the others agrees with an annotator at least as well as one other does
    for role in ("cue", "source", "content"):
        assert scores["majority"][role]["exact"]["f1"] >= scores["pairwise"][role]["exact"]["f1"]


def test_apposed_sources_take_their_closing_comma_in_polnear_style() -> None:
    text = (
        "Marta Kowal, a councillor from Lublin, said the count was flawed. "
        "Smith, who said nothing, left. Jones said the count would go on."
    )
    found = find_attributions(text, split_sentences(text))
    styled = polnear_style(text, found)
    assert [a.source.text for a in styled if a.source] == [
        "Marta Kowal, a councillor from Lublin,",
        "who",  # no inner comma: as it was
        "Jones",
    ]
    first = found[0].source
    assert first is not None and first.text == "Marta Kowal, a councillor from Lublin"
