from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimledger import Article, Document, analyze
from claimledger.model import (
    Actor,
    Attribution,
    Claim,
    Evidence,
    Mention,
    PublishedSource,
    Quantity,
    SpanRef,
    Timex,
    content_id,
    normalize_text,
)
from claimledger.store import Store, StoreError

SEED = "seed/000_3a7b3fa782e31a64.txt"
MACRON = "ukraine-news/20220125T090000Z_GB_en_7d015e6984.txt"
# The same wire story read on three days: byte-identical text, so one content id.
SAME_STORY = (
    "ukraine-news/20220210T141500Z_GB_en_150b309295.txt",
    "ukraine-news/20220211T114500Z_GB_en_150b309295.txt",
)


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    path = ":memory:" if request.param == "memory" else tmp_path / "ledger.db"
    with Store(path) as opened:
        yield opened


def read(shared: Path, relative: str, **fields: Any) -> Article:
    """A corpus file as a text reader would give it, with its path as origin."""
    text = normalize_text((shared / "corpus" / relative).read_text(encoding="utf-8"))
    return Article(title=None, text=text, reader="text", origin=relative, **fields)


def span(text: str, phrase: str) -> dict[str, Any]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def annotated_seed(shared: Path) -> Document:
    """The seed article with sentences from the pipeline and one hand-made record per layer."""
    article = read(shared, SEED, published="2025-06-19", seen="2025-06-19T08:00:00+00:00")
    document = analyze(article.text, published="2025-06-19")
    document.article = article
    text = article.text
    document.mentions = [Mention(**span(text, "NHK"), label="ORG", name="NHK")]
    document.timexes = [
        Timex(**span(text, "June 17"), type="DATE", value="2025-06-17", anchor="dct")
    ]
    document.quantities = [
        Quantity(**span(text, "25 000 workers"), value=25000.0, unit="workers", item="workers")
    ]
    cue = SpanRef(**span(text, "reported"), lemma="report")
    source = SpanRef(**span(text, "NHK"), entity="org:NHK")
    content = SpanRef(**span(text, "This"))
    attribution_span = span(text, "This was reported by the Japanese television channel NHK")
    document.attributions = [
        Attribution(**attribution_span, id="a1", source=source, cue=cue, content=content)
    ]
    claim_span = span(text, "North Korea will send workers to a Russian drone factory")
    document.claims = [
        Claim(
            **claim_span,
            id="c1",
            type="deployment",
            actors=(Actor("country:PRK", "agent"), Actor("country:RUS", "recipient")),
            quantity=0,
            time=0,
            attribution="a1",
            evidence=(Evidence(claim_span["start"], claim_span["end"]),),
        )
    ]
    return document


def test_add_then_read_back_whole_document(store: Store, shared: Path) -> None:
    document = annotated_seed(shared)
    result = store.add(document)
    assert (result.status, result.article_id) == ("added", document.article.id)
    assert (result.duplicate_of, result.similarity) == (None, None)
    stored = store.get_document(document.article.id)
    assert stored is not None
    assert stored.to_dict() == document.to_dict()
    assert stored.article == document.article  # origin and seen too, beyond Document keys
    assert stored.claims[0].actors[1] == Actor("country:RUS", "recipient")
    assert store.get_article(document.article.id) == document.article


def test_stats_and_article_row(store: Store, shared: Path) -> None:
    document = annotated_seed(shared)
    store.add(document)
    assert store.stats() == {
        "articles": 1,
        "near_duplicates": 0,
        "sightings": 1,
        "sentences": len(document.sentences),
        "mentions": 1,
        "timexes": 1,
        "quantities": 1,
        "attributions": 1,
        "claims": 1,
    }
    (row,) = store.articles()
    assert (row.id, row.published, row.published_source) == (
        document.article.id,
        "2025-06-19",
        "unknown",
    )
    assert (row.origin, row.reader, row.duplicate_of) == (SEED, "text", None)
    assert row.counts["timexes"] == 1
    assert row.counts["sentences"] == len(document.sentences) > 10


def test_same_story_twice_is_one_article_with_two_sightings(store: Store, shared: Path) -> None:
    first, second = (
        read(shared, path, seen=f"2022-02-1{day}") for day, path in enumerate(SAME_STORY)
    )
    assert first.id == second.id
    assert store.add(analyze(first.text)).status == "added"  # no origin: the API reader
    results = [store.add(Document(article)) for article in (first, second, second)]
    assert [r.status for r in results] == ["duplicate", "duplicate", "duplicate"]
    assert all(r.article_id == first.id and r.duplicate_of is None for r in results)
    assert store.count_articles() == 1
    sightings = store.sightings(first.id)
    # Each origin once, in the order seen; re-reading the same file adds nothing.
    assert [(s["origin"], s["seen"], s["reader"]) for s in sightings] == [
        (None, None, "api"),
        (SAME_STORY[0], "2022-02-10", "text"),
        (SAME_STORY[1], "2022-02-11", "text"),
    ]
    assert store.stats()["sightings"] == 3


