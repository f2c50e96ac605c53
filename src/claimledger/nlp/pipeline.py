"""Builds the spaCy pipeline and turns a processed Doc into a claimledger Document."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Article, Document, Sentence
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.spans import records, sentence_bounds

# (factory name, module that registers it, span group it fills) in pipeline order.
# A component reads what earlier ones wrote: quantities skip timex spans,
# attribution uses mentions.
COMPONENTS: tuple[tuple[str, str, str | None], ...] = (
    ("claimledger_sentences", "claimledger.nlp.sentences", None),
    ("claimledger_timex", "claimledger.nlp.timex", "timexes"),
    ("claimledger_quantity", "claimledger.nlp.quantity", "quantities"),
    ("claimledger_entities", "claimledger.nlp.entities", "mentions"),
    ("claimledger_attribution", "claimledger.nlp.attribution", "attributions"),
    ("claimledger_claims", "claimledger.nlp.claims", "claims"),
)

# Longest article text analysed, in characters: spaCy's default (1M) guards its statistical
# models' memory; the rule components are linear enough for more, but a bound keeps a stray
# book-length input from stalling a batch.
MAX_CHARS = 2_000_000


class TextTooLong(ValueError):
    """An article's text is longer than MAX_CHARS."""


# Span groups that become Document layers, by layer name.
GROUP_LAYERS: tuple[str, ...] = ("mentions", "timexes", "quantities", "attributions", "claims")


def build_pipeline(disable: tuple[str, ...] = (), gazetteer: str | None = None) -> Language:
    """A blank English pipeline with claimledger's components (no pretrained model needed).

    `gazetteer` is a user YAML file of extra or corrected entities and aliases.
    """
    register_extensions()
    nlp = spacy.blank("en")
    nlp.max_length = MAX_CHARS
    for factory, module, _group in COMPONENTS:
        if factory in disable:
            continue
        importlib.import_module(module)  # registers the factory
        config = {"gazetteer_path": gazetteer} if factory == "claimledger_entities" else {}
        nlp.add_pipe(factory, config=config)
    return nlp


@lru_cache(maxsize=4)
def default_pipeline(gazetteer: str | None = None) -> Language:
    """The shared pipeline of this process for a user gazetteer (or none), built once."""
    return build_pipeline(gazetteer=gazetteer)


def process(article: Article, nlp: Language | None = None) -> Document:
    """Run the pipeline over an article and collect its records into a Document."""
    nlp = nlp or default_pipeline()
    if len(article.text) > nlp.max_length:
        raise TextTooLong(
            f"text too long: {len(article.text):,} characters (limit {nlp.max_length:,});"
            " split it into articles"
        )
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return to_document(doc, article)


def to_document(doc: Doc, article: Article) -> Document:
    """Collect sentences and span-group records of a processed Doc."""
    document = Document(article=article)
    text = article.text
    for start, end in sentence_bounds(doc):
        document.sentences.append(Sentence(start, end, text[start:end]))
    for layer in GROUP_LAYERS:
        found = sorted(records(doc, layer), key=lambda r: (r.start, r.end))
        setattr(document, layer, found)
    return document
