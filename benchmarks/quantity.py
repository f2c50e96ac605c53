"""Quantity benchmark: sentences/s against quantulum3 on the same sentences, NewsQuant dev scores.

Run: .venv/bin/python benchmarks/quantity.py [--rounds N]
Reads ../shared beside the repo, or $CLAIMLEDGER_SHARED. quantulum3 (the `bench` extra) is only
needed here, never at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, shared_dir

from claimledger.eval.newsquant import evaluate, load, score
from claimledger.nlp.quantity import find_quantities


def sentences_per_second(texts: list[str], tag: Callable[[str], object], rounds: int) -> float:
    """Best of `rounds` passes over all texts."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            tag(text)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def quantulum_predictions(texts: list[str]) -> list[list[dict[str, Any]]]:
    """quantulum3's output in NewsQuant's format (its unit names are close to NewsQuant's;
    it has no hedge or change, so every change is '=')."""
    from quantulum3 import parser

    out = []
    for text in texts:
        found = []
        for q in parser.parse(text):
            unit = q.unit.name if q.unit.name != "dimensionless" else "-"
            found.append({"value": float(q.value), "normalized_unit": unit, "change": "="})
        out.append(found)
    return out


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--rounds", type=int, default=3)
    options = arguments.parse_args()
    warnings.filterwarnings("ignore")
    examples = load(shared_dir() / "data" / "newsquant" / "dev.json")
    texts = [e["text"] for e in examples]
    # Round 1 developed on the even half and held out the odd; since round 2 both are seen.
    halves = {"even indices": examples[0::2], "odd indices": examples[1::2], "all": examples}
    scores = {}
    for name, subset in halves.items():
        metrics = evaluate(subset)
        metrics.pop("predictions")
        scores[name] = metrics
    from quantulum3 import parser

    ours = sentences_per_second(texts, find_quantities, options.rounds)
    theirs = sentences_per_second(texts, parser.parse, options.rounds)
    quantulum = score([e["quantities"] for e in examples], quantulum_predictions(texts))
    report = {
        "machine": machine(),
        "sentences": len(texts),
        "claimledger sentences/s": round(ours, 1),
        "quantulum3 sentences/s": round(theirs, 1),
        "speed-up": round(ours / theirs, 1),
        "claimledger": scores,
        "quantulum3 (all)": quantulum,
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
