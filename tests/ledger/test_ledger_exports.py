"""Exports: CSV and Parquet tables, TimeML, brat, PLOVER-style events."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimledger.ledger import Ledger
from claimledger.ledger.exports import TABLES, ExportError, brat, timeml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ledger(seed_path: Path) -> Iterator[Ledger]:
    with Ledger(":memory:") as ledger:
        ledger.ingest([str(seed_path), str(REPO / "examples" / "*shells*.txt")])
        yield ledger


def test_csv_tables(ledger: Ledger, tmp_path: Path) -> None:
    written = ledger.export_tables(tmp_path, "csv")
    assert [p.name for p in written] == [f"{name}.csv" for name in TABLES]
    with (tmp_path / "claims.csv").open(encoding="utf-8") as handle:
        claims = list(csv.DictReader(handle))
    stats = ledger.stats()
    assert len(claims) == stats["claims"]
    assert {"article_id", "id", "type", "actors", "group", "start", "end"} <= set(claims[0])
    assert all(row["group"] for row in claims)  # every claim belongs to a group
    with (tmp_path / "attributions.csv").open(encoding="utf-8") as handle:
        attributions = list(csv.DictReader(handle))
    assert len(attributions) == stats["attributions"]
    assert {"source_text", "cue_text", "content_start"} <= set(attributions[0])
    with (tmp_path / "groups.csv").open(encoding="utf-8") as handle:
        groups = list(csv.DictReader(handle))
    assert len(groups) == len(ledger.groups())


def test_parquet_tables(ledger: Ledger, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    ledger.export_tables(tmp_path, "parquet")
    table = pq.read_table(tmp_path / "mentions.parquet")
    assert table.num_rows == ledger.stats()["mentions"]
    assert "canonical" in table.column_names


def test_parquet_without_pyarrow_names_the_extra(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ExportError, match=r"claimledger\[parquet\]"):
        ledger.export_tables(tmp_path, "parquet")
    with pytest.raises(ExportError, match="use csv or parquet"):
        ledger.export_tables(tmp_path, "xlsx")


def test_timeml_tags_every_time_expression(ledger: Ledger) -> None:
    [row] = [r for r in ledger.articles() if r.published == "2025-04-15"]
    document = ledger.document(row.id)
    assert document is not None
    tml = timeml(document)
    assert '<DCT><TIMEX3 tid="t0" type="DATE" value="2025-04-15"' in tml
    assert tml.count("<TIMEX3 ") == len(document.timexes) + 1
    assert '<TIMEX3 tid="t1" type="DATE" value="2023-SU"' in tml
    # the text between tags is the article's
    plain = tml.split("<TEXT>")[1].split("</TEXT>")[0]
    assert re.sub(r"<[^>]+>", "", plain) == document.article.text


def test_brat_standoff_for_attributions(ledger: Ledger) -> None:
    document = next(ledger.documents())
    text, ann = brat(document)
    assert text == document.article.text
    lines = ann.splitlines()
    events = [line for line in lines if line.startswith("E")]
    assert len(events) == len(document.attributions)
    for line in lines:
        if line.startswith("T"):
            _, span, fragment = line.split("\t")
            _, start, end = span.split(" ")
            assert " ".join(text[int(start) : int(end)].split()) == fragment


def test_plover_events(ledger: Ledger) -> None:
    events = ledger.events()
    assert len(events) == ledger.stats()["claims"]
    reuters = [e for e in events if e["attributed_to"] == "Reuters"]
    assert reuters and all(e["event_type"] == "AID" for e in reuters)
    first = reuters[0]
    assert [a["id"] for a in first["source_actor"]] == ["country:PRK"]
    assert [a["id"] for a in first["target_actor"]] == ["country:RUS"]
    assert first["quantity"]["high"] == 6e6
    json.dumps(events)  # plain JSON
