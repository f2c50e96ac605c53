"""Timex tagger benchmark: speed against dateparser.search_dates, TempEval-3 dev-set scores.

Run: .venv/bin/python benchmarks/timex.py [--articles N]
Reads ../shared beside the repo, or $CLAIMLEDGER_SHARED.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import warnings
from pathlib import Path

import spacy
from dateparser.search import search_dates

from claimledger.eval.timeml import run
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.sentences import SentenceSplitter
from claimledger.nlp.timex import TimexTagger

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("CLAIMLEDGER_SHARED", REPO.parent / "shared")).resolve()


def corpus_texts(limit: int) -> list[tuple[str, str | None]]:
    """(text, DCT from the file name) of the first `limit` ukraine-news articles."""
    folder = shared_dir() / "corpus" / "ukraine-news"
    out: list[tuple[str, str | None]] = []
    for path in sorted(folder.glob("*.txt"))[:limit]:
        name = path.name
        dct = f"{name[:4]}-{name[4:6]}-{name[6:8]}" if name[:8].isdigit() else None
        out.append((path.read_text(encoding="utf-8"), dct))
    return out


def time_component(texts: list[tuple[str, str | None]], rounds: int) -> tuple[float, int]:
    """Seconds the timex component alone takes over the texts (best of `rounds`), and hits."""
    register_extensions()
    nlp = spacy.blank("en")
    splitter = SentenceSplitter()
    docs = []
    for text, dct in texts:
        doc = splitter(nlp.make_doc(text))
        doc._.published = dct
        docs.append(doc)
    tagger = TimexTagger()
    best = float("inf")
    hits = 0
    for _ in range(rounds):
        start = time.perf_counter()
        hits = sum(len(tagger(doc).spans["timexes"]) for doc in docs)
        best = min(best, time.perf_counter() - start)
    return best, hits


def time_dateparser(texts: list[tuple[str, str | None]], rounds: int) -> tuple[float, int]:
    """Seconds dateparser.search_dates takes over the same texts (best of `rounds`), and hits."""
    search_dates("warm up on June 14", languages=["en"])
    best = float("inf")
    hits = 0
    for _ in range(rounds):
        start = time.perf_counter()
        hits = 0
        for text, _dct in texts:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = search_dates(text, languages=["en"])
            hits += len(found or [])
        best = min(best, time.perf_counter() - start)
    return best, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=40, help="ukraine-news articles to time")
    args = parser.parse_args()
    texts = corpus_texts(args.articles)
    words = sum(len(text.split()) for text, _ in texts)
    ours, our_hits = time_component(texts, rounds=20)
    theirs, their_hits = time_dateparser(texts, rounds=3)
    speed = {
        "articles": len(texts),
        "words": words,
        "timex_component_words_per_s": round(words / ours),
        "timex_component_hits": our_hits,
        "dateparser_search_dates_words_per_s": round(words / theirs),
        "dateparser_hits": their_hits,
        "speedup": round(theirs / ours, 1),
    }
    scores = {}
    for corpus in ("TimeBank", "AQUAINT"):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            result = run(shared_dir() / "data" / "tempeval3" / corpus, Path(out))
            result["seconds"] = round(time.perf_counter() - start, 2)
        scores[corpus] = result
    machine = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    print(json.dumps({"machine": machine, "speed": speed, "tempeval3": scores}, indent=2))


if __name__ == "__main__":
    main()
