"""Train the attribution cue tagger on PolNeAR train: src/.../attribution/cue_model.json.

Usage: .venv/bin/python scripts/train_attribution_cues.py [--tune]
Reads $CLAIMLEDGER_SHARED/data/polnear/train (or ../shared beside the repo). Only train is read;
dev stays unseen.

Each word of each sentence (tokens of ``claimledger.nlp.attribution.tokenize``) is an example:
positive when it lies inside a gold cue span of the article's gold file (the convention of
``claimledger.eval.polnear.gold_files``). An averaged perceptron learns weights for the features
of ``claimledger.nlp.attribution_model.token_features``; weights under WEIGHT_FLOOR in size are
dropped to keep the file small. With --tune the seed and extension thresholds are chosen by
two-fold cross-validation inside train (train on one half of the articles, run
``find_attributions`` with the tagger on the other; the best mean of cue exact and source exact
F1, ties to content overlap F1); the final model is then trained on all of train. Without it,
THRESHOLD and EXTEND (the last tuned choice) are used.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from build_attribution_cues import shared_dir  # noqa: E402

from claimledger.eval import polnear  # noqa: E402
from claimledger.nlp import attribution_model  # noqa: E402
from claimledger.nlp.attribution import tokenize  # noqa: E402
from claimledger.nlp.attribution_model import CueTagger, quote_flags, token_features  # noqa: E402
from claimledger.nlp.sentences import split_sentences  # noqa: E402

OUT = REPO / "src" / "claimledger" / "resources" / attribution_model.MODEL_PATH
EPOCHS = 5
THRESHOLD = 2.0
EXTEND = -10.0
WEIGHT_FLOOR = 0.5
_TUNE_THRESHOLDS = (1.0, 2.0, 3.0, 4.0)
_TUNE_GAPS = (6.0, 8.0, 12.0)  # extend = threshold - gap

Example = tuple[list[str], bool]


def examples(files: Sequence[tuple[Path, Path]]) -> list[Example]:
    """(features, inside a gold cue) for every word of the articles."""
    out: list[Example] = []
    for text_path, ann_path in files:
        text = text_path.read_text(encoding="utf-8")
        spans, _events = polnear.parse_ann(ann_path.read_text(encoding="utf-8"))
        cues = spans["cue"]
        sentences = [tokenize(text, a, b) for a, b in split_sentences(text)]
        flags = quote_flags(text, [t for toks in sentences for t in toks])
        offset = 0
        for toks in sentences:
            inside = flags[offset : offset + len(toks)]
            offset += len(toks)
            for n, tok in enumerate(toks):
                if not tok.text[0].isalnum():
                    continue
                gold = any(a <= tok.start and tok.end <= b for a, b in cues)
                out.append((token_features(toks, n, inside), gold))
    return out


def train(files: Sequence[tuple[Path, Path]]) -> dict[str, float]:
    weights = attribution_model.train_perceptron(examples(files), EPOCHS)
    return {f: round(w, 2) for f, w in weights.items() if abs(w) >= WEIGHT_FLOOR}


def _score(files: Sequence[tuple[Path, Path]], tagger: CueTagger | None) -> tuple[float, float]:
    """(mean of cue exact and source exact F1, content overlap F1) on these articles."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "text").mkdir()
        (base / "attributions").mkdir()
        for text_path, ann_path in files:
            (base / "text" / text_path.name).symlink_to(text_path)
            (base / "attributions" / ann_path.name).symlink_to(ann_path)
        result = polnear.run(base, base / "out", tagger=tagger)
    s = result["scores"]
    print(
        f"    cue {s['cue']['exact']['f1']} source {s['source']['exact']['f1']}"
        f" content overlap {s['content']['overlap']['f1']}"
    )
    return (
        float(s["cue"]["exact"]["f1"] + s["source"]["exact"]["f1"]) / 2,
        float(s["content"]["overlap"]["f1"]),
    )


def tune(files: Sequence[tuple[Path, Path]]) -> tuple[float, float]:
    """(threshold, extend) with the best two-fold cross-validated mean of cue exact and source
    exact F1 inside train (the tagger is used only if it raises these); ties go to content."""
    halves = (files[0::2], files[1::2])
    base = [_score(half, None) for half in halves]
    cue_source, content = (sum(b[n] for b in base) / 2 for n in (0, 1))
    print(f"lexicon only: {cue_source:.2f} (content {content:.2f})")
    models = [train(half) for half in halves]
    scored: list[tuple[float, float, float, float]] = []
    for threshold in _TUNE_THRESHOLDS:
        for gap in _TUNE_GAPS:
            folds = [
                _score(halves[1 - fold], CueTagger(models[fold], threshold, threshold - gap))
                for fold in (0, 1)
            ]
            cue_source, content = (sum(f[n] for f in folds) / 2 for n in (0, 1))
            extend = threshold - gap
            print(
                f"threshold {threshold}, extend {extend}: {cue_source:.2f} (content {content:.2f})"
            )
            scored.append((round(cue_source, 2), content, threshold, extend))
    _, _, threshold, extend = max(scored)
    return threshold, extend


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="choose the threshold by 2-fold CV")
    args = parser.parse_args()
    files = polnear.gold_files(shared_dir() / "data" / "polnear" / "train")
    threshold, extend = tune(files) if args.tune else (THRESHOLD, EXTEND)
    weights = train(files)
    data = {
        "source": "derived from PolNeAR train by scripts/train_attribution_cues.py",
        "rule": (
            f"averaged perceptron, {EPOCHS} epochs, over token features; a word is a cue word"
            " seeds a cue when its score exceeds the threshold, and neighbouring words scoring"
            f" above extend join it; weights under {WEIGHT_FLOOR} dropped"
        ),
        "epochs": EPOCHS,
        "threshold": threshold,
        "extend": extend,
        "weights": dict(sorted(weights.items())),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(weights)} weights, threshold {threshold}, extend {extend} -> {OUT}")


if __name__ == "__main__":
    main()
