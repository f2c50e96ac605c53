"""Ledger cost growth: ingest (store + index claims) and grouping at 1x, 2x and 4x the corpus.

Analyses every article of ../shared/corpus once (the NLP cost is per article, so it grows
linearly by construction and is reported once), then, for each factor, adds the analysed
documents to a fresh file ledger in a child process: replica r > 0 of an article is the same
analysed text under a changed article id (``<id>-r<r>``), so the store links it as a
near-duplicate and its claims join the same groups as a syndicated copy would. Reported per
factor: store + index time, grouping (summaries and conflicts of stale groups) time, peak
resident memory of the child, and the ledger's size.

Usage: .venv/bin/python benchmarks/ledger.py [--factors 1 2 4] [--write]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, machine, shared_dir

from claimledger.ingest import ReadOptions, expand_inputs
from claimledger.ledger import Ledger
from claimledger.ledger.core import analyse_input
from claimledger.model import Document

RESULTS = REPO / "benchmarks" / "results" / "ledger.md"
STORED = ("added", "near_duplicate")


def analyse_corpus(out: Path) -> tuple[int, float]:
    """Analyse ../shared/corpus with 2 workers into JSON Lines; (documents, seconds)."""
    items = expand_inputs([str(shared_dir() / "corpus")])
    start = time.perf_counter()
    n = problems = 0
    with out.open("w", encoding="utf-8") as handle, ProcessPoolExecutor(2) as pool:
        outcomes = pool.map(analyse_input, items, [ReadOptions()] * len(items), chunksize=8)
        for outcome in outcomes:
            for document in outcome.documents:
                handle.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
                n += 1
            problems += len(outcome.problems)
    if problems:
        sys.exit(f"{problems} inputs could not be read or analysed; fix them before measuring")
    return n, time.perf_counter() - start


def run_factor(docs: Path, factor: int, db: Path) -> dict[str, float]:
    """Child process: ingest ``factor`` replicas of the analysed corpus into a new ledger."""
    store_s = index_s = 0.0
    n = 0
    rss_before = _status_kib("VmRSS")
    with Ledger(db) as ledger:
        for replica in range(factor):
            with docs.open(encoding="utf-8") as handle:
                for line in handle:
                    document = Document.from_dict(json.loads(line))
                    if replica:
                        article = replace(document.article, id=f"{document.article.id}-r{replica}")
                        document.article = article
                    # what Ledger.ingest does per document, with grouping timed apart below
                    start = time.perf_counter()
                    stored = ledger.store.add(document).status in STORED
                    middle = time.perf_counter()
                    if stored:
                        ledger.index.index_document(document)
                    store_s += middle - start
                    index_s += time.perf_counter() - middle
                    n += 1
        start = time.perf_counter()
        ledger.index.refresh()
        group_s = time.perf_counter() - start
        groups = ledger.index.tables.groups()
        stats = ledger.stats()
    return {
        "documents": n,
        "articles": stats["articles"],
        "claims": stats["claims"],
        "store_s": store_s,
        "index_s": index_s,
        "group_s": group_s,
        "groups": len(groups),
        "largest_group": max((g.summary.get("members", 0) for g in groups), default=0),
        "findings": sum(len(g.findings) for g in groups),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "growth_mib": (_status_kib("VmHWM") - rss_before) / 1024,
    }


def _status_kib(field: str) -> int:
    """A memory figure of this process from /proc/self/status (VmRSS now, VmHWM peak), KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.name}")
    parser.add_argument(
        "--child", nargs=3, metavar=("DOCS", "FACTOR", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        docs, factor, db = args.child
        print(json.dumps(run_factor(Path(docs), int(factor), Path(db))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs.jsonl"
        n, analyse_s = analyse_corpus(docs)
        lines = [
            f"Machine: {machine()}",
            "",
            f"- analyse ../shared/corpus once (2 workers): {n} documents in {analyse_s:.1f} s"
            f" ({1000 * analyse_s / n:.1f} ms/document)",
            "",
            "| factor | documents | stored articles | claims | store s | index s | grouping s"
            " | store+index+grouping s | ms/document | index ms/document | groups"
            " | largest group | findings | peak RSS MiB | RSS growth MiB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for factor in args.factors:
            db = Path(tmp) / f"ledger-{factor}.db"
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(docs), str(factor), str(db)],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(child.stdout.strip().splitlines()[-1])
            total = r["store_s"] + r["index_s"] + r["group_s"]
            lines.append(
                f"| {factor}× | {r['documents']} | {r['articles']} | {r['claims']}"
                f" | {r['store_s']:.1f} | {r['index_s']:.1f} | {r['group_s']:.2f} | {total:.1f}"
                f" | {1000 * total / r['documents']:.1f}"
                f" | {1000 * (r['index_s'] + r['group_s']) / r['documents']:.2f}"
                f" | {r['groups']} | {r['largest_group']} | {r['findings']}"
                f" | {r['peak_mib']:.0f} | {r['growth_mib']:.0f} |"
            )
            print(lines[-1], flush=True)
    text = "\n".join(lines)
    print(text)
    if args.write:
        RESULTS.write_text(
            "# Ledger benchmark (`benchmarks/ledger.py`)\n\n```\n" + text + "\n```\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
