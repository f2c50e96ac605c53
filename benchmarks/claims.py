"""Claims: the seed article's checklist from the issue, and what the rules give on a news corpus.

Usage: .venv/bin/python benchmarks/claims.py [--sample N]
Reads $CLAIMLEDGER_SHARED/corpus (or ../shared beside the repo). There is no gold standard for
claims: the seed checklist is the issue's list, the corpus figures describe the output and time it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, shared_dir

from claimledger.api import analyze_article
from claimledger.ingest.registry import read_input
from claimledger.model import Claim, Document
from claimledger.nlp.claims import build_claims


def chain(document: Document, claim: Claim) -> list[str]:
    """Source entities (or texts) from the claim's attribution along its `cites` links."""
    by_id = {a.id: a for a in document.attributions}
    out = []
    said = by_id.get(claim.attribution or "")
    while said is not None and said.source is not None:
        out.append(said.source.entity or said.source.text)
        said = by_id.get(said.cites or "")
    return out


def value(document: Document, claim: Claim) -> float | None:
    return None if claim.quantity is None else document.quantities[claim.quantity].value


def timex_value(document: Document, index: int | None) -> str | None:
    return None if index is None else document.timexes[index].value


Check = Callable[[Document, Claim], bool]

# The list for the seed article, one predicate per proposition.
SEED_CHECKLIST: list[tuple[str, Check]] = [
    (
        "25 000 workers to Alabuga, planned, NHK citing diplomatic sources",
        lambda d, c: (
            value(d, c) == 25000
            and c.modality == "planned"
            and chain(d, c)[:1] == ["org:nhk"]
            and len(chain(d, c)) == 2
        ),
    ),
    (
        "1 000 sappers, promised, Shoigu",
        lambda d, c: (
            value(d, c) == 1000
            and c.modality == "planned"
            and chain(d, c)[:1] == ["person:sergei-shoigu"]
        ),
    ),
    (
        "5 000 construction workers, promised, Shoigu",
        lambda d, c: (
            value(d, c) == 5000
            and c.modality == "planned"
            and chain(d, c)[:1] == ["person:sergei-shoigu"]
        ),
    ),
    (
        "about 12 000 troops in October 2024",
        lambda d, c: value(d, c) == 12000 and timex_value(d, c.time) == "2024-10",
    ),
    (
        "3 000 more in March 2025",
        lambda d, c: value(d, c) == 3000 and timex_value(d, c.time) == "2025-03",
    ),
    (
        "4 700 losses as of April, lawmakers citing intelligence",
        lambda d, c: (
            value(d, c) == 4700
            and c.type == "ASSAULT"
            and timex_value(d, c.time) == "2025-04"
            and len(chain(d, c)) == 2
        ),
    ),
    (
        "600 dead as of April",
        lambda d, c: value(d, c) == 600 and c.type == "ASSAULT" and c.item == "dead",
    ),
    (
        "of 15 000 (the force the losses came from)",
        lambda d, c: value(d, c) == 15000 and c.type == "MOBILIZE" and len(chain(d, c)) == 2,
    ),
    (
        "several dozen ballistic missiles by January 2024, Western media",
        lambda d, c: (
            c.type == "AID"
            and c.item == "ballistic missiles"
            and timex_value(d, c.report_time) == "2024-01-04"
        ),
    ),
    (
        "the same missiles, the US",
        lambda d, c: c.type == "AID" and chain(d, c)[:1] == ["country:USA"],
    ),
    (
        "150 more missiles planned for 2025, Budanov",
        lambda d, c: (
            value(d, c) == 150
            and c.modality == "planned"
            and timex_value(d, c.time) == "2025"
            and chain(d, c)[:1] == ["person:kyrylo-budanov"]
        ),
    ),
    (
        "nearly 5 million shells, Shin Won Sik, June 14",
        lambda d, c: (
            value(d, c) == 5e6
            and timex_value(d, c.report_time) == "2025-06-14"
            and chain(d, c)[:1] == ["person:shin-won-sik"]
        ),
    ),
    (
        "up to 6 million shells, Reuters, April",
        lambda d, c: (
            value(d, c) == 6e6
            and timex_value(d, c.report_time) == "2025-04"
            and chain(d, c)[:1] == ["org:reuters"]
        ),
    ),
]


