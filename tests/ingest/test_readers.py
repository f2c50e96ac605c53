"""Each reader alone: real text in, exact article fields out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.ingest import ReadOptions, read_input
from claimledger.ingest.base import RawInput
from claimledger.ingest.feed import read_feed
from claimledger.ingest.html import read_html
from claimledger.ingest.htmltext import html_to_text
from claimledger.ingest.seed import read_seed
from claimledger.ingest.table import read_csv, read_jsonl
from claimledger.ingest.text import NameDate, name_date, read_text
from claimledger.model import PublishedSource

BODY = (
    "Ukraine's military said on Tuesday that its drones had struck an oil depot in the Bryansk"
    " region overnight, causing a large fire.\n\n"
    '"The target was hit," a spokesman told reporters in Kyiv.'
)


def raw(data: str | bytes, name: str = "input.txt") -> RawInput:
    return RawInput(item=name, data=data.encode() if isinstance(data, str) else data, name=name)


# --- seed ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        " date 2025-06-19 Drones hit an oil depot",
        "date 2025-06-19 Drones hit an oil depot",  # typed by hand, without the leading space
        " date 2025-06-19   Drones hit an oil depot  ",
    ],
)
def test_seed_header(header: str) -> None:
    [article] = read_seed(raw(f"{header}\n\n{BODY}\n"), ReadOptions()).articles
    assert article.title == "Drones hit an oil depot"
    assert article.published == "2025-06-19"
    assert article.published_source is PublishedSource.HEADER
    assert article.text == BODY


def test_seed_header_wins_over_option_date() -> None:
    [article] = read_seed(
        raw(f" date 2025-06-19 T\n\n{BODY}"), ReadOptions(date="2024-01-01")
    ).articles
    assert article.published == "2025-06-19"


# --- plain text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "20230727T141500Z_US_en_9566156170.txt",
            NameDate("2023-07-27T14:15:00+00:00", "2023-07-27T14:15:00+00:00", "en"),
        ),
        (
            "20220128T094500Z_PL_uk_283eee190d.txt",
            NameDate("2022-01-28T09:45:00+00:00", "2022-01-28T09:45:00+00:00", "uk"),
        ),
        (
            "20230727T141500Z.txt",
            NameDate("2023-07-27T14:15:00+00:00", "2023-07-27T14:15:00+00:00"),
        ),
        ("2024-03-05-kharkiv-strike.txt", NameDate("2024-03-05")),
        ("2024-03-05.txt", NameDate("2024-03-05")),
        # an impossible month is no date, not a guess
        ("20231327T141500Z_US_en_1.txt", None),
        ("2024-02-30-report.txt", None),
        # only a leading date counts: a number inside the name is not one
        ("report-2024-03-05.txt", None),
        ("kharkiv.txt", None),
    ],
)
def test_name_date(name: str, expected: NameDate | None) -> None:
    assert name_date(name) == expected


@pytest.mark.parametrize(
    ("name", "date", "published", "source", "seen"),
    [
        ("notes.txt", None, None, PublishedSource.UNKNOWN, None),
        ("notes.txt", "2024-03-05", "2024-03-05", PublishedSource.OPTION, None),
        (
            "20230727T141500Z_US_en_9566156170.txt",
            None,
            "2023-07-27T14:15:00+00:00",
            PublishedSource.FILENAME,
            "2023-07-27T14:15:00+00:00",
        ),
        # --date overrides the file name's date; the crawl time stays as `seen`
        (
            "20230727T141500Z_US_en_9566156170.txt",
            "2023-07-26",
            "2023-07-26",
            PublishedSource.OPTION,
            "2023-07-27T14:15:00+00:00",
        ),
        ("2024-03-05-report.txt", None, "2024-03-05", PublishedSource.FILENAME, None),
    ],
)
def test_text_dates(
    name: str, date: str | None, published: str | None, source: PublishedSource, seen: str | None
) -> None:
    [article] = read_text(raw(BODY + "\r\n", name), ReadOptions(date=date)).articles
    assert (article.published, article.published_source, article.seen) == (published, source, seen)
    assert article.title is None
    assert article.text == BODY
    assert article.reader == "text"
    assert article.origin == name


# --- HTML ---------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Ukraine says drones hit oil depot | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
{meta}
<link rel="canonical" href="https://news.example.com/2023/01/02/world/ukraine-drones">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ukraine says drones hit oil depot</h1>
<p>Ukraine's military said on Tuesday that its drones had struck an oil depot in the Bryansk
region overnight, causing a large fire.</p>
<p>"The target was hit," a spokesman told reporters in Kyiv.</p>
</article>
<footer>Copyright 2021 Example News</footer></body></html>
"""


