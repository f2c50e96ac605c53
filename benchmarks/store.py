"""Store speed and near-duplicate recall on ../shared/corpus/ukraine-news.

Times analysing the 346 articles (claimledger.analyze_article) and adding them to a file
database and to ":memory:"; checks MinHash LSH against all-pairs shingle Jaccard; times finding
edited copies of every article. Usage: python benchmarks/store.py
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, shared_dir

from claimledger import Article, Document, analyze_article
from claimledger.model import PublishedSource, normalize_text
from claimledger.store import Store
from claimledger.store.minhash import NEAR_DUPLICATE_JACCARD, jaccard, shingles
from claimledger.store.near_duplicates import Fingerprint

_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z_")


def read_article(path: Path, corpus: Path) -> Article:
    stamp = _STAMP.match(path.name)
    published = None
    if stamp:
        y, mo, d, h, mi, s = stamp.groups()
        published = f"{y}-{mo}-{d}T{h}:{mi}:{s}+00:00"
    return Article(
        title=None,
        text=normalize_text(path.read_text(encoding="utf-8")),
        published=published,
        published_source=PublishedSource.FILENAME if published else PublishedSource.UNKNOWN,
        reader="text",
        origin=str(path.relative_to(corpus)),
        seen=published,
    )


def edited(text: str, rng: random.Random, edits: int = 3) -> str:
    """The text with a few words replaced, as a wire story re-edited by another outlet."""
    words = text.split(" ")
    for index in rng.sample(range(len(words)), min(edits, len(words))):
        words[index] = "edited"
    return " ".join(words)


def add_all(db: str, documents: list[Document]) -> tuple[float, Counter[str], dict[str, int]]:
    with Store(db) as store:
        start = time.perf_counter()
        statuses = Counter(store.add(document).status for document in documents)
        seconds = time.perf_counter() - start
        return seconds, statuses, store.stats()


def main() -> None:
    corpus = shared_dir() / "corpus"
    paths = sorted((corpus / "ukraine-news").glob("*.txt"))
    articles = [read_article(path, corpus) for path in paths]
    start = time.perf_counter()
    documents = [analyze_article(article) for article in articles]
    analyse_s = time.perf_counter() - start

    lines = [
        f"Machine: {machine()}",
        "",
        f"- analyse {len(documents)} articles (analyze_article): {analyse_s:.2f} s",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        file_db = Path(tmp) / "bench.db"
        for label, db in (("file (WAL)", str(file_db)), (":memory:", ":memory:")):
            seconds, statuses, stats = add_all(db, documents)
            lines.append(
                f"- add {len(documents)} analysed articles, {label}: {seconds:.2f} s"
                f" ({1000 * seconds / len(documents):.1f} ms/article); statuses {dict(statuses)}"
            )
        start = time.perf_counter()
        for document in documents:
            Fingerprint.of(document.article.text)
        fingerprint_s = time.perf_counter() - start
        lines.append(
            f"- shingling + MinHash of the same texts alone (Fingerprint.of): {fingerprint_s:.2f} s"
            f" ({1000 * fingerprint_s / len(documents):.1f} ms/article)"
        )
        size_kb = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*")) / 1024
        lines.append(f"- stats {stats}; file database with WAL: {size_kb:.0f} KiB")

        # All-pairs exact Jaccard among distinct texts, versus the links LSH found.
        unique = {article.id: article for article in articles}
        hashes = {aid: shingles(article.text) for aid, article in unique.items()}
        start = time.perf_counter()
        truth = {
            frozenset((a, b))
            for a, b in combinations(sorted(hashes), 2)
            if jaccard(hashes[a], hashes[b]) >= NEAR_DUPLICATE_JACCARD
        }
        brute_s = time.perf_counter() - start
        with Store(file_db) as store:
            found = {
                frozenset((aid, other)) for aid in unique for other, _ in store.near_duplicates(aid)
            }
            lines.append(
                f"- corpus pairs with Jaccard >= {NEAR_DUPLICATE_JACCARD}: {len(truth)} by"
                f" all-pairs check ({brute_s:.2f} s), {len(found & truth)} linked by LSH,"
                f" {len(found - truth)} linked wrongly"
            )
            for query in ("Zelensky", '"peace talks"', "grain AND Odesa", "sanction*"):
                start = time.perf_counter()
                hits = store.search(query)
                ms = 1000 * (time.perf_counter() - start)
                lines.append(f"- search {query!r}: {len(hits)} hits in {ms:.1f} ms")

            # Edited copies: 3 words replaced in each distinct article, re-analysed and added.
            rng = random.Random(7)
            copies = []
            for article in unique.values():
                text = edited(article.text, rng)
                copies.append(analyze_article(Article(title=None, text=text, reader="text")))
            expected = {
                copy.article.id: jaccard(shingles(copy.article.text), hashes[original])
                for copy, original in zip(copies, unique, strict=True)
            }
            start = time.perf_counter()
            results = [store.add(copy) for copy in copies]
            seconds = time.perf_counter() - start
            above = [r for r in results if expected[r.article_id] >= NEAR_DUPLICATE_JACCARD]
            caught = sum(r.status == "near_duplicate" for r in above)
            lines.append(
                f"- {len(copies)} copies with 3 words edited added to that database in"
                f" {seconds:.2f} s ({1000 * seconds / len(copies):.1f} ms/article):"
                f" {len(above)} still have Jaccard >= {NEAR_DUPLICATE_JACCARD} with their"
                f" original, {caught} of them found as near_duplicate;"
                f" statuses {dict(Counter(r.status for r in results))}"
            )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
