"""Derive attribution cue forms from PolNeAR train counts: src/.../attribution/cues_derived.json.

Usage: .venv/bin/python scripts/build_attribution_cues.py [--tune]
Reads $CLAIMLEDGER_SHARED/data/polnear/train (or ../shared beside the repo). Only train is read;
dev stays unseen.

Rule: a word form (one or two words, lower case) becomes a cue when, over the gold file of each
train article (the convention of ``claimledger.eval.polnear.gold_files``), at least MIN_GOLD of its
occurrences lie inside a gold cue span and at least MIN_PRECISION of all its occurrences do. Left
out: forms the hand-written lexicon covers, single words of its multi-word forms ("according"),
single words not ending in -ed or -ing (derived cues are used as verbs, and without a tagger only
those endings are sure verb forms: "criticism", "doubts", "eager" are not), forms starting or
ending with a function word, and two-word forms whose first word is already kept. Forms whose
first word starts with a stem in ``event_words.txt`` (events in war news: "attacked", "backed",
"ordered") count only before "that", a quote, a colon or "to" (``needs_complement``).

With --tune the thresholds are chosen by two-fold cross-validation inside train (derive on one
half of the articles, score the mean of cue exact, source exact and content overlap F1 on the
other; the strictest setting within 0.1 point of the best wins) before the final file is written
from all of train. Without it, MIN_GOLD and MIN_PRECISION (the last tuned choice) are used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimledger.eval import polnear  # noqa: E402
from claimledger.nlp import attribution_lexicon  # noqa: E402
from claimledger.nlp.attribution import tokenize  # noqa: E402
from claimledger.resources import read_lines  # noqa: E402

OUT = REPO / "src" / "claimledger" / "resources" / attribution_lexicon.DERIVED_CUES_PATH
MIN_GOLD = 5
MIN_PRECISION = 0.5
_TUNE_PRECISIONS = (0.3, 0.4, 0.5, 0.6, 0.7)
_TUNE_GOLD = (3, 5, 8)
TUNE_MARGIN = 0.1  # F1 points

Form = tuple[str, ...]


def shared_dir() -> Path:
    path = Path(os.environ.get("CLAIMLEDGER_SHARED", REPO.parent / "shared")).resolve()
    if not path.is_dir():
        sys.exit(f"shared data not found at {path}; set CLAIMLEDGER_SHARED")
    return path


def count_forms(files: Sequence[tuple[Path, Path]]) -> tuple[Counter[Form], Counter[Form]]:
    """(occurrences inside a gold cue, all occurrences) of every one- and two-word form."""
    inside: Counter[Form] = Counter()
    total: Counter[Form] = Counter()
    for text_path, ann_path in files:
        text = text_path.read_text(encoding="utf-8")
        spans, _events = polnear.parse_ann(ann_path.read_text(encoding="utf-8"))
        cue_spans = sorted(spans["cue"])
        tokens = tokenize(text, 0, len(text))
        in_cue = [any(a <= t.start and t.end <= b for a, b in cue_spans) for t in tokens]
        for i in range(len(tokens)):
            for width in (1, 2):
                if i + width > len(tokens):
                    break
                form = tuple(t.lower for t in tokens[i : i + width])
                total[form] += 1
                if all(in_cue[i : i + width]):
                    inside[form] += 1
    return inside, total


def _function_words() -> frozenset[str]:
    w = attribution_lexicon.words()
    return (
        w.clause_openers
        | w.preverbs
        | w.non_subjects
        | w.leading_adverbials
        | w.time_words
        | w.first_person
        | w.demonstratives
        | frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "a", "an", "the"})
    )


def select(
    inside: Counter[Form], total: Counter[Form], min_gold: int, min_precision: float
) -> list[dict[str, Any]]:
    """The derived cue entries, most frequent first."""
    hand = {form for cue in attribution_lexicon.hand_cues() for form in cue.forms}
    hand_words = {word for form in hand for word in form}
    function = _function_words()
    events = tuple(read_lines("en/attribution/event_words.txt"))
    kept: set[Form] = set()
    entries: list[dict[str, Any]] = []
    for form in sorted(inside, key=lambda f: (len(f), -inside[f], f)):
        gold, seen = inside[form], total[form]
        if gold < min_gold or gold / seen < min_precision:
            continue
        if not all(word[0].isalpha() for word in form):
            continue
        if form[0] in function or form[-1] in function or any((w,) in hand for w in form):
            continue
        if form in hand or (len(form) == 2 and (form[0],) in kept):
            continue
        if len(form) == 1 and (form[0] in hand_words or not form[0].endswith(("ed", "ing"))):
            continue  # "according" (of "according to"); a derived cue is used as a verb, and
            # without a tagger only -ed and -ing are sure verb forms ("criticism", "doubts" are not)
        kept.add(form)
        entry: dict[str, Any] = {"form": " ".join(form), "gold": gold, "occurrences": seen}
        if form[0].startswith(events):
            entry["needs_complement"] = True
        entries.append(entry)
    return entries


def write(entries: list[dict[str, Any]], min_gold: int, min_precision: float) -> None:
    data = {
        "source": "derived from PolNeAR train counts by scripts/build_attribution_cues.py",
        "rule": (
            f"a one- or two-word form with >= {min_gold} occurrences inside a gold cue and"
            f" >= {min_precision:.0%} of its occurrences inside one; single words only in -ed"
            " or -ing; hand-lexicon forms and function words left out; event words need a"
            " complement"
        ),
        "min_gold": min_gold,
        "min_precision": min_precision,
        "cues": entries,
    }
    lines = ",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries)
    head = json.dumps({k: v for k, v in data.items() if k != "cues"}, indent=2)[:-2]
    OUT.write_text(f'{head},\n  "cues": [\n{lines}\n  ]\n}}\n', encoding="utf-8")
    _reload()


def _reload() -> None:
    """Drop the cached lexicon so the next run reads the file just written."""
    attribution_lexicon.derived_cues.cache_clear()
    attribution_lexicon.cues.cache_clear()
    attribution_lexicon.cue_forms.cache_clear()


def _score(files: Sequence[tuple[Path, Path]]) -> float:
    """Mean of cue exact, source exact and content overlap F1 on these articles."""
    with polnear.subset_dir(files) as base:
        result = polnear.run(base, base / "out")
    s = result["scores"]
    return (
        float(s["cue"]["exact"]["f1"] + s["source"]["exact"]["f1"] + s["content"]["overlap"]["f1"])
        / 3
    )


def tune(files: Sequence[tuple[Path, Path]]) -> tuple[int, float]:
    """The (min_gold, min_precision) chosen by two-fold cross-validation inside train: the
    strictest setting scoring within TUNE_MARGIN of the best (fewer forms carry less risk outside
    PolNeAR's election news)."""
    halves = (files[0::2], files[1::2])
    counts = [count_forms(half) for half in halves]
    write([], MIN_GOLD, MIN_PRECISION)
    print(f"hand lexicon only: {sum(_score(half) for half in halves) / 2:.2f}")
    scored: list[tuple[float, int, float]] = []
    for min_gold in _TUNE_GOLD:
        for min_precision in _TUNE_PRECISIONS:
            total = 0.0
            for fold in (0, 1):
                inside, seen = counts[fold]
                write(select(inside, seen, min_gold, min_precision), min_gold, min_precision)
                total += _score(halves[1 - fold])
            print(f"min_gold {min_gold}, min_precision {min_precision}: {total / 2:.2f}")
            scored.append((total / 2, min_gold, min_precision))
    best = max(score for score, _, _ in scored)
    _, min_gold, min_precision = max(
        (row for row in scored if row[0] >= best - TUNE_MARGIN), key=lambda row: row[1:]
    )
    return min_gold, min_precision


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="choose thresholds by 2-fold CV")
    args = parser.parse_args()
    files = polnear.gold_files(shared_dir() / "data" / "polnear" / "train")
    min_gold, min_precision = tune(files) if args.tune else (MIN_GOLD, MIN_PRECISION)
    write([], min_gold, min_precision)
    inside, total = count_forms(files)
    entries = select(inside, total, min_gold, min_precision)
    write(entries, min_gold, min_precision)
    print(f"{len(entries)} forms (min_gold {min_gold}, min_precision {min_precision}) -> {OUT}")


if __name__ == "__main__":
    main()
