"""Train the spaCy CUE tagger on PolNeAR train: src/.../attribution/cue_model/.

Usage: .venv/bin/python scripts/train_attribution_cues.py [--epochs N] [--subset N] [--width N]
    [--embed N] [--out DIR] [--compare DIR]
Reads $CLAIMLEDGER_SHARED/data/polnear/train (or ../shared beside the repo). Only train is read;
dev stays unseen.

The train articles are split by article (fixed seed): HELD_OUT of them are held out for early
stopping and every choice made about the model; the rest are trained on. Each article is one
Doc of the words of ``claimledger.nlp.attribution.tokenize`` (sentence by sentence) with the
gold cue extents (first to last fragment, widened to whole tokens; a cue overlapping an earlier
one is dropped) as CUE entities. After each epoch the tagger alone is scored on the held-out
articles (exact cue spans); the epoch with the best F1 is saved, and training stops after
PATIENCE epochs without a better one. With --compare DIR the script only scores a saved model
on the held-out part, rules only against rules + tagger (``polnear.run`` scoring).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # the machine is shared: one core for training

import argparse  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from build_attribution_cues import shared_dir  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.training import Example  # noqa: E402
from thinc.api import fix_random_seed  # noqa: E402

from claimledger.eval import polnear  # noqa: E402
from claimledger.nlp.attribution import tokenize  # noqa: E402
from claimledger.nlp.attribution_model import (  # noqa: E402
    MODEL_DIR,
    CueTagger,
    blank_cue_pipeline,
    cue_example,
    load_model,
    save_model,
)
from claimledger.nlp.sentences import split_sentences  # noqa: E402

OUT = REPO / "src" / "claimledger" / "resources" / MODEL_DIR
HELD_OUT = 0.15
SEED = 7
BATCH = 8  # articles per update
DROPOUT = 0.2
PATIENCE = 3  # epochs without a better held-out F1 before stopping

Files = Sequence[tuple[Path, Path]]


def split(files: Files) -> tuple[list[tuple[Path, Path]], list[tuple[Path, Path]]]:
    """(train part, held-out part) of the train articles, by article with a fixed seed."""
    order = list(files)
    random.Random(SEED).shuffle(order)
    cut = round(len(order) * HELD_OUT)
    return sorted(order[cut:]), sorted(order[:cut])


def example(nlp: Language, text_path: Path, ann_path: Path) -> Example:
    text = text_path.read_text(encoding="utf-8")
    spans, _events = polnear.parse_ann(ann_path.read_text(encoding="utf-8"))
    toks = [t for a, b in split_sentences(text) for t in tokenize(text, a, b)]
    return cue_example(nlp, text, toks, spans["cue"])


def score(tagger: CueTagger, files: Files) -> tuple[float, float, float]:
    """Exact cue precision, recall, F1 of the tagger alone on these articles."""
    right = predicted = gold = 0
    for text_path, ann_path in files:
        text = text_path.read_text(encoding="utf-8")
        spans, _events = polnear.parse_ann(ann_path.read_text(encoding="utf-8"))
        found = tagger.cue_spans(text, [tokenize(text, a, b) for a, b in split_sentences(text)])
        right += len(found & spans["cue"])
        predicted += len(found)
        gold += len(spans["cue"])
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return 100 * p, 100 * r, 200 * p * r / (p + r) if p + r else 0.0


def compare(model: Path, files: Files) -> None:
    """Rules only against rules + the tagger of `model` on these articles, scored like dev."""
    tagger = load_model(model)
    with polnear.subset_dir(files) as base:
        for label, use in (("rules only", None), ("rules + tagger", tagger)):
            started = time.perf_counter()
            result = polnear.run(base, base / "out", tagger=use)
            seconds = time.perf_counter() - started
            print(f"\nheld-out part, {label}: {len(files)} articles in {seconds:.1f} s")
            print(polnear.format_scores(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--subset", type=int, default=0, help="train on N articles (timing)")
    parser.add_argument("--width", type=int, default=96, help="token vector width")
    parser.add_argument("--embed", type=int, default=2000, help="hash embedding rows")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="DIR",
        help="only score the model in DIR on the held-out part: rules only against rules + tagger",
    )
    args = parser.parse_args()
    fix_random_seed(SEED)
    files = polnear.gold_files(shared_dir() / "data" / "polnear" / "train")
    train_part, held_out = split(files)
    if args.compare:
        compare(args.compare, held_out)
        return
    if args.subset:
        train_part = train_part[: args.subset]
    print(f"{len(train_part)} train articles, {len(held_out)} held out")
    nlp = blank_cue_pipeline(args.width, args.embed)
    examples = [example(nlp, *pair) for pair in train_part]
    optimizer = nlp.initialize(lambda: examples)
    best, since_best = -1.0, 0
    rng = random.Random(SEED)
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for first in range(0, len(examples), BATCH):
            nlp.update(examples[first : first + BATCH], drop=DROPOUT, sgd=optimizer, losses=losses)
        seconds = time.perf_counter() - started
        with nlp.use_params(optimizer.averages):
            p, r, f1 = score(CueTagger(nlp), held_out)
            if f1 > best:
                best, since_best = f1, 0
                if args.out.exists():
                    if not (args.out / "meta.json").is_file():
                        raise SystemExit(f"{args.out} exists and is no model folder: not replaced")
                    shutil.rmtree(args.out)
                save_model(nlp, args.out)
            else:
                since_best += 1
        print(
            f"epoch {epoch}: loss {losses['ner']:.0f}, {seconds:.0f} s;"
            f" held-out cue exact P {p:.1f} R {r:.1f} F1 {f1:.1f}"
            + (" (saved)" if since_best == 0 else ""),
            flush=True,
        )
        if since_best >= PATIENCE:
            break
    print(f"best held-out cue exact F1 {best:.1f} -> {args.out}")


if __name__ == "__main__":
    main()
