from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimledger import analyze
from claimledger.model import normalize_text
from claimledger.store import MIGRATIONS, Migrations, Store, StoreError
from claimledger.store.migrations import execute_statements

MACRON = "ukraine-news/20220125T090000Z_GB_en_7d015e6984.txt"


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _applied(path: Path) -> list[tuple[int, str]]:
    with _connect(path) as conn:
        return [(v, n) for v, n in conn.execute("SELECT version, name FROM migrations")]


def test_new_store_has_every_migration_recorded(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Store(path) as store:
        assert store.schema_version() == MIGRATIONS.latest == 3
    assert _applied(path) == [
        (1, "articles, sightings, annotations and full-text index"),
        (2, "near-duplicate links and MinHash LSH bands"),
        (3, "ledger: entities, user edits, claim facts and groups"),
    ]
    with Store(path) as store:  # reopening applies nothing twice
        assert store.schema_version() == 3
    assert len(_applied(path)) == 3


def test_memory_store_is_migrated() -> None:
    with Store(":memory:") as store:
        assert store.schema_version() == MIGRATIONS.latest


def test_file_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Store(path) as store:
        # foreign_keys is a per-connection setting: only the store's own connection shows it.
        assert store._conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with _connect(path) as conn:  # the journal mode is persistent
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _insert_v1_article(conn: sqlite3.Connection, article_id: str, text: str) -> None:
    conn.execute(
        "INSERT INTO articles (id, title, text, published_source, reader, ingested_at)"
        " VALUES (?, NULL, ?, 'unknown', 'text', '2026-01-01T00:00:00+00:00')",
        (article_id, text),
    )


def test_old_database_is_migrated_and_backfilled(tmp_path: Path, shared: Path) -> None:
    text = normalize_text((shared / "corpus" / MACRON).read_text(encoding="utf-8"))
    edited = text.replace("Berlin", "Paris")
    path = tmp_path / "old.db"
    with _connect(path) as conn:
        assert MIGRATIONS.apply(conn, target=1) == [1]
        _insert_v1_article(conn, "original", text)
        _insert_v1_article(conn, "edited", edited)
    conn.close()

    with Store(path) as store:
        assert store.schema_version() == 3
        # The migration linked the two stored articles and indexed their bands ...
        rows = {row.id: row.duplicate_of for row in store.articles()}
        assert rows == {"original": None, "edited": "original"}
        assert [other for other, _ in store.near_duplicates("original")] == ["edited"]
        # ... so a third copy added now is found through the backfilled bands.
        third = analyze(text.replace("on Friday", "on Sunday"))
        result = store.add(third)
        assert (result.status, result.duplicate_of) == ("near_duplicate", "original")
        assert store.search("Macron")[0].article_id in {"original", "edited", third.article.id}
    assert [v for v, _ in _applied(path)] == [1, 2, 3]


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    with _connect(path) as conn:
        conn.execute("INSERT INTO migrations VALUES (4, 'from the future', '2030-01-01')")
    conn.close()
    with pytest.raises(StoreError, match=r"schema version 4 .* knows only up to 3; upgrade"):
        Store(path)


def test_failed_migration_leaves_previous_version(tmp_path: Path) -> None:
    steps = Migrations()

    @steps.register(1, "create notes")
    def _notes(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE notes (body TEXT)")

    @steps.register(2, "broken")
    def _broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE tags (name TEXT)")
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    with _connect(tmp_path / "x.db") as conn:
        with pytest.raises(StoreError, match=r"migration 2 \(broken\) failed: .*version 1"):
            steps.apply(conn)
        assert steps.current_version(conn) == 1
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "notes" in tables
        assert "tags" not in tables  # the failed step's first statement was rolled back
    conn.close()


@pytest.mark.parametrize(("version", "message"), [(2, "next version must be 1"), (0, "be 1")])
def test_migrations_are_numbered_in_order(version: int, message: str) -> None:
    steps = Migrations()
    with pytest.raises(ValueError, match=message):
        steps.register(version, "out of order")(lambda conn: None)


def test_migrations_need_an_autocommit_connection(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db")
    with pytest.raises(ValueError, match="isolation_level=None"):
        MIGRATIONS.apply(conn)
    conn.close()


def test_execute_statements_keeps_triggers_whole() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    execute_statements(
        conn,
        """
        CREATE TABLE log (n INTEGER); -- a comment; with a semicolon
        CREATE TABLE item (n INTEGER);
        CREATE TRIGGER item_log AFTER INSERT ON item BEGIN
            INSERT INTO log VALUES (new.n);
            INSERT INTO log VALUES (new.n * 10);
        END;
        """,
    )
    conn.execute("INSERT INTO item VALUES (2)")
    assert conn.execute("SELECT n FROM log ORDER BY n").fetchall() == [(2,), (20,)]
    with pytest.raises(ValueError, match="incomplete SQL statement"):
        execute_statements(conn, "CREATE TABLE half (n INTEGER)")
    conn.close()


def test_refuses_what_is_not_a_store(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with _connect(other) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match=r"not a claimledger store .*customers"):
        Store(other)
    with _connect(other) as conn:  # refused untouched: still in its own journal mode
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database at all, just some text " * 100)
    with pytest.raises(StoreError, match=r"cannot open store .*notes\.txt"):
        Store(text_file)
    with pytest.raises(StoreError, match="does not exist; create it first"):
        Store(tmp_path / "missing" / "ledger.db")
    with pytest.raises(StoreError, match="it is a folder"):
        Store(tmp_path)