@pytest.mark.parametrize(
    ("meta", "date", "published", "source", "guess"),
    [
        (
            '<meta property="article:published_time" content="2024-03-05T08:30:00Z">',
            None,
            "2024-03-05",
            PublishedSource.METADATA,
            None,
        ),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org",'
            ' "@type": "NewsArticle", "datePublished": "2024-03-04"}</script>',
            None,
            "2024-03-04",
            PublishedSource.METADATA,
            None,
        ),
        # no metadata date: the date in the canonical URL is only a guess
        ("", None, None, PublishedSource.UNKNOWN, "2023-01-02"),
        # --date fills in where the page has no date of its own; the guess is kept beside it
        ("", "2023-01-03", "2023-01-03", PublishedSource.OPTION, "2023-01-02"),
        # a page's own metadata date wins over --date
        (
            '<meta property="article:published_time" content="2024-03-05T08:30:00Z">',
            "2023-01-03",
            "2024-03-05",
            PublishedSource.METADATA,
            None,
        ),
    ],
)
def test_html_dates(
    meta: str, date: str | None, published: str | None, source: PublishedSource, guess: str | None
) -> None:
    page = PAGE.format(meta=meta)
    [article] = read_html(raw(page, "page.html"), ReadOptions(date=date)).articles
    assert (article.published, article.published_source) == (published, source)
    assert article.published_guess == guess


def test_html_fields() -> None:
    [article] = read_html(raw(PAGE.format(meta=""), "page.html"), ReadOptions()).articles
    assert article.title == "Ukraine says drones hit oil depot"
    assert article.text == BODY  # the headline is not repeated, nor navigation and footer
    assert article.source == "Example News"
    assert article.author == "Jane Doe"
    assert article.url == "https://news.example.com/2023/01/02/world/ukraine-drones"
    assert article.reader == "html"


def test_html_copyright_footer_is_only_a_guess() -> None:
    canonical = PAGE.split("\n")[6]
    assert canonical.startswith('<link rel="canonical"')
    page = PAGE.format(meta="").replace(canonical, "")
    page = page.replace("Copyright 2021", "Published 14 February 2022")
    [article] = read_html(raw(page, "page.html"), ReadOptions()).articles
    assert article.published is None
    assert article.published_guess == "2022-02-14"


