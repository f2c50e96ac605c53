"""Word shingles, MinHash signatures and LSH band keys for near-duplicate detection.

Pure functions (no SQL): the store keeps the band keys and checks candidates with exact Jaccard.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy

SHINGLE_WORDS = 5
# 20 bands of 5 rows: a pair with Jaccard 0.8 shares a band with probability 0.9996, a pair
# with Jaccard 0.3 with probability 0.05, so candidates are few and near-duplicates are kept.
BANDS = 20
ROWS = 5
NEAR_DUPLICATE_JACCARD = 0.8

_WORD = re.compile(r"\w+")


def _hash(data: bytes, size: int = 8, *, signed: bool = False) -> int:
    # blake2b, not hash(): band keys are stored, so they must not change between processes.
    return int.from_bytes(hashlib.blake2b(data, digest_size=size).digest(), "big", signed=signed)


def _permutations(count: int) -> tuple[tuple[int, int], ...]:
    """Fixed (a, b) of the multiply-shift hashes ((a*x + b) mod 2**64) >> 32 of 32-bit x.

    They stand in for random permutations; the shift is left out because it keeps the order
    of the minimum, and min over (a*x + b) mod 2**64 is the cheapest form in pure Python.
    """
    pairs = []
    for i in range(count):
        a = _hash(f"claimledger-minhash-a-{i}".encode()) | 1
        b = _hash(f"claimledger-minhash-b-{i}".encode())
        pairs.append((a, b))
    return tuple(pairs)


_PERMUTATIONS = _permutations(BANDS * ROWS)
_A = numpy.array([a for a, _ in _PERMUTATIONS], dtype=numpy.uint64)
_B = numpy.array([b for _, b in _PERMUTATIONS], dtype=numpy.uint64)


def shingles(text: str) -> frozenset[int]:
    """32-bit hashes of the casefolded word 5-grams of a text (one shingle for shorter texts)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return frozenset()
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    return frozenset(
        _hash(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"), 4) for i in range(count)
    )


def jaccard(left: frozenset[int], right: frozenset[int]) -> float:
    """|A ∩ B| / |A ∪ B|; 0.0 when both are empty."""
    union = len(left | right)
    return len(left & right) / union if union else 0.0


def signature(hashes: Iterable[int]) -> tuple[int, ...]:
    """The MinHash signature: per permutation the smallest permuted shingle hash."""
    values = numpy.fromiter(hashes, dtype=numpy.uint64)
    if not values.size:
        return ()
    # uint64 arithmetic wraps mod 2**64: the same values as the pure-Python form, ~50x faster
    permuted = _A[:, None] * values[None, :] + _B[:, None]
    return tuple(int(v) for v in permuted.min(axis=1))


def band_keys(hashes: Iterable[int]) -> list[int]:
    """One signed 64-bit key per band (index = band number); empty for an empty text."""
    sig = signature(hashes)
    if not sig:
        return []
    keys = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        packed = b"".join(value.to_bytes(8, "big") for value in rows)
        keys.append(_hash(packed, signed=True))
    return keys
