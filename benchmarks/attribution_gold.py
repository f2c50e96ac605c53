"""Attribution on our own gold (10 ukraine-news articles, 5 press releases): P/R/F1 and agreement.

Usage: .venv/bin/python benchmarks/attribution_gold.py [--gold DIR] [--errors]
Reads tests/gold/attribution/*.json (or DIR/*.json, e.g. tests/gold/attribution2) and the
articles they name under $CLAIMLEDGER_SHARED (or ../shared beside the repo); runs the full
pipeline (claimledger.analyze_article) on each article.
With --errors, lists the gold cues no prediction pairs with and the predicted cues no gold pairs
with (for reading, not for tuning: these articles are the unseen check).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, machine, shared_dir

from claimledger.eval.attribution_gold import (
    GoldDocument,
    analyzed_attributions,
    format_gold_scores,
    match_attributions,
    read_gold_dir,
    score_gold,
)

GOLD = REPO / "tests" / "gold" / "attribution"


def unpaired(documents: list[GoldDocument]) -> str:
    rows = []
    for document in documents:
        predicted = analyzed_attributions(document.article)
        pairs = match_attributions(document.attributions, predicted)
        gold_ids = {g.id for g, _ in pairs}
        pred_ids = {p.id for _, p in pairs}
        for kind, attributions, paired in (
            ("missed", document.attributions, gold_ids),
            ("spurious", predicted, pred_ids),
        ):
            for a in attributions:
                if a.id not in paired:
                    source = a.source.text if a.source else "-"
                    rows.append(f"{document.name} {kind}: {source!r} {a.cue.text!r}")
    return "\n".join(rows)


def per_document(documents: list[GoldDocument]) -> str:
    rows = [
        "| document | words | gold | predicted | cue exact F1 | source exact F1"
        " | content overlap F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for document in documents:
        s = score_gold([document]).to_dict()
        scores = s["scores"]
        rows.append(
            f"| {document.name} | {len(document.article.text.split())}"
            f" | {s['attributions']['gold']} | {s['attributions']['predicted']}"
            f" | {scores['cue']['exact']['f1']} | {scores['source']['exact']['f1']}"
            f" | {scores['content']['overlap']['f1']} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list unpaired cues")
    parser.add_argument("--gold", type=Path, default=GOLD, help="a folder of gold JSON files")
    args = parser.parse_args()
    print(machine())
    documents = read_gold_dir(args.gold, shared_dir())
    started = time.perf_counter()
    total = score_gold(documents)
    seconds = time.perf_counter() - started
    words = sum(len(d.article.text.split()) for d in documents)
    print(
        f"\nall: {total.documents} documents, {words} words,"
        f" {sum(len(d.attributions) for d in documents)} gold attributions,"
        f" pipeline + scoring {seconds:.1f} s"
    )
    print(format_gold_scores(total))
    for collection in ("ukraine-news", "press-releases"):
        part = [d for d in documents if d.collection == collection]
        print(f"\n{collection}: {len(part)} documents")
        print(format_gold_scores(score_gold(part)))
    print("\n" + per_document(documents))
    if args.errors:
        print("\n" + unpaired(documents))


if __name__ == "__main__":
    main()
