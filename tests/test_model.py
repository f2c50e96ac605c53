from __future__ import annotations

import pytest

import claimledger
from claimledger.model import (
    Article,
    Document,
    OffsetError,
    PublishedSource,
    Quantity,
    Timex,
    content_id,
    normalize_text,
)


def test_content_id_ignores_whitespace_and_case() -> None:
    assert content_id("North Korea  sent\nshells.") == content_id("north korea sent shells.")
    assert content_id("North Korea sent shells.") != content_id("North Korea sent missiles.")
    assert len(content_id("x")) == 16


def test_normalize_text() -> None:
    assert normalize_text("\ufeffLine one  \r\nLine two\r\n\r\n") == "Line one\nLine two"
    # NFC: a decomposed e + combining acute becomes one code point
    assert normalize_text("Zelenskye\u0301") == "Zelensky\u00e9"


def test_article_id_is_content_hash() -> None:
    a = Article(title="A", text="Same text.")
    b = Article(title="B", text="Same text.", url="https://example.org/b")
    assert a.id == b.id == content_id("Same text.")


def test_document_round_trip_and_offsets() -> None:
    text = "On June 14 it sent nearly 5 million shells."
    doc = Document(article=Article(title=None, text=text, published="2025-06-19"))
    doc.timexes.append(Timex(3, 10, "June 14", "DATE", "2025-06-14", anchor="dct"))
    doc.quantities.append(
        Quantity(19, 42, "nearly 5 million shells", 5e6, high=5e6, bound="<=", approx=True)
    )
    doc.check_offsets()
    again = Document.from_dict(doc.to_dict())
    assert again.to_dict() == doc.to_dict()
    assert again.article.published_source is PublishedSource.UNKNOWN


def test_check_offsets_rejects_wrong_text() -> None:
    doc = Document(article=Article(title=None, text="Russia and Ukraine"))
    doc.timexes.append(Timex(0, 6, "Ukraine", "DATE", "2025"))
    with pytest.raises(OffsetError, match="Ukraine"):
        doc.check_offsets()


def test_from_dict_rejects_other_schema() -> None:
    with pytest.raises(ValueError, match="claimledger/1"):
        Document.from_dict({"schema": "other/9", "article": {}})


def test_analyze_rejects_bad_date() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        claimledger.analyze("Text.", published="19 June 2025")
