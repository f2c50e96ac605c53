"""The Store: articles, their annotation layers, sightings, near-duplicates and full-text search."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from claimledger.model import LAYERS, SCHEMA, Article, Document, OffsetError
from claimledger.store.errors import StoreError
from claimledger.store.ledger_tables import LedgerTables
from claimledger.store.migrations import MIGRATIONS, check_is_store, utc_now
from claimledger.store.near_duplicates import (
    NEAR_DUPLICATE,
    Fingerprint,
    find_near_duplicates,
    record_near_duplicates,
)

MEMORY = ":memory:"
MIN_PREFIX = 4
# Article columns in Article field order; origin/seen/ingested_at are not Document keys.
_ARTICLE_COLUMNS = (*Document.ARTICLE_KEYS, "origin", "seen")
_ROW_COLUMNS = (
    "id",
    "title",
    "published",
    "published_source",
    "source",
    "url",
    "reader",
    "origin",
    "seen",
    "ingested_at",
    "duplicate_of",
)
# Unknown dates sort after known ones; ISO strings of one form sort chronologically.
_ARTICLE_ORDER = "published IS NULL, published, id"


@dataclass(frozen=True)
class AddResult:
    """What ``Store.add`` did: "added", "duplicate" (same id, nothing stored but the sighting)
    or "near_duplicate" (stored, linked to ``duplicate_of`` with shingle Jaccard ``similarity``)."""

    status: str
    article_id: str
    duplicate_of: str | None
    similarity: float | None


@dataclass(frozen=True)
class ArticleRow:
    """One line of the article list: metadata and the number of records per layer."""

    id: str
    title: str | None
    published: str | None
    published_source: str
    source: str | None
    url: str | None
    reader: str
    origin: str | None
    seen: str | None
    ingested_at: str
    duplicate_of: str | None
    counts: dict[str, int]


@dataclass(frozen=True)
class SearchHit:
    """A full-text match: ``snippet`` marks hits with [ and ]; a higher ``rank`` is better."""

    article_id: str
    title: str | None
    snippet: str
    rank: float


class Store:
    """A claimledger SQLite database; ``":memory:"`` gives a private in-memory one."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != MEMORY:
            file = Path(path)
            if not file.parent.is_dir():
                raise StoreError(
                    f"cannot open store {file}: folder {file.parent} does not exist;"
                    " create it first"
                )
            if file.is_dir():
                raise StoreError(f"cannot open store {file}: it is a folder; give a file name")
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        try:
            self._configure()
            MIGRATIONS.apply(self._conn)
        except BaseException:
            self._conn.close()
            raise

    def _configure(self) -> None:
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            # Checked before switching to WAL, which would change someone else's file.
            check_is_store(self._conn, self.path)
            if self.path != MEMORY:
                # WAL lets readers (the CLI, a notebook) work while an ingest writes;
                # synchronous=NORMAL is durable enough in WAL mode and much faster per commit.
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.OperationalError as exc:  # e.g. locked by another writer
            raise StoreError(f"cannot open store {self.path}: {exc}; try again") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open store {self.path}: {exc}; give a claimledger database or a new file"
            ) from exc

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def ledger_tables(self) -> LedgerTables:
        """Row access to the cross-article ledger tables (used by ``claimledger.ledger``)."""
        return LedgerTables(self._conn)

    def schema_version(self) -> int:
        return MIGRATIONS.current_version(self._conn)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:  # a failed COMMIT may leave the transaction open
                self._conn.execute("ROLLBACK")
            raise

    # --- writing -----------------------------------------------------------------------------

    def add(self, document: Document) -> AddResult:
        """Store an analysed article whole in one transaction, or raise StoreError, storing nothing.

        An article already stored (same id) only gains a sighting of its origin.
        """
        article = document.article
        try:
            document.check_offsets()
        except OffsetError as exc:
            raise StoreError(f"article {article.id}: not stored, bad offsets: {exc}") from exc
        data = document.to_dict()
        try:
            with self._transaction() as conn:
                if self._exists(article.id):
                    _record_sighting(conn, article)
                    return AddResult("duplicate", article.id, None, None)
                fingerprint = Fingerprint.of(article.text)
                matches = find_near_duplicates(conn, fingerprint)
                _insert_article(conn, article)
                _record_sighting(conn, article)
                for layer in LAYERS:
                    _insert_layer(conn, article.id, layer, data[layer])
                record_near_duplicates(conn, article.id, fingerprint, matches)
        except (sqlite3.Error, TypeError, ValueError) as exc:
            raise StoreError(f"article {article.id}: not stored: {exc}") from exc
        if matches:
            other_id, similarity = matches[0]
            return AddResult(NEAR_DUPLICATE, article.id, other_id, similarity)
        return AddResult("added", article.id, None, None)

    def _exists(self, article_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    # --- reading -----------------------------------------------------------------------------

    def resolve(self, ref: str) -> str | None:
        """The id of the article ``ref`` names: a full id or a unique prefix of >= 4 characters."""
        ref = ref.strip().lower()  # ids are lowercase hex; "3A7B" is a typo-free way to say it
        if self._exists(ref):
            return ref
        if len(ref) < MIN_PREFIX:
            raise StoreError(
                f"article reference {ref!r} is too short; give at least {MIN_PREFIX} characters"
            )
        # A range scan on the id index; chr(0x10FFFF) sorts after every character.
        ids = [
            str(row[0])
            for row in self._conn.execute(
                "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 11",
                (ref, ref + chr(0x10FFFF)),
            )
        ]
        if len(ids) > 1:
            shown = ", ".join(ids[:10]) + (", ..." if len(ids) > 10 else "")
            raise StoreError(
                f"article reference {ref!r} is ambiguous: it starts {shown}; give more characters"
            )
        return ids[0] if ids else None

    def get_article(self, ref: str) -> Article | None:
        article_id = self.resolve(ref)
        if article_id is None:
            return None
        return Document.from_dict(self._document_dict(article_id, layers=False)).article

    def get_document(self, ref: str) -> Document | None:
        article_id = self.resolve(ref)
        if article_id is None:
            return None
        return Document.from_dict(self._document_dict(article_id, layers=True))

    def _document_dict(self, article_id: str, *, layers: bool) -> dict[str, Any]:
        """The stored article as ``Document.to_dict()`` output, plus origin and seen."""
        row = self._conn.execute(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "article": dict(zip(_ARTICLE_COLUMNS, row, strict=True)),
        }
        if layers:
            for layer in LAYERS:
                data[layer] = []
            for layer, record in self._conn.execute(
                "SELECT layer, data FROM annotations WHERE article_id = ? ORDER BY layer, idx",
                (article_id,),
            ):
                data[str(layer)].append(json.loads(record))
        return data

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document by publication date, then id."""
        ids = [
            str(row[0])
            for row in self._conn.execute(f"SELECT id FROM articles ORDER BY {_ARTICLE_ORDER}")
        ]
        # Ids are read first so callers may write to the store while iterating.
        for article_id in ids:
            yield Document.from_dict(self._document_dict(article_id, layers=True))

    def articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleRow]:
        """Stored articles by publication date (unknown last), then id."""
        rows = self._conn.execute(
            f"SELECT {', '.join(_ROW_COLUMNS)} FROM articles ORDER BY {_ARTICLE_ORDER}"
            " LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        counts: dict[str, dict[str, int]] = {str(row[0]): dict.fromkeys(LAYERS, 0) for row in rows}
        if counts:
            for article_id, layer, count in self._conn.execute(
                "SELECT article_id, layer, count(*) FROM annotations"
                " WHERE article_id IN (SELECT value FROM json_each(?))"
                " GROUP BY article_id, layer",
                (json.dumps(list(counts)),),
            ):
                counts[str(article_id)][str(layer)] = int(count)
        return [_article_row(row, counts[str(row[0])]) for row in rows]

    def count_articles(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, best first.

        ``query`` is FTS5 syntax (words, "phrases", AND/OR/NOT, prefix*); a query that is not
        valid FTS5 is searched again as plain words, so bad syntax never raises.
        """
        if not query.strip():
            return []
        try:
            return self._match(query, limit)
        except sqlite3.OperationalError:
            words = ['"' + word.replace('"', '""') + '"' for word in query.split()]
            try:
                return self._match(" ".join(words), limit)
            except sqlite3.OperationalError:
                return []

    def _match(self, query: str, limit: int) -> list[SearchHit]:
        # bm25 (FTS5's rank) is smaller for better matches; it is negated so higher is better.
        rows = self._conn.execute(
            """
            SELECT a.id, a.title, snippet(articles_fts, -1, '[', ']', '…', 16), -f.rank
            FROM articles_fts AS f JOIN articles AS a ON a.seq = f.rowid
            WHERE articles_fts MATCH ? ORDER BY f.rank, a.id LIMIT ?
            """,
            (query, limit),
        ).fetchall()
        return [
            SearchHit(str(i), title, str(snippet), float(rank)) for i, title, snippet, rank in rows
        ]

    def sightings(self, article_id: str) -> list[dict[str, Any]]:
        """Every origin the article was read from, first sighting first."""
        cursor = self._conn.execute(
            "SELECT origin, seen, published, reader, recorded_at FROM sightings"
            " WHERE article_id = ? ORDER BY seq",
            (article_id,),
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def near_duplicates(self, article_id: str) -> list[tuple[str, float]]:
        """Articles linked as near-duplicates, earlier or later, most similar first."""
        rows = self._conn.execute(
            """
            SELECT other_id, similarity FROM article_links WHERE article_id = ?1 AND kind = ?2
            UNION ALL
            SELECT article_id, similarity FROM article_links WHERE other_id = ?1 AND kind = ?2
            ORDER BY 2 DESC, 1
            """,
            (article_id, NEAR_DUPLICATE),
        ).fetchall()
        return [(str(other), float(similarity)) for other, similarity in rows]

    def stats(self) -> dict[str, int]:
        """Counts of articles, near-duplicates, sightings and records per layer."""
        conn = self._conn
        out = {
            "articles": self.count_articles(),
            "near_duplicates": int(
                conn.execute(
                    "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
                ).fetchone()[0]
            ),
            "sightings": int(conn.execute("SELECT count(*) FROM sightings").fetchone()[0]),
        }
        out.update(dict.fromkeys(LAYERS, 0))
        for layer, count in conn.execute("SELECT layer, count(*) FROM annotations GROUP BY layer"):
            out[str(layer)] = int(count)
        return out


def _article_row(row: tuple[Any, ...], counts: dict[str, int]) -> ArticleRow:
    values = dict(zip(_ROW_COLUMNS, row, strict=True))
    return ArticleRow(**values, counts=counts)


def _insert_article(conn: sqlite3.Connection, article: Article) -> None:
    values = article.to_dict()
    columns = (*_ARTICLE_COLUMNS, "ingested_at")
    conn.execute(
        f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        (*(values[name] for name in _ARTICLE_COLUMNS), utc_now()),
    )


def _record_sighting(conn: sqlite3.Connection, article: Article) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO sightings"
        " (article_id, origin, seen, published, reader, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (article.id, article.origin, article.seen, article.published, article.reader, utc_now()),
    )


def _insert_layer(
    conn: sqlite3.Connection, article_id: str, layer: str, records: list[dict[str, Any]]
) -> None:
    # Records are serialised one by one inside the transaction: a record that cannot be
    # written aborts the whole article, never leaves part of it behind.
    conn.executemany(
        'INSERT INTO annotations (article_id, layer, idx, start, "end", text, data)'
        " VALUES (?, ?, ?, ?, ?, ?, json(?))",
        (
            (
                article_id,
                layer,
                idx,
                record["start"],
                record["end"],
                record["text"],
                _record_json(layer, idx, record),
            )
            for idx, record in enumerate(records)
        ),
    )


def _record_json(layer: str, idx: int, record: dict[str, Any]) -> str:
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{layer}[{idx}] cannot be stored as JSON: {exc}") from exc
