"""The versioned schema: registered migrations, each applied in one transaction and recorded.

A database records every applied step in the ``migrations`` table; opening an older database
applies the missing steps in order. Steps are never edited once released: change the schema by
registering the next version.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from claimledger.store.errors import StoreError
from claimledger.store.near_duplicates import (
    Fingerprint,
    find_near_duplicates,
    record_near_duplicates,
)

Migration = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True, slots=True)
class Step:
    version: int
    name: str
    apply: Migration


def utc_now() -> str:
    """The current UTC time as ISO 8601 with seconds, the store's timestamp format."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def execute_statements(conn: sqlite3.Connection, script: str) -> None:
    """Run a multi-statement script inside the caller's transaction.

    ``Connection.executescript`` would COMMIT first, which breaks a migration's atomicity.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement at the end of a script: {pending.strip()!r}")


class Migrations:
    """An ordered registry of schema migrations numbered 1, 2, 3, ..."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    def register(self, version: int, name: str) -> Callable[[Migration], Migration]:
        """Decorator registering ``fn(conn)`` as the step to schema ``version``."""

        def decorate(fn: Migration) -> Migration:
            expected = len(self._steps) + 1
            if version != expected:
                raise ValueError(
                    f"migration {name!r} has version {version}; the next version must be {expected}"
                )
            self._steps.append(Step(version, name, fn))
            return fn

        return decorate

    @property
    def latest(self) -> int:
        return len(self._steps)

    def current_version(self, conn: sqlite3.Connection) -> int:
        """The highest applied version; 0 for a database without a migrations table."""
        if not _has_table(conn, "migrations"):
            return 0
        row = conn.execute("SELECT max(version) FROM migrations").fetchone()
        return int(row[0] or 0)

    def apply(self, conn: sqlite3.Connection, target: int | None = None) -> list[int]:
        """Apply the missing steps up to ``target`` (default: latest); return those applied."""
        if conn.isolation_level is not None:
            raise ValueError("migrations need a connection opened with isolation_level=None")
        target = self.latest if target is None else target
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = self.current_version(conn)
        if current > self.latest:
            raise StoreError(
                f"the database has schema version {current} but this claimledger knows only up"
                f" to {self.latest}; upgrade claimledger to open it"
            )
        applied = []
        for step in self._steps[current:target]:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:  # another process holds the write lock
                raise StoreError(
                    f"cannot apply migration {step.version} ({step.name}): {exc}; try again"
                ) from exc
            try:
                # Another process may have applied the step since we looked.
                if self.current_version(conn) >= step.version:
                    conn.execute("ROLLBACK")
                    continue
                step.apply(conn)
                conn.execute(
                    "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (step.version, step.name, utc_now()),
                )
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"migration {step.version} ({step.name}) failed: {exc}; the database is"
                        f" unchanged at version {step.version - 1}"
                    ) from exc
                raise
            applied.append(step.version)
        return applied


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def check_is_store(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a SQLite file that holds tables but no migrations table (someone else's data)."""
    if _has_table(conn, "migrations"):
        return
    tables = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    if tables:
        raise StoreError(
            f"{path} is a SQLite database but not a claimledger store (it has tables"
            f" {', '.join(tables)}); choose a new or claimledger file"
        )


MIGRATIONS = Migrations()


@MIGRATIONS.register(1, "articles, sightings, annotations and full-text index")
def _create_core_tables(conn: sqlite3.Connection) -> None:
    execute_statements(
        conn,
        """
        -- seq is the rowid the FTS index points at: an INTEGER PRIMARY KEY survives VACUUM,
        -- the implicit rowid of a table keyed by TEXT does not.
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT,
            text TEXT NOT NULL,
            published TEXT,
            published_source TEXT NOT NULL,
            published_guess TEXT,
            source TEXT,
            url TEXT,
            language TEXT,
            author TEXT,
            reader TEXT NOT NULL,
            origin TEXT,
            seen TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_by_published ON articles (published IS NULL, published, id);

        CREATE TABLE sightings (
            seq INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            origin TEXT,
            seen TEXT,
            published TEXT,
            reader TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        -- Each origin is recorded once per article; an unknown origin counts as one origin.
        CREATE UNIQUE INDEX sightings_once ON sightings (article_id, ifnull(origin, ''));

        CREATE TABLE annotations (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            data TEXT NOT NULL CHECK (json_valid(data)),
            PRIMARY KEY (article_id, layer, idx)
        ) WITHOUT ROWID;

        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, text,
            content = 'articles', content_rowid = 'seq',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        """,
    )


@MIGRATIONS.register(2, "near-duplicate links and MinHash LSH bands")
def _add_near_duplicates(conn: sqlite3.Connection) -> None:
    execute_statements(
        conn,
        """
        ALTER TABLE articles ADD COLUMN duplicate_of TEXT
            REFERENCES articles (id) ON DELETE SET NULL;
        CREATE INDEX articles_by_duplicate_of ON articles (duplicate_of);

        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            PRIMARY KEY (band, bucket, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX minhash_bands_by_article ON minhash_bands (article_id);

        -- article_id is the later article, other_id the earlier one it nearly repeats.
        CREATE TABLE article_links (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            other_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('near_duplicate')),
            similarity REAL NOT NULL CHECK (similarity BETWEEN 0 AND 1),
            PRIMARY KEY (article_id, other_id, kind)
        ) WITHOUT ROWID;
        CREATE INDEX article_links_by_other ON article_links (other_id);
        """,
    )
    # Articles stored before this version get bands and links as if ingested now, in order.
    rows = conn.execute("SELECT id, text FROM articles ORDER BY seq").fetchall()
    for article_id, text in rows:
        fingerprint = Fingerprint.of(str(text))
        matches = find_near_duplicates(conn, fingerprint)
        record_near_duplicates(conn, str(article_id), fingerprint, matches)


@MIGRATIONS.register(3, "ledger: entities, user edits, claim facts and groups")
def _add_ledger_tables(conn: sqlite3.Connection) -> None:
    # Articles stored before this version are indexed by the Ledger when it next opens them
    # (they have no ledger_indexed row), so the step itself moves no data.
    execute_statements(
        conn,
        """
        CREATE TABLE ledger_entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            mentions INTEGER NOT NULL DEFAULT 0,
            articles INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;

        -- Surface forms seen for each raw entity id ("DPRK", "Pyongyang" for country:PRK).
        CREATE TABLE ledger_entity_names (
            norm TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            surface TEXT NOT NULL,
            PRIMARY KEY (norm, entity_id)
        ) WITHOUT ROWID;

        -- Automatic links only: raw_id was matched by name to canonical_id with score (0-100).
        CREATE TABLE ledger_entity_links (
            raw_id TEXT PRIMARY KEY,
            canonical_id TEXT NOT NULL,
            score REAL NOT NULL
        ) WITHOUT ROWID;

        -- User edits, replayed in order over the automatic links.
        CREATE TABLE ledger_entity_edits (
            seq INTEGER PRIMARY KEY,
            op TEXT NOT NULL CHECK (op IN ('merge', 'split', 'alias')),
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            made_at TEXT NOT NULL
        );

        CREATE TABLE ledger_groups (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary)),
            findings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(findings)),
            conflicts INTEGER NOT NULL DEFAULT 0,
            stale INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX ledger_groups_stale ON ledger_groups (stale) WHERE stale = 1;

        CREATE TABLE ledger_facts (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            group_id INTEGER NOT NULL REFERENCES ledger_groups (id),
            data TEXT NOT NULL CHECK (json_valid(data)),
            PRIMARY KEY (article_id, claim_id)
        ) WITHOUT ROWID;
        CREATE INDEX ledger_facts_by_group ON ledger_facts (group_id);

        CREATE TABLE ledger_indexed (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            indexed_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    )
