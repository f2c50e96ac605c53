"""A learned cue detector for attribution: a spaCy entity recogniser with one label, CUE.

PolNeAR marks attitudes and evaluations far beyond a report lexicon ("has drawn harsh
criticism", "pinned his hopes on"): phrases with exact boundaries, which a transition-based span
tagger predicts directly. The model is a ``spacy.blank("en")`` pipeline with a single "ner" pipe
(HashEmbedCNN token vectors from word form, prefix, suffix and shape; no pretrained vectors)
trained on PolNeAR train by ``scripts/train_attribution_cues.py``, which saves it to
``resources/en/attribution/cue_model/`` (``nlp.to_disk``, the string store cut to its label). It
reads the words of ``claimledger.nlp.attribution.tokenize``, so its spans start and end on the
rules' tokens, and its cues join the lexicon's as candidates in
``find_attributions(..., tagger=cue_tagger())`` or the component's ``cue_tagger`` option.

It is off by default: on PolNeAR dev it raises exact cue F1 by 1.1 points, and in war news most
of what it adds is wrong (events such as "has imposed sanctions" reported as speech); see
``benchmarks/results/attribution_model.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.training import Example

from claimledger.nlp.attribution_lexicon import LexiconError

MODEL_DIR = "en/attribution/cue_model"
LABEL = "CUE"
_MODEL_FILES = ("config.cfg", "meta.json")


class CueModelError(LexiconError):
    """The learned cue model's folder is missing, unreadable or not a CUE recogniser."""


class TokenLike(Protocol):
    """What the tagger reads of a token (``claimledger.nlp.attribution.Token``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def lower(self) -> str: ...


class SpanTagger(Protocol):
    """What ``find_attributions`` needs of a learned cue tagger (``CueTagger`` here): cue
    character spans of a text given as the tokens of its sentences."""

    def cue_spans(
        self, text: str, sentences: Sequence[Sequence[TokenLike]]
    ) -> set[tuple[int, int]]: ...


def token_doc(nlp: Language, text: str, toks: Sequence[TokenLike]) -> Doc:
    """A Doc of exactly these tokens, a space after a token when text separates it from the
    next (the Doc's text is not the article's: offsets map through the tokens)."""
    words = [t.text for t in toks]
    spaces = [n + 1 < len(toks) and toks[n + 1].start > t.end for n, t in enumerate(toks)]
    return Doc(nlp.vocab, words=words, spaces=spaces)


def blank_cue_pipeline(width: int = 96, embed_size: int = 2000) -> Language:
    """An untrained ``spacy.blank("en")`` pipeline with a "ner" pipe for CUE: HashEmbedCNN
    token vectors of `width` (`embed_size` hash rows per feature), no pretrained vectors."""
    nlp = spacy.blank("en")
    tok2vec = {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": width,
        "depth": 4,
        "embed_size": embed_size,
        "window_size": 1,
        "maxout_pieces": 3,
        "subword_features": True,
    }
    nlp.add_pipe("ner", config={"model": {"tok2vec": tok2vec}})
    _recogniser(nlp).add_label(LABEL)
    return nlp


def cue_example(
    nlp: Language, text: str, toks: Sequence[TokenLike], cues: Iterable[tuple[int, int]]
) -> Example:
    """A training example: the Doc of the tokens, with the gold cue character spans as CUE
    entities (widened to whole tokens; a cue overlapping an earlier one is left out, as the
    tagger predicts no overlapping spans)."""
    reference = token_doc(nlp, text, toks)
    taken: set[int] = set()
    ents: list[Span] = []
    for start, end in sorted(cues):
        # the Doc's text is rebuilt from the words, so offsets map through the tokens
        inside = [n for n, t in enumerate(toks) if t.start < end and start < t.end]
        if not inside or taken.intersection(range(inside[0], inside[-1] + 1)):
            continue
        taken.update(range(inside[0], inside[-1] + 1))
        ents.append(Span(reference, inside[0], inside[-1] + 1, label=LABEL))
    reference.set_ents(ents, default="outside")
    return Example(token_doc(nlp, text, toks), reference)


def _recogniser(nlp: Language) -> EntityRecognizer:
    pipe = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    if not isinstance(pipe, EntityRecognizer):
        raise CueModelError("cue model: needs a 'ner' pipe (an entity recogniser)")
    return pipe


class CueTagger:
    """Cue spans from a trained spaCy pipeline whose "ner" pipe tags CUE entities."""

    def __init__(self, nlp: Language) -> None:
        self.recogniser = _recogniser(nlp)
        if LABEL not in self.recogniser.labels:
            raise CueModelError(f"cue model: its 'ner' pipe has no label {LABEL}")
        self.nlp = nlp

    def cue_spans(
        self, text: str, sentences: Sequence[Sequence[TokenLike]]
    ) -> set[tuple[int, int]]:
        """Character spans of the cues tagged in a text given as the tokens of its sentences
        (one Doc for the text; a span crossing a sentence boundary is dropped)."""
        toks = [t for sentence in sentences for t in sentence]
        if not toks:
            return set()
        sentence_of = [n for n, sentence in enumerate(sentences) for _t in sentence]
        doc = self.recogniser(token_doc(self.nlp, text, toks))
        return {
            (toks[ent.start].start, toks[ent.end - 1].end)
            for ent in doc.ents
            if ent.label_ == LABEL and sentence_of[ent.start] == sentence_of[ent.end - 1]
        }


def save_model(nlp: Language, path: Path) -> None:
    """Write a trained CUE pipeline to `path`, its string store cut to the label: the hash
    embeddings read hashes of the words, so the training vocabulary need not travel."""
    nlp.to_disk(path)
    (path / "vocab" / "strings.json").write_text(json.dumps([LABEL]), encoding="utf-8")


def load_model(path: Path) -> CueTagger:
    """The tagger saved in a folder by ``nlp.to_disk``; CueModelError when it is missing or not
    a CUE model."""
    missing = [name for name in _MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise CueModelError(
            f"cue model {path}: missing {', '.join(missing)} (rebuild it with"
            " scripts/train_attribution_cues.py)"
        )
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        nlp = spacy.load(path)
    except Exception as error:  # config, msgpack and thinc readers each fail their own way
        raise CueModelError(f"cue model {path}: cannot be loaded ({error})") from error
    if not isinstance(meta, dict) or meta.get("lang") != "en":
        raise CueModelError(f"cue model {path}: meta.json must describe an English pipeline")
    return CueTagger(nlp)


@cache
def cue_tagger() -> CueTagger:
    """The CUE tagger trained on PolNeAR train, loaded once from the package's resources."""
    with resources.as_file(resources.files("claimledger.resources").joinpath(MODEL_DIR)) as path:
        return load_model(path)
