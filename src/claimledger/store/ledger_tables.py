"""SQL for the cross-article ledger: entities, user edits, claim facts and claim groups.

The `claimledger.ledger` modules decide what to store; this module only reads and writes rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from claimledger.store.migrations import utc_now


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    name: str
    label: str
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: int
    key: str
    summary: dict[str, Any]
    findings: list[dict[str, Any]]
    conflicts: int


class LedgerTables:
    """Row access for the ledger tables of one store connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    # --- articles ----------------------------------------------------------------------------

    def unindexed_articles(self) -> list[str]:
        """Stored articles whose claims are not in the ledger yet, in storing order."""
        return [
            str(row[0])
            for row in self._conn.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM ledger_indexed)"
                " ORDER BY seq"
            )
        ]

    def duplicate_of(self, article_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def is_indexed(self, article_id: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM ledger_indexed WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row is not None

    def mark_indexed(self, article_id: str) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO ledger_indexed (article_id, indexed_at) VALUES (?, ?)",
            (article_id, utc_now()),
        )

    def clear_index(self) -> None:
        """Forget every fact, group and entity count; keep automatic links and user edits."""
        for table in (
            "ledger_facts",
            "ledger_groups",
            "ledger_indexed",
            "ledger_entities",
            "ledger_entity_names",
        ):
            self._conn.execute(f"DELETE FROM {table}")

    # --- entities ----------------------------------------------------------------------------

    def entities(self) -> list[EntityRow]:
        return [
            EntityRow(str(i), str(n), str(label), int(m), int(a))
            for i, n, label, m, a in self._conn.execute(
                "SELECT id, name, label, mentions, articles FROM ledger_entities ORDER BY id"
            )
        ]

    def count_entities(self, rows: Iterable[tuple[str, str, str, int]]) -> None:
        """Add (id, name, label, mentions) of one article: one more article for each id."""
        self._conn.executemany(
            "INSERT INTO ledger_entities (id, name, label, mentions, articles)"
            " VALUES (?, ?, ?, ?, 1) ON CONFLICT (id) DO UPDATE SET"
            " mentions = mentions + excluded.mentions, articles = articles + 1",
            list(rows),
        )

    def entity_names(self) -> list[tuple[str, str]]:
        """(surface form, raw entity id) pairs."""
        return [
            (str(surface), str(entity))
            for surface, entity in self._conn.execute(
                "SELECT surface, entity_id FROM ledger_entity_names ORDER BY norm, entity_id"
            )
        ]

    def add_entity_names(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Record (normalised form, raw entity id, surface form) rows; known ones are kept."""
        self._conn.executemany(
            "INSERT OR IGNORE INTO ledger_entity_names (norm, entity_id, surface) VALUES (?, ?, ?)",
            list(rows),
        )

    def links(self) -> dict[str, str]:
        return {
            str(raw): str(target)
            for raw, target in self._conn.execute(
                "SELECT raw_id, canonical_id FROM ledger_entity_links"
            )
        }

    def add_link(self, raw_id: str, canonical_id: str, score: float) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO ledger_entity_links (raw_id, canonical_id, score)"
            " VALUES (?, ?, ?)",
            (raw_id, canonical_id, score),
        )

    def edits(self) -> list[tuple[str, str, str]]:
        return [
            (str(op), str(a), str(b))
            for op, a, b in self._conn.execute(
                "SELECT op, a, b FROM ledger_entity_edits ORDER BY seq"
            )
        ]

    def add_edit(self, op: str, a: str, b: str) -> None:
        self._conn.execute(
            "INSERT INTO ledger_entity_edits (op, a, b, made_at) VALUES (?, ?, ?, ?)",
            (op, a, b, utc_now()),
        )

    # --- facts and groups --------------------------------------------------------------------

    def group_id(self, key: str) -> int:
        """The id of the group with this key, created (empty, stale) when new."""
        self._conn.execute("INSERT OR IGNORE INTO ledger_groups (key) VALUES (?)", (key,))
        row = self._conn.execute("SELECT id FROM ledger_groups WHERE key = ?", (key,)).fetchone()
        return int(row[0])

    def add_facts(self, article_id: str, facts: Iterable[tuple[str, int, dict[str, Any]]]) -> None:
        """Store (claim_id, group_id, data) rows of one article and mark their groups stale."""
        rows = [
            (article_id, claim_id, group, json.dumps(data, ensure_ascii=False))
            for claim_id, group, data in facts
        ]
        self._conn.executemany(
            "INSERT OR REPLACE INTO ledger_facts (article_id, claim_id, group_id, data)"
            " VALUES (?, ?, ?, ?)",
            rows,
        )
        self.mark_stale({group for _, _, group, _ in rows})

    def mark_stale(self, group_ids: Iterable[int]) -> None:
        self._conn.executemany(
            "UPDATE ledger_groups SET stale = 1 WHERE id = ?", [(g,) for g in group_ids]
        )

    def stale_groups(self) -> list[int]:
        return [
            int(row[0])
            for row in self._conn.execute("SELECT id FROM ledger_groups WHERE stale = 1")
        ]

    def group_facts(self, group_id: int) -> list[dict[str, Any]]:
        return [
            json.loads(row[0])
            for row in self._conn.execute(
                "SELECT data FROM ledger_facts WHERE group_id = ? ORDER BY article_id, claim_id",
                (group_id,),
            )
        ]

    def save_group(
        self,
        group_id: int,
        summary: dict[str, Any],
        findings: list[dict[str, Any]],
        conflicts: int,
    ) -> None:
        self._conn.execute(
            "UPDATE ledger_groups SET summary = ?, findings = ?, conflicts = ?, stale = 0"
            " WHERE id = ?",
            (
                json.dumps(summary, ensure_ascii=False),
                json.dumps(findings, ensure_ascii=False),
                conflicts,
                group_id,
            ),
        )

    def delete_empty_groups(self) -> None:
        self._conn.execute(
            "DELETE FROM ledger_groups WHERE id NOT IN (SELECT group_id FROM ledger_facts)"
        )

    def groups(self, with_conflicts: bool = False) -> list[GroupRow]:
        where = " WHERE conflicts > 0" if with_conflicts else ""
        return [
            GroupRow(int(i), str(k), json.loads(s), json.loads(f), int(c))
            for i, k, s, f, c in self._conn.execute(
                f"SELECT id, key, summary, findings, conflicts FROM ledger_groups{where}"
                " ORDER BY id"
            )
        ]

    def facts(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every fact with its group id, by article then claim."""
        rows = self._conn.execute(
            "SELECT group_id, data FROM ledger_facts ORDER BY article_id, claim_id"
        ).fetchall()
        for group, data in rows:
            yield int(group), json.loads(data)

    def move_fact(self, article_id: str, claim_id: str, group_id: int) -> None:
        self._conn.execute(
            "UPDATE ledger_facts SET group_id = ? WHERE article_id = ? AND claim_id = ?",
            (group_id, article_id, claim_id),
        )
