"""The attribution data files: cue words with their stances, source-type heads, function words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from claimledger.resources import check_keys, index_forms, read_json, read_lines

STANCES: frozenset[str] = frozenset(
    {"assert", "confirm", "deny", "acknowledge", "promise", "plan", "estimate", "warn", "claim"}
)
SOURCE_TYPES: frozenset[str] = frozenset(
    {
        "media",
        "government",
        "military",
        "intelligence",
        "official person",
        "expert",
        "anonymous",
        "document",
    }
)
CUE_KINDS: frozenset[str] = frozenset({"verb", "noun", "according"})

_CUE_KEYS = (
    "lemma",
    "stance",
    "kind",
    "forms",
    "takes_object",
    "needs_complement",
    "first_person_hedge",
    "named_source",
    "passive_report",
    "attitude",
    "object_in_cue",
    "raising",
)
_WORD_KEYS = (
    "clause_openers",
    "preverbs",
    "leading_adverbials",
    "time_words",
    "participle_cues",
    "anaphoric_heads",
    "demonstratives",
    "non_subjects",
    "first_person",
    "lead_words",
    "adverbial_openers",
    "not_speakers",
    "ly_nouns",
    "before_to",
    "recipients",
    "control_verbs",
)


class LexiconError(ValueError):
    """An attribution data file has an unknown key or a bad value."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue word or phrase: its lemma, stance and the word forms that realise it."""

    lemma: str
    stance: str
    kind: str  # verb: "X said"; noun: "in a statement"; according: "according to X"
    forms: tuple[tuple[str, ...], ...]  # lower-cased word sequences
    takes_object: bool = False  # "told reporters that ...": a recipient precedes the content
    needs_complement: bool = False  # ambiguous words count only before "that", a quote or ":"
    first_person_hedge: bool = False  # "I think", "we hope" are hedges, not attributions
    named_source: bool = False  # the source must be a name or pronoun ("a party called X")
    passive_report: bool = False  # "was reported by X": the agent of the passive is a source
    # a mental state or stance ("believe", "want", "support"), not an utterance: inside another
    # report's content it is that report's wording, no attribution of its own
    attitude: bool = False
    object_in_cue: bool = False  # "expressed concern that": a bare noun object joins the cue
    # "Trump is expected to win", "Clinton seems to ...": the subject is not who expects or
    # judges (nobody named does); it belongs to the content, which holds the whole clause
    raising: bool = False


@dataclass(frozen=True, slots=True)
class Words:
    """Closed classes of function words the clause rules use."""

    clause_openers: frozenset[str]
    preverbs: frozenset[str]
    leading_adverbials: frozenset[str]
    time_words: frozenset[str]
    participle_cues: frozenset[str]
    anaphoric_heads: frozenset[str]
    demonstratives: frozenset[str]
    non_subjects: frozenset[str]  # words a subject never ends with: "the", "his", "in"
    first_person: frozenset[str]
    lead_words: frozenset[str]  # open an adverbial between a cue and its "that"
    adverbial_openers: frozenset[str]  # open a fronted adverbial: "With ..., Putin said"
    not_speakers: frozenset[str]  # labels before a colon that name no speaker: "Photo:"
    ly_nouns: frozenset[str]  # words in -ly that are no adverbs: "the assembly said"
    before_to: frozenset[str]  # "close to": "to" inside a source ("a source close to him")
    recipients: frozenset[str]  # who is told: "told him he ...", "said to reporters"
    control_verbs: frozenset[str]  # join a cue after "to": "refused to say", "was keen to note"


_DERIVED_KEYS = ("source", "rule", "min_gold", "min_precision", "cues")
_DERIVED_CUE_KEYS = ("form", "gold", "occurrences", "needs_complement")
DERIVED_CUES_PATH = "en/attribution/cues_derived.json"


