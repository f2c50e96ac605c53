"""Migration 3's ledger tables and their row access; older stores are indexed on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimledger import analyze
from claimledger.ledger import Ledger
from claimledger.store import MIGRATIONS, Store

TEXT = (
    "North Korea has transferred up to 6 million artillery shells to Russia since the summer"
    " of 2023, Reuters reported on Tuesday."
)


def test_ledger_tables_exist() -> None:
    with Store(":memory:") as store:
        names = {
            str(row[0])
            for row in store._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    assert {
        "ledger_entities",
        "ledger_entity_names",
        "ledger_entity_links",
        "ledger_entity_edits",
        "ledger_groups",
        "ledger_facts",
        "ledger_indexed",
    } <= names


def test_group_ids_facts_and_staleness() -> None:
    with Store(":memory:") as store:
        document = analyze(TEXT, published="2025-04-15")
        store.add(document)
        tables = store.ledger_tables()
        with tables.transaction():
            group = tables.group_id("transfer|shell|country:PRK|")
            assert tables.group_id("transfer|shell|country:PRK|") == group
            tables.add_facts(document.article.id, [("c1", group, {"claim_id": "c1"})])
            tables.mark_indexed(document.article.id)
        assert tables.stale_groups() == [group]
        assert tables.group_facts(group) == [{"claim_id": "c1"}]
        assert tables.unindexed_articles() == []
        with tables.transaction():
            tables.save_group(group, {"members": 1}, [], 0)
        assert tables.stale_groups() == []
        [row] = tables.groups()
        assert (row.id, row.summary, row.conflicts) == (group, {"members": 1}, 0)


def test_edits_are_stored_in_order() -> None:
    with Store(":memory:") as store:
        tables = store.ledger_tables()
        with tables.transaction():
            tables.add_edit("merge", "person:a", "person:b")
            tables.add_edit("split", "person:a", "person:b")
        assert tables.edits() == [
            ("merge", "person:a", "person:b"),
            ("split", "person:a", "person:b"),
        ]


def test_articles_stored_before_the_ledger_are_indexed_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS.apply(conn, target=2)
    conn.close()
    with Store(path) as store:  # migrated to the latest; the article has no ledger rows yet
        store.add(analyze(TEXT, published="2025-04-15"))
        assert store.ledger_tables().unindexed_articles() != []
    with Ledger(path) as ledger:
        groups = ledger.groups()
        assert ledger.store.ledger_tables().unindexed_articles() == []
    assert [g["sources"] for g in groups if "shell" in g["label"]] == ["Reuters"]
