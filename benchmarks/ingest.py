"""Ingest speed: articles/s and peak RSS for ingesting ../shared/corpus/ with 1 and 2 jobs.

Each configuration runs in a fresh child process so its peak memory is its own.
Usage: python benchmarks/ingest.py [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, shared_dir

CHILD = r"""
import json, resource, sys, time
from claimledger.ledger import Ledger
corpus, db, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0 = time.perf_counter()
with Ledger(db) as ledger:
    report = ledger.ingest([corpus], jobs=jobs)
elapsed = time.perf_counter() - t0
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"articles": len(report.results), "added": report.count("added"),
                  "problems": len(report.problems), "seconds": elapsed,
                  "peak_rss_main_mb": self_kb / 1024, "peak_rss_worker_mb": child_kb / 1024}))
"""


def run(jobs: int, corpus: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(corpus), str(db), str(jobs)],
            check=True,
            capture_output=True,
            text=True,
        )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["articles_per_s"] = result["articles"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    corpus = shared_dir() / "corpus"
    print(f"machine: {machine()}")
    print(f"corpus: {corpus}")
    print(
        "| jobs | articles | problems | seconds | articles/s"
        " | peak RSS main (MB) | peak RSS worker (MB) |"
    )
    print("|---|---|---|---|---|---|---|")
    for jobs in args.jobs:
        r = run(jobs, corpus)
        print(
            f"| {jobs} | {r['articles']:.0f} | {r['problems']:.0f} | {r['seconds']:.1f} |"
            f" {r['articles_per_s']:.1f} | {r['peak_rss_main_mb']:.0f} |"
            f" {r['peak_rss_worker_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
