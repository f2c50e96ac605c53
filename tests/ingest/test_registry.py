"""Picking readers and expanding inputs."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from claimledger.ingest import ReadError, ReadOptions, expand_inputs, read_input

HTML = (
    b"<!DOCTYPE html><html><head><title>T</title></head>"
    b"<body><p>Kyiv said talks would resume.</p></body></html>"
)
RSS = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title>"
    b"<item><title>I</title><description>Talks resumed.</description></item></channel></rss>"
)
XHTML = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
    b"<head><title>T</title></head><body><p>Kyiv said talks would resume.</p></body></html>"
)
SEED = b" date 2024-03-05 Talks resume\n\nKyiv said talks would resume.\n"


def tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_directories_expand_recursively_sorted_and_skip_hidden(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            "b.txt": b"B.",
            "a.html": HTML,
            "sub/c.csv": b"body\nC.\n",
            "sub/deeper/d.atom": RSS,
            "sub/image.png": b"\x89PNG",  # directories yield known extensions only
            ".hidden.txt": b"H.",
            ".git/config.txt": b"G.",
            "Z.TXT": b"Z.",
        },
    )
    root = str(tmp_path)
    assert expand_inputs([root]) == [
        f"{root}/Z.TXT",
        f"{root}/a.html",
        f"{root}/b.txt",
        f"{root}/sub/c.csv",
        f"{root}/sub/deeper/d.atom",
    ]


def test_globs_urls_and_duplicates(tmp_path: Path) -> None:
    tree(tmp_path, {"x/1.txt": b"1.", "x/2.txt": b"2.", "x/y/3.txt": b"3.", "x/4.html": HTML})
    root = str(tmp_path)
    items = expand_inputs(
        [f"{root}/x/**/*.txt", "https://example.org/feed", f"{root}/x/1.txt", f"{root}/x"]
    )
    assert items == [
        f"{root}/x/1.txt",
        f"{root}/x/2.txt",
        f"{root}/x/y/3.txt",
        "https://example.org/feed",
        f"{root}/x/4.html",
    ]


@pytest.mark.parametrize(
    ("name", "data", "reader"),
    [
        ("a.txt", b"Kyiv said talks would resume.", "text"),
        ("a.txt", SEED, "seed"),  # a .txt file in the seed format
        ("a.text", SEED.lstrip(), "seed"),
        ("a.htm", HTML, "html"),
        ("a.xml", RSS, "feed"),
        ("a.rss", RSS, "feed"),
        ("page.xml", XHTML, "html"),  # .xml is a feed unless it is XHTML
        # other extensions and none: the content decides
        ("page.php", HTML, "html"),
        ("feed", RSS, "feed"),
        ("notes.md", b"Kyiv said talks would resume.", "text"),
        ("README", SEED, "seed"),
    ],
)
def test_reader_by_extension_then_content(
    tmp_path: Path, name: str, data: bytes, reader: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = read_input(str(path))
    assert [article.reader for article in result.articles] == [reader]


def test_unknown_binary_extension_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "scan.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(ReadError, match=r"scan\.docx: binary file \(ZIP"):
        read_input(str(path))


def test_mildly_broken_feed_reads_with_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_bytes(RSS.replace(b"</channel></rss>", b"</channel>"))
    result = read_input(str(path))
    assert [article.text for article in result.articles] == ["Talks resumed."]
    [problem] = result.problems
    assert problem.item == str(path) and problem.reason.startswith("feed is not well-formed")


def test_options_and_errors_pickle_for_worker_processes() -> None:
    options = ReadOptions(date="2024-03-05", columns={"text": "story"})
    assert pickle.loads(pickle.dumps(options)) == options
    assert pickle.loads(pickle.dumps(ReadOptions())) == ReadOptions()
    error = pickle.loads(pickle.dumps(ReadError("a.txt", "empty file")))
    assert (str(error), error.item, error.reason) == ("a.txt: empty file", "a.txt", "empty file")