def seed_report(shared: Path) -> str:
    seed = shared / "corpus" / "seed" / "000_3a7b3fa782e31a64.txt"
    (article,) = read_input(str(seed)).articles
    document = analyze_article(article)
    lines = [f"seed article: {len(document.claims)} claims"]
    found = 0
    for label, check in SEED_CHECKLIST:
        hits = [c.id for c in document.claims if check(document, c)]
        found += bool(hits)
        lines.append(f"  {'found ' + ', '.join(hits) if hits else 'MISSED':<12} {label}")
    lines.append(f"  checklist: {found}/{len(SEED_CHECKLIST)}")
    return "\n".join(lines)


def corpus_report(folder: Path) -> str:
    files = sorted(folder.glob("*.txt"))
    types: Counter[str] = Counter()
    modalities: Counter[str] = Counter()
    with_field: Counter[str] = Counter()
    claims = 0
    pipeline_seconds = claims_seconds = 0.0
    for path in files:
        (article,) = read_input(str(path)).articles
        started = time.perf_counter()
        document = analyze_article(article)
        pipeline_seconds += time.perf_counter() - started
        text = document.article.text
        started = time.perf_counter()
        build_claims(
            text,
            [(s.start, s.end) for s in document.sentences],
            document.mentions,
            document.timexes,
            document.quantities,
            document.attributions,
            document.article.published,
        )
        claims_seconds += time.perf_counter() - started
        for claim in document.claims:
            claims += 1
            types[claim.type] += 1
            modalities[claim.modality] += 1
            for name in ("quantity", "time", "report_time", "place", "attribution"):
                if getattr(claim, name) is not None:
                    with_field[name] += 1
            with_field["actors"] += bool(claim.actors)
    share = (
        {name: f"{with_field[name] / claims:.0%}" for name in sorted(with_field)} if claims else {}
    )
    return "\n".join(
        [
            f"{folder.name}: {len(files)} articles, {claims} claims"
            f" ({claims / max(1, len(files)):.2f} per article)",
            f"  by type: {dict(types.most_common())}",
            f"  by modality: {dict(modalities.most_common())}",
            f"  claims with the field set: {share}",
            f"  whole pipeline: {pipeline_seconds:.1f} s"
            f" ({1000 * pipeline_seconds / max(1, len(files)):.0f} ms per article);"
            f" build_claims alone: {claims_seconds:.2f} s"
            f" ({1000 * claims_seconds / max(1, len(files)):.1f} ms per article)",
        ]
    )


def sample_report(folder: Path, size: int) -> str:
    """`size` claims drawn at random (fixed seed) with their sentence, for judging by hand."""
    found: list[tuple[Document, Claim]] = []
    for path in sorted(folder.glob("*.txt")):
        (article,) = read_input(str(path)).articles
        document = analyze_article(article)
        found += [(document, claim) for claim in document.claims]
    random.seed(20261127)
    lines = []
    for document, claim in random.sample(found, min(size, len(found))):
        figure = None if claim.quantity is None else document.quantities[claim.quantity].text
        sentence = claim.evidence[-1]
        lines.append(
            f"{claim.type} {[(a.entity, a.role) for a in claim.actors]} figure={figure}"
            f" item={claim.item} {claim.modality} according to={chain(document, claim)}"
        )
        text = document.article.text[sentence.start : sentence.end]
        lines.append("    > " + text.replace("\n", " "))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="print N random claims to judge")
    args = parser.parse_args()
    shared = shared_dir()
    print(machine())
    print(seed_report(shared))
    print(corpus_report(shared / "corpus" / "ukraine-news"))
    if args.sample:
        print(sample_report(shared / "corpus" / "ukraine-news", args.sample))


if __name__ == "__main__":
    main()
