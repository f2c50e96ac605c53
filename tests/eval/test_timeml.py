"""TempEval-3 scoring: the pure scorer, the TimeML reader/writer, and the dev-set run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimledger.eval.timeml import (
    Counts,
    TimexSpan,
    metrics,
    read_tml,
    relaxed_pairs,
    run,
    score,
    tag,
    write_tml,
)

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-06-19" temporalFunction="false" \
functionInDocument="CREATION_TIME">20250619</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" \
value="2025-06-18" temporalFunction="true" anchorTimeID="t0">yesterday</TIMEX3> that &quot;prices \
rose&quot; for <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


def span(start: int, end: int, value: str = "2025", type_: str = "DATE") -> TimexSpan:
    return TimexSpan(start, end, type_, value)


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [
        # (gold, system) -> (strict, relaxed, type, value)
        ([span(0, 5)], [span(0, 5)], (1, 1, 1, 1)),
        ([span(0, 5)], [span(2, 8)], (0, 1, 1, 1)),  # overlap: relaxed only
        ([span(0, 5)], [span(0, 5, "2024")], (1, 1, 1, 0)),  # wrong value
        ([span(0, 5)], [span(0, 5, "P1Y", "DURATION")], (1, 1, 0, 0)),
        ([span(0, 5)], [span(6, 9)], (0, 0, 0, 0)),  # touching is not overlapping
        # one system span cannot match two gold spans
        ([span(0, 5), span(6, 9)], [span(0, 9)], (0, 1, 1, 1)),
        ([], [span(0, 5)], (0, 0, 0, 0)),
    ],
)
def test_score(
    gold: list[TimexSpan], system: list[TimexSpan], expected: tuple[int, int, int, int]
) -> None:
    counts = score(gold, system)
    assert (counts.strict, counts.relaxed, counts.type, counts.value) == expected
    assert (counts.gold, counts.system) == (len(gold), len(system))


def test_relaxed_pairs_prefer_the_largest_overlap() -> None:
    gold = [span(0, 10)]
    system = [span(8, 12), span(2, 9)]
    assert relaxed_pairs(gold, system) == [(gold[0], system[1])]


def test_metrics() -> None:
    result = metrics(Counts(gold=10, system=8, strict=6, relaxed=8, type=8, value=4))
    assert result["strict"] == {"precision": 75.0, "recall": 60.0, "f1": 66.67}
    assert result["relaxed"] == {"precision": 100.0, "recall": 80.0, "f1": 88.89}
    # value F1 counts a relaxed match only when the value agrees too
    assert result["value"] == {"precision": 50.0, "recall": 40.0, "f1": 44.44}


def test_read_tml_decodes_entities_and_skips_the_dct(tmp_path: Path) -> None:
    path = tmp_path / "test1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2025-06-19"
    assert doc.plain == '\nAT&T said yesterday that "prices rose" for three years.\n'
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("yesterday", "DATE", "2025-06-18"),
        ("three years", "DURATION", "P3Y"),
    ]


def test_write_tml_keeps_the_raw_text(tmp_path: Path) -> None:
    path = tmp_path / "test1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    out = tmp_path / "out.tml"
    found = tag(doc)
    write_tml(doc, found, out)
    written = out.read_text(encoding="utf-8")
    assert _raw_text(written) == _raw_text(TML)
    assert '<TIMEX3 tid="t1000" type="DATE" value="2025-06-18"' in written
    assert 'anchorTimeID="t0">yesterday</TIMEX3>' in written
    assert written.startswith(TML[: TML.index("<TEXT>")])
    assert [(g.text, g.value) for g in read_tml(out).gold] == [
        ("yesterday", "2025-06-18"),
        ("three years", "P3Y"),
    ]


def _raw_text(tml: str) -> str:
    """The <TEXT> content with every tag removed but entities kept as written."""
    body = tml[tml.index("<TEXT>") + 6 : tml.index("</TEXT>")]
    return re.sub(r"<[^>]+>", "", body)


def test_run_reports_bad_files(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "good.tml").write_text(TML, encoding="utf-8")
    (gold / "bad.tml").write_text("<TimeML>no text element</TimeML>", encoding="utf-8")
    result = run(gold, tmp_path / "sys", errors=True)
    assert result["documents"] == 1
    assert result["failed"] == [
        {"file": "bad.tml", "reason": "bad.tml: no <TEXT>...</TEXT> element"}
    ]
    assert result["strict"]["f1"] == 100.0
    assert result["errors"] == []


@pytest.mark.parametrize(
    # Regression floors a little under the figures in benchmarks/results/timex.md.
    ("corpus", "strict", "relaxed", "value"),
    [("TimeBank", 87.0, 92.0, 79.0), ("AQUAINT", 81.0, 91.5, 72.5)],
)
def test_dev_sets(
    shared: Path, tmp_path: Path, corpus: str, strict: float, relaxed: float, value: float
) -> None:
    gold_dir = shared / "data" / "tempeval3" / corpus
    result = run(gold_dir, tmp_path, errors=True)
    assert result["documents"] == len(list(gold_dir.glob("*.tml")))
    assert "failed" not in result
    assert result["strict"]["f1"] >= strict
    assert result["relaxed"]["f1"] >= relaxed
    assert result["value"]["f1"] >= value
    for path in sorted(gold_dir.glob("*.tml")):
        gold_text = path.read_text(encoding="utf-8")
        assert _raw_text((tmp_path / path.name).read_text(encoding="utf-8")) == _raw_text(gold_text)
