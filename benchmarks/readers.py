"""Reader speed: the shared corpus read into Articles (no NLP), per reader, and bad-input refusal.

Usage: .venv/bin/python benchmarks/readers.py [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, shared_dir

from claimledger.ingest import ReadError, expand_inputs, read_input


def read_all(items: list[str]) -> tuple[Counter[str], dict[str, float], int, float]:
    """Articles per reader, seconds per reader, problems, total seconds."""
    articles: Counter[str] = Counter()
    seconds: dict[str, float] = {}
    problems = 0
    started = time.perf_counter()
    for item in items:
        t0 = time.perf_counter()
        result = read_input(item)
        elapsed = time.perf_counter() - t0
        problems += len(result.problems)
        for article in result.articles:
            articles[article.reader] += 1
        if result.articles:
            reader = result.articles[0].reader
            seconds[reader] = seconds.get(reader, 0.0) + elapsed
    return articles, seconds, problems, time.perf_counter() - started


def refusal_ms(size: int) -> float:
    """Milliseconds to refuse a text file of `size` bytes against the 20 MB limit."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        with path.open("wb") as handle:
            handle.truncate(size)
        t0 = time.perf_counter()
        with contextlib.suppress(ReadError):
            read_input(str(path))
        return (time.perf_counter() - t0) * 1000


def legacy_encoding_s(size: int) -> float:
    """Seconds to read a cp1252 text file (no declared charset) of about `size` bytes."""
    line = "The minister said: “We will not retreat.” It’s the fourth day – the café stayed open.\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "legacy.txt"
        path.write_bytes((line * (size // len(line))).encode("cp1252"))
        t0 = time.perf_counter()
        [article] = read_input(str(path)).articles
        elapsed = time.perf_counter() - t0
    assert article.text.startswith(line.strip())
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = shared_dir() / "corpus"
    print(f"machine: {machine()}")
    t0 = time.perf_counter()
    items = expand_inputs([str(corpus)])
    expand_ms = (time.perf_counter() - t0) * 1000
    print(f"expand_inputs({corpus}): {len(items)} inputs in {expand_ms:.1f} ms")
    totals = []
    for run in range(1, args.runs + 1):
        articles, seconds, problems, total = read_all(items)
        totals.append(total)
        per_reader = ", ".join(
            f"{reader}: {count} articles in {seconds[reader]:.2f} s"
            for reader, count in sorted(articles.items())
        )
        count = sum(articles.values())
        print(f"run {run}: {count} articles, {problems} problems, {total:.2f} s ({per_reader})")
    print(f"median of {args.runs} runs: {statistics.median(totals):.2f} s for {len(items)} inputs")
    print(f"reading a 10 MB cp1252 text file (charset detection): {legacy_encoding_s(10**7):.2f} s")
    print(f"refusing a 50 MB file (sparse, stat only): {refusal_ms(50_000_000):.2f} ms")


if __name__ == "__main__":
    main()
