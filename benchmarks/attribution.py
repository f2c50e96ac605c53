"""Attribution on PolNeAR: cue, source and content P/R/F1 (exact and overlap), and speed.

Usage: .venv/bin/python benchmarks/attribution.py [--split train|dev|both|war-news]
    [--tagger off|on|both] [--model DIR]
With the tagger on, the learned cue tagger (``attribution_model``: the packaged model, or the
folder DIR that scripts/train_attribution_cues.py wrote) adds cue candidates besides the
lexicon's.
``--split war-news`` lists what the tagger adds to and drops from the rules' attributions in 20
ukraine-news articles (every 9th from the 4th of those no gold set uses; with the entity
mentions of the pipeline) and times both.
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

from common import REPO, machine, shared_dir

from claimledger.eval.polnear import format_scores, gold_files, parse_ann, run
from claimledger.ingest.registry import read_input
from claimledger.model import Attribution
from claimledger.nlp.attribution import find_attributions
from claimledger.nlp.attribution_lexicon import cue_forms, derived_cues, hand_cues
from claimledger.nlp.attribution_model import MODEL_DIR, SpanTagger, cue_tagger, load_model
from claimledger.nlp.pipeline import build_pipeline
from claimledger.nlp.sentences import split_sentences
from claimledger.nlp.spans import records, sentence_bounds

GOLD = REPO / "tests" / "gold"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "both", "war-news"), default="both")
    parser.add_argument("--tagger", choices=("off", "on", "both"), default="both")
    parser.add_argument("--model", type=Path, help="a CUE model folder (default: packaged)")
    args = parser.parse_args()
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    taggers = {"off": (False,), "on": (True,), "both": (False, True)}[args.tagger]
    print(machine())
    print(f"cue lexicon: {len(hand_cues())} hand-written cues, {len(derived_cues())} derived forms")
    started = time.perf_counter()
    tagger: SpanTagger = load_model(args.model) if args.model else cue_tagger()
    print(
        f"cue tagger: spaCy CUE model {args.model or MODEL_DIR}, loaded in"
        f" {time.perf_counter() - started:.2f} s"
    )
    if args.split == "war-news":
        print(war_news(tagger))
        return
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


def war_news(tagger: SpanTagger) -> str:
    """Attributions the tagger adds or drops in 20 war-news articles, and the time per article."""
    nlp = build_pipeline(disable=("claimledger_attribution",))
    # articles no gold set uses (those are the unseen checks)
    gold = "\n".join(p.read_text(encoding="utf-8") for p in GOLD.rglob("*") if p.is_file())
    paths = [
        path
        for path in sorted((shared_dir() / "corpus" / "ukraine-news").glob("*.txt"))
        if path.stem.rsplit("_", 1)[1] not in gold
    ][3::9][:20]
    lines: list[str] = []
    counts = {"rules": 0, "tagger": 0, "added": 0, "dropped": 0}
    seconds = {"rules": 0.0, "tagger": 0.0}
    for path in paths:
        article = read_input(str(path)).articles[0]
        doc = nlp.make_doc(article.text)
        doc._.published = article.published
        for _name, component in nlp.pipeline:
            doc = component(doc)
        mentions, sentences = records(doc, "mentions"), sentence_bounds(doc)
        found = {}
        for label, use in (("rules", None), ("tagger", tagger)):
            started = time.perf_counter()
            attributions = find_attributions(article.text, sentences, mentions, use)
            seconds[label] += time.perf_counter() - started
            counts[label] += len(attributions)
            found[label] = {_spans(a): a for a in attributions}
        for sign, key, new, old in (
            ("+", "added", "tagger", "rules"),
            ("-", "dropped", "rules", "tagger"),
        ):
            changed = [found[new][k] for k in found[new].keys() - found[old].keys()]
            for a in sorted(changed, key=lambda a: a.cue.start):
                counts[key] += 1
                source = a.source.text if a.source else None
                content = " ".join(a.content.text.split())[:100] if a.content else None
                lines.append(f"{sign} {path.name[:24]} [{source}] |{a.cue.text}| {content}")
    lines.append(
        f"{len(paths)} articles: {counts['rules']} -> {counts['tagger']} attributions,"
        f" {counts['added']} added, {counts['dropped']} dropped; find_attributions"
        f" {1000 * seconds['rules'] / len(paths):.1f} ms/article rules only,"
        f" {1000 * seconds['tagger'] / len(paths):.1f} with the tagger"
    )
    return "\n".join(lines)


def _spans(a: Attribution) -> tuple[tuple[int, int] | None, ...]:
    return tuple(
        (ref.start, ref.end) if ref is not None else None for ref in (a.source, a.cue, a.content)
    )


def breakdown(data: Path, tagger: SpanTagger | None = None) -> str:
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