def test_edited_wire_story_is_a_linked_near_duplicate(store: Store, shared: Path) -> None:
    original = read(shared, MACRON, published="2022-01-25")
    # Another outlet's copy of the story with a few words changed.
    text = original.text.replace("in Berlin", "in the German capital").replace("Friday", "Saturday")
    copy = Article(title="Macron to call Putin", text=text, source="Other Outlet")
    unrelated = read(shared, SAME_STORY[0])
    assert store.add(Document(original)).status == "added"
    assert store.add(Document(unrelated)).status == "added"
    result = store.add(Document(copy))
    assert (result.status, result.article_id, result.duplicate_of) == (
        "near_duplicate",
        copy.id,
        original.id,
    )
    assert result.similarity is not None and 0.8 <= result.similarity < 1.0
    assert store.near_duplicates(original.id) == [(copy.id, result.similarity)]
    assert store.near_duplicates(copy.id) == [(original.id, result.similarity)]
    assert store.near_duplicates(unrelated.id) == []
    rows = {row.id: row.duplicate_of for row in store.articles()}
    assert rows == {original.id: None, unrelated.id: None, copy.id: original.id}
    assert store.stats()["near_duplicates"] == 1
    # A third copy matches both and is linked to the closer one.
    closer = Article(title=None, text=text.replace("Saturday", "Sunday"))
    third = store.add(Document(closer))
    assert (third.status, third.duplicate_of) == ("near_duplicate", copy.id)
    assert [other for other, _ in store.near_duplicates(closer.id)] == [copy.id, original.id]


def test_rewritten_story_is_not_a_near_duplicate(store: Store, shared: Path) -> None:
    original = read(shared, MACRON)
    paragraphs = original.text.split("\n\n")
    # Same opening, the rest of the story replaced: well under the 0.8 Jaccard threshold.
    rewritten = "\n\n".join([paragraphs[0], *(p[::-1] for p in paragraphs[1:])])
    store.add(Document(original))
    result = store.add(Document(Article(title=None, text=rewritten)))
    assert (result.status, result.duplicate_of) == ("added", None)


@pytest.mark.parametrize(
    ("bad_field", "bad_value", "message"),
    [
        ("item", {1, 2}, r"claims\[1\] cannot be stored as JSON: .*set"),
        ("place", float("nan"), r"claims\[1\] cannot be stored as JSON: Out of range float"),
    ],
)
def test_failed_write_leaves_nothing_of_the_article(
    tmp_path: Path, shared: Path, bad_field: str, bad_value: Any, message: str
) -> None:
    path = tmp_path / "ledger.db"
    document = annotated_seed(shared)
    # The last record of the last layer fails, after everything else was written.
    broken = dataclasses.replace(document.claims[0], id="c2", **{bad_field: bad_value})
    document.claims.append(broken)
    with Store(path) as store:
        with pytest.raises(StoreError, match=f"article {document.article.id}: not stored: "):
            store.add(document)
        with pytest.raises(StoreError, match=message):
            store.add(document)
        assert store.get_article(document.article.id) is None
        assert store.search("drone") == []
        assert store.sightings(document.article.id) == []
        assert set(store.stats().values()) == {0}
    with Store(path) as store:  # nothing reached the file either
        assert store.count_articles() == 0
        document.claims.pop()
        assert store.add(document).status == "added"


def test_bad_offsets_are_refused(store: Store, shared: Path) -> None:
    document = annotated_seed(shared)
    document.timexes = [Timex(start=0, end=4, text="June", type="DATE", value="2025-06")]
    with pytest.raises(StoreError, match="bad offsets: timexes: text 'June'"):
        store.add(document)
    assert store.count_articles() == 0


def _article(article_id: str, published: str | None) -> Article:
    return Article(title=None, text=f"Text of {article_id}.", published=published, id=article_id)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("abcd1111", "abcd1111"),  # a full id
        ("abcd2", "abcd2222"),  # a unique prefix
        ("abce", "abce3333"),
        ("abcf", None),  # nothing starts so
        ("abcd1111x", None),
    ],
)
def test_get_article_by_id_or_prefix(store: Store, ref: str, expected: str | None) -> None:
    for article_id in ("abcd1111", "abcd2222", "abce3333"):
        store.add(Document(_article(article_id, None)))
    found = store.get_article(ref)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("abcd", r"'abcd' is ambiguous: it starts abcd1111, abcd2222; give more characters"),
        ("abc", r"'abc' is too short; give at least 4 characters"),
    ],
)
def test_get_article_refuses_unclear_refs(store: Store, ref: str, message: str) -> None:
    for article_id in ("abcd1111", "abcd2222", "abce3333"):
        store.add(Document(_article(article_id, None)))
    with pytest.raises(StoreError, match=message):
        store.get_document(ref)