def test_mildly_broken_html_still_reads() -> None:
    page = (
        "<html><head><title>Ceasefire talks</title><body><p>Negotiators met in Istanbul on"
        " Monday <b>to discuss a ceasefire.<p>They will meet again next week.</div></span>"
    )
    [article] = read_html(raw(page, "broken.html"), ReadOptions()).articles
    assert article.title == "Ceasefire talks"
    assert "Negotiators met in Istanbul on Monday" in article.text
    assert "They will meet again next week." in article.text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>One <b>bold</b> claim.</p><p>Second.</p>", "One bold claim.\n\nSecond."),
        ("Line one<br>line two", "Line one\nline two"),
        ("<div>A &amp; B&nbsp;said</div><script>var x = 1;</script>", "A & B said"),
        ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
    ],
)
def test_html_to_text(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected


# --- feeds --------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Example Wire</title><link>https://wire.example/</link><language>en-us</language>
<item>
  <title>Talks resume in Geneva</title>
  <link>https://wire.example/talks</link>
  <pubDate>Tue, 05 Mar 2024 08:30:00 +0200</pubDate>
  <author>desk@wire.example (Jane Doe)</author>
  <description>&lt;p&gt;Delegations met in &lt;b&gt;Geneva&lt;/b&gt; on Monday.&lt;/p&gt;
  &lt;p&gt;"We made progress," one envoy said.&lt;/p&gt;</description>
</item>
<item><title>A link without text</title><link>https://wire.example/empty</link></item>
<item>
  <title>Undated brief</title>
  <description>Grain exports rose 12% in February.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kyiv Desk</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-03-06T10:00:00Z</updated>
  <entry>
    <title type="html">Strike on &lt;em&gt;Odesa&lt;/em&gt; port</title>
    <link href="https://kyiv.example/odesa"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2024-03-06T01:15:00+02:00</published>
    <updated>2024-03-06T09:00:00Z</updated>
    <author><name>Olena Petrenko</name></author>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;A missile hit the port of Odesa overnight.&lt;/p&gt;
      &lt;p&gt;Two people were injured, the governor said.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Only updated</title>
    <id>urn:uuid:2</id>
    <updated>2024-03-05T18:00:00Z</updated>
    <summary type="text">Power was restored to 4,000 homes.</summary>
  </entry>
</feed>
"""


def test_rss_feed() -> None:
    result = read_feed(raw(RSS, "wire.rss"), ReadOptions())
    talks, undated = result.articles
    assert talks.title == "Talks resume in Geneva"
    assert (
        talks.text == 'Delegations met in Geneva on Monday.\n\n"We made progress," one envoy said.'
    )
    # the publisher's local offset is kept: it decides which day "yesterday" was
    assert talks.published == "2024-03-05T08:30:00+02:00"
    assert talks.published_source is PublishedSource.FEED
    assert (talks.url, talks.source, talks.author) == (
        "https://wire.example/talks",
        "Example Wire",
        "Jane Doe",
    )
    assert talks.origin == "wire.rss#entry=1"
    assert talks.reader == "feed"
    assert (undated.published, undated.published_source) == (None, PublishedSource.UNKNOWN)
    assert undated.text == "Grain exports rose 12% in February."
    assert [str(problem) for problem in result.problems] == [
        "wire.rss#entry=2: entry has no content or summary; skipped"
    ]


def test_atom_feed() -> None:
    result = read_feed(raw(ATOM, "desk.atom"), ReadOptions())
    assert result.problems == []
    odesa, updated = result.articles
    assert odesa.title == "Strike on Odesa port"
    assert odesa.text == (
        "A missile hit the port of Odesa overnight.\n\nTwo people were injured, the governor said."
    )
    assert odesa.published == "2024-03-06T01:15:00+02:00"  # published, not updated
    assert (odesa.url, odesa.source, odesa.author) == (
        "https://kyiv.example/odesa",
        "Kyiv Desk",
        "Olena Petrenko",
    )
    assert updated.published == "2024-03-05T18:00:00+00:00"
    assert updated.text == "Power was restored to 4,000 homes."


# --- tables -------------------------------------------------------------------------------

CSV = (
    "link,headline,date,body\r\n"
    "https://example.org/1,First release,2022-06-24T17:30:00Z,"
    '"Body one.\r\n\r\nSecond paragraph."\r\n'
    "https://example.org/2,No date,,Body two.\r\n"
    "https://example.org/3,Bad date,yesterday,Body three.\r\n"
    "https://example.org/4,Empty body,2022-06-25,\r\n"
)


def test_csv_rows() -> None:
    result = read_csv(raw(CSV, "releases.csv"), ReadOptions())
    first, undated, bad_date = result.articles
    assert (first.title, first.published, first.url) == (
        "First release",
        "2022-06-24T17:30:00+00:00",
        "https://example.org/1",
    )
    assert first.text == "Body one.\n\nSecond paragraph."
    assert first.origin == "releases.csv#row=1"
    assert first.published_source is PublishedSource.COLUMN
    assert (undated.published, undated.published_source) == (None, PublishedSource.UNKNOWN)
    assert bad_date.published is None
    assert [str(problem) for problem in result.problems] == [
        "releases.csv#row=3: not an ISO date: 'yesterday'; date left unknown",
        "releases.csv#row=4: empty 'body'; row skipped",
    ]


def test_csv_column_mapping() -> None:
    data = "Title,When,Story,Outlet\nStrike,2024-03-05,A depot burned.,Wire\n"
    columns = {"title": "Title", "date": "When", "text": "Story", "source": "Outlet"}
    [article] = read_csv(raw(data, "t.csv"), ReadOptions(columns=columns)).articles
    assert (article.title, article.published, article.text, article.source, article.url) == (
        "Strike",
        "2024-03-05",
        "A depot burned.",
        "Wire",
        None,
    )


def test_csv_field_larger_than_default_limit() -> None:
    body = "word " * 60_000  # 300 kB, over csv's default 128 kB field limit
    [article] = read_csv(raw(f"headline,body\nLong,{body}\n", "long.csv"), ReadOptions()).articles
    assert len(article.text) == len(body.strip())


def test_jsonl_rows() -> None:
    data = (
        '{"headline": "First", "date": "2024-03-05", "body": "Text one.", "link": "https://a/1"}\n'
        "\n"
        "not json\n"
        '{"headline": "Second", "body": "Text two."}\n'
    )
    result = read_jsonl(raw(data, "rows.jsonl"), ReadOptions())
    first, second = result.articles
    assert (first.title, first.published, first.url, first.origin) == (
        "First",
        "2024-03-05",
        "https://a/1",
        "rows.jsonl#row=1",
    )
    assert (second.title, second.published, second.origin) == ("Second", None, "rows.jsonl#row=4")
    assert [problem.item for problem in result.problems] == ["rows.jsonl#row=3"]


def test_tables_through_registry(tmp_path: Path) -> None:
    (tmp_path / "a.ndjson").write_text('{"body": "Text.", "headline": "T"}\n', encoding="utf-8")
    [article] = read_input(str(tmp_path / "a.ndjson")).articles
    assert (article.title, article.text, article.reader) == ("T", "Text.", "table")


def test_date_option_dates_rows_and_entries_without_one(tmp_path: Path) -> None:
    table = tmp_path / "rows.csv"
    table.write_text("headline,body\nTalks,Kyiv said talks would resume.\n", encoding="utf-8")
    (article,) = read_input(str(table), ReadOptions(date="2025-03-03")).articles
    assert (article.published, str(article.published_source)) == ("2025-03-03", "option")
    feed = tmp_path / "f.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>A</title><description>Kyiv said so.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (entry,) = read_input(str(feed), ReadOptions(date="2025-03-03")).articles
    assert (entry.published, str(entry.published_source)) == ("2025-03-03", "option")


def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    rows = [{"headline": "A", "body": "First\u2028still first."}, {"headline": "B", "body": "Two."}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    result = read_input(str(path))
    assert result.problems == []
    assert [a.title for a in result.articles] == ["A", "B"]
