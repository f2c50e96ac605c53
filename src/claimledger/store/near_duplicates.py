"""SQL for near-duplicate detection: MinHash LSH band rows, candidate lookup, links."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from claimledger.store.minhash import NEAR_DUPLICATE_JACCARD, band_keys, jaccard, shingles

NEAR_DUPLICATE = "near_duplicate"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What near-duplicate detection needs of one text: its shingles and band keys."""

    shingles: frozenset[int]
    band_keys: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        hashes = shingles(text)
        return cls(hashes, tuple(band_keys(hashes)))


def find_near_duplicates(
    conn: sqlite3.Connection, fingerprint: Fingerprint
) -> list[tuple[str, float]]:
    """Stored articles sharing an LSH band whose shingle Jaccard reaches the threshold.

    Best first; equal similarities keep ingestion order, so the earliest article wins a tie.
    """
    if not fingerprint.band_keys:
        return []
    # json_each turns the key list into (band number, key) rows joined on the band index.
    rows = conn.execute(
        """
        SELECT id, text FROM articles WHERE id IN (
            SELECT b.article_id FROM json_each(?) AS k
            JOIN minhash_bands AS b ON b.band = k.key AND b.bucket = k.value
        ) ORDER BY seq
        """,
        (json.dumps(fingerprint.band_keys),),
    ).fetchall()
    matches = []
    for other_id, text in rows:
        similarity = jaccard(fingerprint.shingles, shingles(text))
        if similarity >= NEAR_DUPLICATE_JACCARD:
            matches.append((str(other_id), round(similarity, 4)))
    matches.sort(key=lambda match: -match[1])
    return matches


def record_near_duplicates(
    conn: sqlite3.Connection,
    article_id: str,
    fingerprint: Fingerprint,
    matches: list[tuple[str, float]],
) -> None:
    """Index an article's bands; link it to its matches and mark the best as duplicate_of."""
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, key, article_id) for band, key in enumerate(fingerprint.band_keys)],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO article_links (article_id, other_id, kind, similarity)"
        " VALUES (?, ?, ?, ?)",
        [(article_id, other_id, NEAR_DUPLICATE, similarity) for other_id, similarity in matches],
    )
    if matches:
        conn.execute(
            "UPDATE articles SET duplicate_of = ? WHERE id = ?", (matches[0][0], article_id)
        )