def test_articles_by_date_then_id_unknown_last(store: Store) -> None:
    for article_id, published in [
        ("d-none", None),
        ("c-late", "2022-03-01"),
        ("b-early", "2022-01-05T10:00:00+00:00"),
        ("a-early", "2022-01-05T10:00:00+00:00"),
        ("e-first", "2021-12-31"),
    ]:
        store.add(Document(_article(article_id, published)))
    order = ["e-first", "a-early", "b-early", "c-late", "d-none"]
    assert [row.id for row in store.articles()] == order
    assert [row.id for row in store.articles(limit=2, offset=1)] == order[1:3]
    assert [row.id for row in store.articles(offset=3)] == order[3:]
    assert [doc.article.id for doc in store.iter_documents()] == order
    assert store.count_articles() == 5


@pytest.mark.parametrize(
    ("query", "hits", "snippet_has"),
    [
        ("Shoigu", [SEED], "[Shoigu]"),
        ("shoigu", [SEED], "[Shoigu]"),
        ('"drone factory"', [SEED], "[drone factory]"),  # a phrase is marked as one
        ("Macron AND Scholz", [MACRON], "[Macron]"),
        ("Scholz OR Shoigu", [SEED, MACRON], "["),
        ("Scho*", [MACRON], "[Scholz]"),
        ("Macron NOT Scholz", [], ""),
        ("title:Macron", [MACRON], "[Macron]"),  # titles are searched too
        # bad FTS5 syntax: searched again as plain words
        ('drone "factory', [SEED], "[drone]"),
        ("Macron AND", [MACRON], "[Macron]"),
        ("(Scholz", [MACRON], "[Scholz]"),
        ("Kim Jong-Un", [SEED], "[Kim] [Jong Un]"),
        ("nosuchcolumn:drone", [], ""),
        ("***", [], ""),
        ("   ", [], ""),
    ],
)
def test_search(store: Store, shared: Path, query: str, hits: list[str], snippet_has: str) -> None:
    store.add(Document(read(shared, SEED)))
    store.add(Document(dataclasses.replace(read(shared, MACRON), title="Macron to call Putin")))
    found = store.search(query)
    assert sorted(hit.article_id for hit in found) == sorted(
        content_id(read(shared, path).text) for path in hits
    )
    assert all(snippet_has in hit.snippet for hit in found)
    assert [hit.rank for hit in found] == sorted((hit.rank for hit in found), reverse=True)


def test_search_limit_and_title(store: Store, shared: Path) -> None:
    article = dataclasses.replace(read(shared, MACRON), title="Macron to call Putin")
    store.add(Document(article))
    store.add(Document(read(shared, SEED)))
    assert len(store.search("Russian", limit=1)) == 1
    assert len(store.search("Russian")) == 2
    (hit,) = store.search("Putin")
    assert (hit.article_id, hit.title) == (article.id, "Macron to call Putin")


def test_store_reopens_with_its_data(tmp_path: Path, shared: Path) -> None:
    path = tmp_path / "ledger.db"
    document = annotated_seed(shared)
    with Store(path) as store:
        store.add(document)
    with Store(path) as store:
        stored = store.get_document(document.article.id[:6])
        assert stored is not None and stored.to_dict() == document.to_dict()
        assert store.search("Alabuga")[0].article_id == document.article.id
        assert store.add(document).status == "duplicate"


def test_published_source_round_trips(store: Store) -> None:
    article = Article(
        title="t",
        text="A short text.",
        published="2022-02-24",
        published_source=PublishedSource.FILENAME,
    )
    store.add(Document(article))
    assert store.get_article(article.id) == article
    assert store.articles()[0].published_source == "filename"


def test_two_stores_on_one_file_see_each_others_commits(tmp_path: Path, shared: Path) -> None:
    path = tmp_path / "ledger.db"
    with Store(path) as writer, Store(path) as reader:
        assert reader.count_articles() == 0
        article = read(shared, MACRON)
        writer.add(Document(article))
        assert reader.count_articles() == 1
        assert reader.add(Document(article)).status == "duplicate"
        assert [s["origin"] for s in writer.sightings(article.id)] == [MACRON]
