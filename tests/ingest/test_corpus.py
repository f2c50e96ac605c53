"""Every file of the shared development corpus reads (reading only, no NLP)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from claimledger.ingest import expand_inputs, read_input
from claimledger.model import PublishedSource


@pytest.fixture(scope="module")
def corpus(shared: Path) -> Path:
    return shared / "corpus"


def test_seed_header_gives_date_and_headline(seed_path: Path) -> None:
    result = read_input(str(seed_path))
    [article] = result.articles
    assert result.problems == []
    assert article.published == "2025-06-19"
    assert article.published_source is PublishedSource.HEADER
    assert article.title == (
        "North Korea will send workers to a Russian drone factory to gain experience,"
        " and Russia will increase drone production."
    )
    assert article.text.startswith("This was reported by the Japanese television channel NHK,")
    assert "date 2025-06-19" not in article.text
    assert article.reader == "seed"
    assert article.origin == str(seed_path)


@pytest.mark.parametrize(
    ("name", "rows", "first_title", "first_published"),
    [
        ("putin.csv", 816, "BRICS+ meeting", "2022-06-24T17:30:00+00:00"),
        (
            "zelenskyy.csv",
            980,
            "Ukraine has gained the status of a candidate for the EU membership - it did not fall"
            " from the sky, so let's be proud of it - address by President Volodymyr Zelenskyy",
            "2022-06-24T23:23:00+00:00",
        ),
    ],
)
def test_press_release_tables(
    corpus: Path, name: str, rows: int, first_title: str, first_published: str
) -> None:
    path = corpus / "press-releases" / name
    result = read_input(str(path))
    assert result.problems == []
    assert len(result.articles) == rows
    first = result.articles[0]
    assert (first.title, first.published) == (first_title, first_published)
    assert first.published_source is PublishedSource.COLUMN
    assert first.origin == f"{path}#row=1"
    assert first.url is not None and first.url.startswith("http")
    assert all(article.text and article.published for article in result.articles)


def test_ukraine_news_dates_come_from_file_names(corpus: Path) -> None:
    items = expand_inputs([str(corpus / "ukraine-news")])
    assert len(items) == 346
    assert items == sorted(items)
    for item in items:
        result = read_input(item)
        [article] = result.articles
        assert result.problems == []
        assert article.published_source is PublishedSource.FILENAME
        assert article.published == article.seen
        stamp = Path(item).name[:16]  # 20220125T090000Z
        assert article.published == (
            f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[9:11]}:{stamp[11:13]}:{stamp[13:15]}"
            "+00:00"
        )
        assert article.language == "en" and article.title is None and article.text


def test_whole_corpus_expands_and_reads(corpus: Path) -> None:
    items = expand_inputs([str(corpus)])
    assert len(items) == 346 + 1 + 2
    readers: Counter[str] = Counter()
    for item in items:
        result = read_input(item)
        assert result.problems == []
        readers.update(article.reader for article in result.articles)
    assert readers == {"text": 346, "seed": 1, "table": 816 + 980}
