"""An unseen check of the timex tagger: news and press releases annotated in TimeML by hand.

The gold (tests/gold/timex/*.tml) was annotated following TimeBank/AQUAINT conventions before the
tagger was run on it; benchmarks/results/timex_fresh.md has the figures and every error. Each
file's <EXTRAINFO> names its source under /work/shared/corpus (a path, plus ``#row=N`` for a
press-release CSV row), so the text can be checked against what `read_input` makes of it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from claimledger.eval.timeml import TimeMLDocument, read_tml, run
from claimledger.ingest import read_input
from claimledger.model import Article

GOLD = Path(__file__).resolve().parents[1] / "gold" / "timex"
PATHS = sorted(GOLD.glob("*.tml"))
SOURCE = re.compile(r"<EXTRAINFO>\s*(\S+)\s*</EXTRAINFO>")
TYPES = {"DATE", "TIME", "DURATION", "SET"}
# The TIMEX3 value forms the gold uses: a calendar point (2023-03-07TNI, 2023-W30, 2024-SU,
# 2024-04-27T17:15) or a reference point (PRESENT_REF) for DATE and TIME, a period (P6M, PXY) for
# DURATION and SET.
POINT = re.compile(
    r"\d{4}(-(\d\d(-\d\d)?|W\d\d|SU|SP|FA|WI|Q\d|H\d))?(T(\d\d:\d\d|MO|AF|EV|NI))?"
    r"|(PRESENT|PAST|FUTURE)_REF"
)
PERIOD = re.compile(r"P(\d+|X)[YMWD]")

# A little under the figures measured on 2026-11-27 (strict 84.91, relaxed 92.45, type 86.79,
# value 84.91 F1 over 57 gold expressions): one expression is worth about 1.9 points of F1, so
# a regression of two expressions fails while a one-expression change does not.
FLOORS = {"strict": 82.0, "relaxed": 90.0, "type": 84.0, "value": 82.0}


@cache
def _rows(source_file: Path) -> dict[str, Article]:
    """The articles of a corpus file keyed by their origin's row ("" for a one-article file)."""
    articles = read_input(str(source_file)).articles
    return {(a.origin or "").partition("#row=")[2]: a for a in articles}


def _source_article(shared: Path, doc: TimeMLDocument) -> tuple[str, Article]:
    match = SOURCE.search(doc.source)
    assert match, f"{doc.name}: no <EXTRAINFO> source"
    source = match.group(1)
    path, _, row = source.partition("#row=")
    return source, _rows(shared / "corpus" / path)[row]


def test_gold_set_is_complete() -> None:
    documents = [read_tml(path) for path in PATHS]
    assert len(documents) == 15
    assert sum(len(doc.gold) for doc in documents) == 57
    sources = [SOURCE.search(doc.source) for doc in documents]
    kinds = [match.group(1).split("/")[0] for match in sources if match]
    assert (kinds.count("ukraine-news"), kinds.count("press-releases")) == (12, 3)


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_gold_file_parses(path: Path) -> None:
    doc = read_tml(path)
    assert doc.dct is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", doc.dct)
    assert f"<DOCID>{path.stem}</DOCID>" in doc.source
    for timex in doc.gold:
        assert timex.text == doc.plain[timex.start : timex.end]
        assert timex.text == timex.text.strip() and timex.text
        assert timex.type in TYPES, timex
        form = PERIOD if timex.type in {"DURATION", "SET"} else POINT
        assert form.fullmatch(timex.value), timex


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_text_and_dct_come_from_the_source(shared: Path, path: Path) -> None:
    doc = read_tml(path)
    source, article = _source_article(shared, doc)
    if source.startswith("ukraine-news/"):
        assert Path(source).name > "20230301", source  # the articles the tagger was not tuned on
    assert doc.plain == article.text
    assert article.published is not None and doc.dct == article.published[:10]


def test_score_stays_above_the_floor(tmp_path: Path) -> None:
    result = run(GOLD, tmp_path, errors=True)
    assert result["documents"] == len(PATHS)
    assert "failed" not in result
    assert result["gold"] == 57
    for kind, floor in FLOORS.items():
        assert result[kind]["f1"] >= floor, (kind, result[kind])
    assert sorted(path.name for path in tmp_path.glob("*.tml")) == [path.name for path in PATHS]
