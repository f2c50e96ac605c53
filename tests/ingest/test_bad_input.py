"""Bad input: each case is one ReadError naming the file and the reason, never a traceback."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from claimledger.ingest import ReadError, ReadOptions, expand_inputs, read_input

SMART = "The minister said: “We will not retreat.” It’s the fourth day – and the café stayed open."


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def reason_for(item: str, options: ReadOptions | None = None) -> str:
    with pytest.raises(ReadError) as caught:
        read_input(item, options or ReadOptions())
    assert caught.value.item == item
    assert str(caught.value) == f"{item}: {caught.value.reason}"
    return caught.value.reason


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n  \n", "contains only whitespace"),
        ("nul.txt", b"Kyiv\x00\x00\x01\x02 said", "binary file (NUL bytes), not text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "binary file (PNG image), not text"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF), not text"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary file (control characters), not text"),
        (
            "noise.txt",
            random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"),
            "undecodable: not text in UTF-8 or any detected encoding",
        ),
        (
            "junk.html",
            b"<html><body><div></div><span></span></body></html>",
            "no article text found in the HTML",
        ),
        (
            "debris.html",
            b"<<<>>> </div></span>",
            "no article text found in the HTML",
        ),
        (
            "data.json",
            b'{"headline": "x", "body": "y"}',
            "looks like JSON; name it .jsonl or .ndjson to read one object per line",
        ),
        ("empty.jsonl", b"not json\n[1, 2]\n", "no JSON object on any line; e.g. "),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    item = write(tmp_path / name, data)
    got = reason_for(item)
    if reason.endswith("e.g. "):
        assert got.startswith(reason)
    else:
        assert got == reason


@pytest.mark.parametrize(
    ("data", "reason_start"),
    [
        (b"<rss><channel><title>Wire</ti", "broken feed: "),
        (
            b"\x3c?xml version='1.0'?>\n<rss version='2.0'><channel><item><title>x</item>",
            "broken feed: ",
        ),
        (
            b"<?xml version='1.0'?><urlset><url><loc>https://a/</loc></url></urlset>",
            "not an RSS or Atom feed",
        ),
    ],
)
def test_broken_feeds(tmp_path: Path, data: bytes, reason_start: str) -> None:
    assert reason_for(write(tmp_path / "feed.xml", data)).startswith(reason_start)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", SMART),
        ("latin-1", "Le café de Kyiv est resté ouvert, a déclaré le maire à l'agence."),
        ("cp1251", "Президент заявив, що переговори продовжаться наступного тижня в Стамбулі."),
        ("utf-16", SMART),  # with its byte-order mark
        ("utf-8-sig", SMART),
    ],
)
def test_other_encodings_are_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    item = write(tmp_path / "legacy.txt", (text + "\r\n").encode(encoding))
    [article] = read_input(item).articles
    assert article.text == text


def test_declared_charset_of_html_page(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"<title>Report</title></head><body><article><p>{SMART}</p></article></body></html>"
    )
    [article] = read_input(write(tmp_path / "page.htm", page.encode("cp1252"))).articles
    assert article.text == SMART


def test_too_large_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    line = b"Officials said the convoy stretched for 60 kilometres north of Kyiv.\n"
    with path.open("wb") as handle:
        handle.write(line * (50_000_000 // len(line) + 1))
    size = path.stat().st_size

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)  # refused from its size alone
    assert reason_for(str(path)) == f"too large: {size:,} bytes, the limit is 20,000,000"


def test_max_bytes_option(tmp_path: Path) -> None:
    item = write(tmp_path / "small.txt", b"x" * 2_000)
    assert reason_for(item, ReadOptions(max_bytes=1_000)) == (
        "too large: 2,000 bytes, the limit is 1,000"
    )


def test_missing_column_names_it_and_the_columns_present(tmp_path: Path) -> None:
    item = write(tmp_path / "t.csv", b"link,title,date,text\nhttps://a,T,2024-01-01,Body\n")
    # the default mapping needs `body`; `headline` and `link` are optional when absent
    assert (
        reason_for(item)
        == "missing column(s) 'body'; the columns are 'link', 'title', 'date', 'text'"
    )
    custom = ReadOptions(columns={"text": "text", "title": "Title"})
    assert reason_for(item, custom) == (
        "missing column(s) 'Title'; the columns are 'link', 'title', 'date', 'text'"
    )


def test_unknown_column_field(tmp_path: Path) -> None:
    item = write(tmp_path / "t.csv", b"body\nText\n")
    assert reason_for(item, ReadOptions(columns={"text": "body", "author": "by"})) == (
        "unknown column field(s) author; allowed: title, date, text, url, source"
    )


@pytest.mark.parametrize("date", ["2024-13-01", "yesterday", "05/03/2024", ""])
def test_invalid_date_option(tmp_path: Path, date: str) -> None:
    item = write(tmp_path / "a.txt", b"Kyiv said so.")
    assert reason_for(item, ReadOptions(date=date)).startswith(
        f"invalid --date: not an ISO date: {date!r} (expected YYYY-MM-DD"
    )


def test_missing_paths_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", b"Kyiv said so.")
    missing = str(tmp_path / "missing.txt")
    pattern = str(tmp_path / "nothing-*.txt")
    items = expand_inputs([missing, good, pattern])
    assert items == [missing, good, pattern]
    assert reason_for(missing) == "no such file or directory"
    assert reason_for(pattern) == "no such file or directory (no file matches this pattern)"
    assert read_input(good).articles[0].text == "Kyiv said so."


def test_a_directory_is_not_one_input(tmp_path: Path) -> None:
    assert (
        reason_for(str(tmp_path)) == "is a directory (give it to expand_inputs to read its files)"
    )
