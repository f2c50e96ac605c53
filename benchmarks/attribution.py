"""Attribution on PolNeAR: cue, source and content P/R/F1 (exact and overlap), and speed.

Usage: .venv/bin/python benchmarks/attribution.py [--split train|dev|both] [--tagger off|on|both]
With the tagger on, the learned cue tagger (``attribution_model.cue_tagger``) adds cue candidates
besides the lexicon's.
Reads $CLAIMLEDGER_SHARED/data/polnear (or ../shared beside the repo); writes brat files to a
temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, shared_dir

from claimledger.eval.polnear import format_scores, gold_files, parse_ann, run
from claimledger.nlp.attribution import find_attributions
from claimledger.nlp.attribution_lexicon import cue_forms, derived_cues, hand_cues
from claimledger.nlp.attribution_model import CueTagger, cue_tagger
from claimledger.nlp.sentences import split_sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "both"), default="both")
    parser.add_argument("--tagger", choices=("off", "on", "both"), default="both")
    args = parser.parse_args()
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    taggers = {"off": (False,), "on": (True,), "both": (False, True)}[args.tagger]
    print(machine())
    print(f"cue lexicon: {len(hand_cues())} hand-written cues, {len(derived_cues())} derived forms")
    tagger = cue_tagger()
    print(
        f"cue tagger: {len(tagger.weights)} weights,"
        f" seed {tagger.threshold}, extend {tagger.extend}"
    )
    for split in splits:
        data = shared_dir() / "data" / "polnear" / split
        for use in taggers:
            with tempfile.TemporaryDirectory() as out:
                started = time.perf_counter()
                result = run(data, Path(out), tagger=tagger if use else None)
                seconds = time.perf_counter() - started
            label = "rules + tagger" if use else "rules only"
            print(
                f"\n{split}, {label}: {result['articles']} articles in {seconds:.1f} s"
                f" ({1000 * seconds / result['articles']:.1f} ms/article; {result['gold']})"
            )
            print(format_scores(result))
            print(breakdown(data, tagger if use else None))


def breakdown(data: Path, tagger: CueTagger | None = None) -> str:
    """Where the errors come from: gold cues the lexicon lacks, and, for gold attributions whose
    cue was found, how often their source and content match."""
    forms = cue_forms()
    in_lexicon = cues = found_cue = 0
    source = {"exact": 0, "overlap": 0, "gold": 0}
    content = {"exact": 0, "overlap": 0, "gold": 0}
    for text_path, ann_path in gold_files(data):
        text = text_path.read_text(encoding="utf-8")
        _spans, events = parse_ann(ann_path.read_text(encoding="utf-8"))
        predicted = find_attributions(text, split_sentences(text), tagger=tagger)
        for event in events:
            if event.cue is None:
                continue
            cues += 1
            words = tuple(text[event.cue[0] : event.cue[1]].lower().replace(":", " ").split())
            if any(words[i : i + n] in forms for n in (1, 2, 3) for i in range(len(words))):
                in_lexicon += 1
            match = next(
                (a for a in predicted if a.cue.start < event.cue[1] and event.cue[0] < a.cue.end),
                None,
            )
            if match is None:
                continue
            found_cue += 1
            for gold, ref, tally in (
                (event.source, match.source, source),
                (event.content, match.content, content),
            ):
                if gold is None:
                    continue
                tally["gold"] += 1
                if ref is not None and (ref.start, ref.end) == gold:
                    tally["exact"] += 1
                if ref is not None and ref.start < gold[1] and gold[0] < ref.end:
                    tally["overlap"] += 1

    def share(part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f}%" if whole else "-"

    return (
        f"gold cues containing a lexicon form: {share(in_lexicon, cues)} of {cues}\n"
        f"gold attributions whose cue was found: {share(found_cue, cues)}; of those, source"
        f" exact {share(source['exact'], source['gold'])}, overlap"
        f" {share(source['overlap'], source['gold'])}; content exact"
        f" {share(content['exact'], content['gold'])}, overlap"
        f" {share(content['overlap'], content['gold'])}"
    )


if __name__ == "__main__":
    main()
