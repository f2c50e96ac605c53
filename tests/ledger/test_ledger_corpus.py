"""Every file of ../shared/corpus ingests into one ledger; offsets hold for every stored span."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimledger.ledger import IngestReport, Ledger
from claimledger.model import content_id

CorpusLedger = tuple[Ledger, IngestReport]


@pytest.fixture(scope="module")
def corpus_ledger(
    shared: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Ledger, IngestReport]]:
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    ledger = Ledger(db)
    report = ledger.ingest([str(shared / "corpus")], jobs=2)
    yield ledger, report
    ledger.close()


def _csv_rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_whole_corpus_ingests_without_problems(corpus_ledger: CorpusLedger, shared: Path) -> None:
    ledger, report = corpus_ledger
    assert report.problems == []
    news = sorted((shared / "corpus" / "ukraine-news").glob("*.txt"))
    releases = [
        row
        for name in ("putin", "zelenskyy")
        for row in _csv_rows(shared / "corpus" / "press-releases" / f"{name}.csv")
    ]
    assert len(news) == 346 and len(releases) == 816 + 980
    # one result per article read: every file and every CSV row
    assert len(report.results) == 346 + 1 + len(releases)
    # identical texts share one content id and are stored once
    expected_ids = {content_id(p.read_text(encoding="utf-8")) for p in news}
    stored = {row.id for row in ledger.articles()}
    assert expected_ids <= stored
    assert (
        ledger.stats()["articles"]
        == len(stored)
        == report.count("added") + report.count("near_duplicate")
    )


def test_same_story_seen_twice_is_one_article_with_two_sightings(
    corpus_ledger: CorpusLedger, shared: Path
) -> None:
    ledger, _ = corpus_ledger
    folder = shared / "corpus" / "ukraine-news"
    first = folder / "20230727T141500Z_US_en_9566156170.txt"
    second = folder / "20230727T164500Z_US_en_9566156170.txt"
    article_id = content_id(first.read_text(encoding="utf-8"))
    assert article_id == content_id(second.read_text(encoding="utf-8"))
    origins = {Path(s["origin"]).name for s in ledger.store.sightings(article_id)}
    assert origins == {first.name, second.name}


def test_seed_reads_date_and_headline(corpus_ledger: CorpusLedger, shared: Path) -> None:
    ledger, _ = corpus_ledger
    seed = shared / "corpus" / "seed" / "000_3a7b3fa782e31a64.txt"
    body = seed.read_text(encoding="utf-8").split("\n", 2)[2]
    document = ledger.document(content_id(body))
    assert document is not None
    assert document.article.published == "2025-06-19"
    assert document.article.title == (
        "North Korea will send workers to a Russian drone factory to gain experience,"
        " and Russia will increase drone production."
    )
    assert document.article.text.startswith("This was reported by the Japanese television")


def test_offsets_hold_for_every_stored_span(corpus_ledger: CorpusLedger) -> None:
    ledger, _ = corpus_ledger
    n = 0
    for document in ledger.documents():
        document.check_offsets()
        n += 1
    assert n == ledger.stats()["articles"]


def test_press_release_columns_are_mapped(corpus_ledger: CorpusLedger, shared: Path) -> None:
    ledger, _ = corpus_ledger
    row = _csv_rows(shared / "corpus" / "press-releases" / "putin.csv")[0]
    hits = [r for r in ledger.articles() if r.url == row["link"]]
    assert len(hits) == 1
    assert hits[0].title == row["headline"]
    assert hits[0].published is not None and hits[0].published.startswith(row["date"][:10])
    assert hits[0].published_source == "column"