def _cue(entry: dict[str, Any], where: str) -> Cue:
    check_keys(
        entry, _CUE_KEYS, where, required=("lemma", "stance", "kind", "forms"), error=LexiconError
    )
    if entry["stance"] not in STANCES:
        raise LexiconError(f"{where}: stance {entry['stance']!r} is not one of {sorted(STANCES)}")
    if entry["kind"] not in CUE_KINDS:
        raise LexiconError(f"{where}: kind {entry['kind']!r} is not one of {sorted(CUE_KINDS)}")
    forms = entry["forms"]
    if not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        raise LexiconError(f"{where}: forms must be a non-empty list of words")
    return Cue(
        lemma=str(entry["lemma"]),
        stance=str(entry["stance"]),
        kind=str(entry["kind"]),
        forms=tuple(tuple(f.lower().split()) for f in forms),
        takes_object=bool(entry.get("takes_object", False)),
        needs_complement=bool(entry.get("needs_complement", False)),
        first_person_hedge=bool(entry.get("first_person_hedge", False)),
        named_source=bool(entry.get("named_source", False)),
        passive_report=bool(entry.get("passive_report", False)),
        attitude=bool(entry.get("attitude", False)),
        object_in_cue=bool(entry.get("object_in_cue", False)),
        raising=bool(entry.get("raising", False)),
    )


def parse_cues(data: Any, where: str = "cues") -> tuple[Cue, ...]:
    """Check and convert the cue list (a JSON array of objects)."""
    if not isinstance(data, list):
        raise LexiconError(f"{where}: expected a JSON array of cue objects")
    return tuple(_cue(entry, f"{where}[{i}]") for i, entry in enumerate(data))


def parse_words(data: Any, where: str = "words") -> Words:
    """Check and convert the function-word lists (a JSON object of word arrays)."""
    check_keys(data, _WORD_KEYS, where, required=_WORD_KEYS, error=LexiconError)
    return Words(**{key: frozenset(w.lower() for w in data[key]) for key in _WORD_KEYS})


def parse_source_types(lines: tuple[str, ...], where: str = "source_types") -> dict[str, str]:
    """Head noun -> source type, from TSV lines."""
    table: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        parts = line.split("\t")
        if len(parts) != 2:
            raise LexiconError(f"{where} line {number}: expected 'head<TAB>type', got {line!r}")
        head, kind = parts[0].strip().lower(), parts[1].strip()
        if kind not in SOURCE_TYPES:
            raise LexiconError(
                f"{where} line {number}: type {kind!r} is not one of {sorted(SOURCE_TYPES)}"
            )
        table[head] = kind
    return table


def parse_derived_cues(data: Any, where: str = "derived cues") -> tuple[Cue, ...]:
    """Check and convert the corpus-derived cue forms (``scripts/build_attribution_cues.py``).

    Each form becomes a verb cue of its own (lemma = the form, stance "assert": the corpus gives
    neither); the hand-written lexicon wins where both list a form.
    """
    check_keys(data, _DERIVED_KEYS, where, error=LexiconError)
    entries = data.get("cues")
    if not isinstance(entries, list):
        raise LexiconError(f"{where}: 'cues' must be a list of objects")
    out = []
    for n, entry in enumerate(entries):
        here = f"{where}.cues[{n}]"
        check_keys(entry, _DERIVED_CUE_KEYS, here, error=LexiconError)
        form = entry.get("form")
        if not isinstance(form, str) or not form.strip():
            raise LexiconError(f"{here}: 'form' must be a non-empty string")
        words = tuple(form.lower().split())
        out.append(
            Cue(
                lemma=" ".join(words),
                stance="assert",
                kind="verb",
                forms=(words,),
                needs_complement=bool(entry.get("needs_complement", False)),
            )
        )
    return tuple(out)


@cache
def derived_cues() -> tuple[Cue, ...]:
    """The cue forms derived from PolNeAR train counts."""
    return parse_derived_cues(read_json(DERIVED_CUES_PATH), DERIVED_CUES_PATH)


@cache
def hand_cues() -> tuple[Cue, ...]:
    """The hand-written cues."""
    path = "en/attribution/cues.json"
    return parse_cues(read_json(path), path)


@cache
def cues() -> tuple[Cue, ...]:
    """The hand-written cues, then the derived ones (a form listed in both keeps its hand entry)."""
    return hand_cues() + derived_cues()


@cache
def cue_forms() -> dict[tuple[str, ...], Cue]:
    """Every word form (as a lower-cased word tuple) to its cue; first listed wins."""
    return index_forms(cues())


@cache
def words() -> Words:
    path = "en/attribution/words.json"
    return parse_words(read_json(path), path)


@cache
def source_types() -> dict[str, str]:
    path = "en/attribution/source_types.tsv"
    return parse_source_types(read_lines(path), path)
