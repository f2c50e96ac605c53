"""The claim data files: event words with their PLOVER types, modality cues, function words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from claimledger.resources import check_keys, index_forms, read_json

# PLOVER event types the event lexicon may use (docs/claims.md gives the mapping).
EVENT_TYPES: frozenset[str] = frozenset(
    {"AID", "MOBILIZE", "ASSAULT", "CONSULT", "AGREE", "ACCUSE", "SANCTION", "THREATEN"}
)
ROLES: frozenset[str] = frozenset({"source", "recipient", "agent", "target"})
MODALITIES: tuple[str, ...] = ("denied", "conditional", "planned", "hedged")
EVENT_KINDS: frozenset[str] = frozenset({"verb", "noun"})

_EVENT_KEYS = (
    "lemma",
    "type",
    "kind",
    "forms",
    "subject_role",
    "object_role",
    "passive_subject_role",
    "needs_quantity",
    "governs",
    "all_agents",
    "needs_source",
)
_EVENTS_FILE_KEYS = ("events", "retype_by_item", "type_roles", "counted_types")
_RETYPE_KEYS = ("from", "to", "items")
_MODALITY_FILE_KEYS = ("cues", "order", "stances")
_MODALITY_CUE_KEYS = ("modality", "forms")
_WORD_KEYS = (
    "preposition_roles",
    "party_prepositions",
    "other_prepositions",
    "place_prepositions",
    "determiners",
    "measure_nouns",
    "abstract_items",
    "money_units",
    "pronouns",
    "object_stops",
    "clause_boundaries",
    "auxiliaries",
    "clause_openers",
    "subject_words",
    "be_forms",
    "title_words",
    "place_anaphors",
    "partitive_openers",
    "doer_stances",
    "strong_boundaries",
)

Phrase = tuple[str, ...]


class ClaimLexiconError(ValueError):
    """A claims data file has an unknown key or a bad value."""


@dataclass(frozen=True, slots=True)
class EventCue:
    """A word that names an event, the PLOVER type it signals and how its actors are placed."""

    lemma: str
    type: str
    kind: str  # verb or noun: only verbs can be passive
    forms: tuple[Phrase, ...]
    subject_role: str = "agent"  # role of the entity before the word ("Russia received": recipient)
    object_role: str | None = None  # role of an entity right after it ("provides Russia with")
    passive_subject_role: str | None = None  # "Kyiv was attacked": target; None: no role
    needs_quantity: bool = False  # "lost" is an event only with a figure ("lost 4,700 soldiers")
    governs: bool = False  # "promised to send": lends modality to the next event word
    all_agents: bool = False  # meetings and agreements: every party is an agent
    needs_source: bool = False  # "Russia had missiles from the DPRK": only with "from X"


@dataclass(frozen=True, slots=True)
class Retype:
    """An event of type `source` whose item is one of `items` has type `target` instead."""

    source: str
    target: str
    items: frozenset[str]


@dataclass(frozen=True, slots=True)
class Modality:
    """Modality cue phrases, their precedence, and the modality an attribution stance implies."""

    cues: dict[Phrase, str]
    order: tuple[str, ...]
    stances: dict[str, str]


@dataclass(frozen=True, slots=True)
class Words:
    """Closed classes of function words the claim rules use."""

    preposition_roles: dict[str, str]
    party_prepositions: frozenset[str]  # "talks with X", "between X and Y"
    other_prepositions: frozenset[str]  # "critical of Russia": no role, and not a subject
    place_prepositions: frozenset[str]
    determiners: frozenset[str]
    measure_nouns: frozenset[Phrase]
    abstract_items: frozenset[str]  # "give hope", "deny access": nothing is handed over
    money_units: frozenset[str]  # a figure in these needs no item ("$156m to Ukraine")
    pronouns: frozenset[str]
    object_stops: frozenset[str]
    clause_boundaries: frozenset[str]
    auxiliaries: frozenset[str]  # after "and" they start a new verb phrase
    clause_openers: frozenset[str]  # ", and", ", which": a new clause may start
    subject_words: frozenset[str]  # "and there are", "and they sent": it has its own subject
    be_forms: frozenset[str]
    title_words: frozenset[str]
    place_anaphors: frozenset[str]
    partitive_openers: frozenset[Phrase]
    doer_stances: frozenset[str]  # "North Korea plans to send": the sayer does the act
    strong_boundaries: frozenset[str]  # end the clause actors are read in


def _phrase(value: Any, where: str) -> Phrase:
    if not isinstance(value, str) or not value.strip():
        raise ClaimLexiconError(f"{where}: expected a non-empty string, got {value!r}")
    return tuple(value.lower().replace("’", "'").split())


def _check_keys(
    entry: Any, allowed: tuple[str, ...], required: tuple[str, ...], where: str
) -> None:
    check_keys(entry, allowed, where, required=required, error=ClaimLexiconError)


def _role(value: Any, where: str) -> str:
    if value not in ROLES:
        raise ClaimLexiconError(f"{where}: role {value!r} is not one of {sorted(ROLES)}")
    return str(value)


def _event(entry: Any, where: str) -> EventCue:
    _check_keys(entry, _EVENT_KEYS, ("lemma", "type", "forms"), where)
    if entry["type"] not in EVENT_TYPES:
        raise ClaimLexiconError(
            f"{where}: type {entry['type']!r} is not one of {sorted(EVENT_TYPES)}"
        )
    kind = entry.get("kind", "verb")
    if kind not in EVENT_KINDS:
        raise ClaimLexiconError(f"{where}: kind {kind!r} is not one of {sorted(EVENT_KINDS)}")
    forms = entry["forms"]
    if not isinstance(forms, list) or not forms:
        raise ClaimLexiconError(f"{where}: forms must be a non-empty list of words")
    object_role = entry.get("object_role")
    passive_role = entry.get("passive_subject_role")
    return EventCue(
        lemma=str(entry["lemma"]),
        type=str(entry["type"]),
        kind=str(kind),
        forms=tuple(_phrase(form, f"{where}.forms") for form in forms),
        subject_role=_role(entry.get("subject_role", "agent"), f"{where}.subject_role"),
        object_role=None if object_role is None else _role(object_role, f"{where}.object_role"),
        passive_subject_role=(
            None if passive_role is None else _role(passive_role, f"{where}.passive_subject_role")
        ),
        needs_quantity=bool(entry.get("needs_quantity", False)),
        governs=bool(entry.get("governs", False)),
        all_agents=bool(entry.get("all_agents", False)),
        needs_source=bool(entry.get("needs_source", False)),
    )


def _retype(entry: Any, where: str) -> Retype:
    _check_keys(entry, _RETYPE_KEYS, _RETYPE_KEYS, where)
    for key in ("from", "to"):
        if entry[key] not in EVENT_TYPES:
            raise ClaimLexiconError(
                f"{where}.{key}: {entry[key]!r} is not one of {sorted(EVENT_TYPES)}"
            )
    items = frozenset(" ".join(_phrase(item, f"{where}.items")) for item in entry["items"])
    return Retype(source=str(entry["from"]), target=str(entry["to"]), items=items)


@dataclass(frozen=True, slots=True)
class Events:
    """The event file: event words, retyping by item, the actor roles each type takes."""

    cues: tuple[EventCue, ...]
    retypes: tuple[Retype, ...]
    type_roles: dict[str, frozenset[str]]
    counted_types: frozenset[str]  # types whose claims carry a figure ("sent 3,000 troops")


def parse_events(data: Any, where: str = "events") -> Events:
    """Check and convert the event file."""
    _check_keys(data, _EVENTS_FILE_KEYS, _EVENTS_FILE_KEYS, where)
    cues = tuple(_event(e, f"{where}.events[{i}]") for i, e in enumerate(data["events"]))
    retypes = tuple(
        _retype(r, f"{where}.retype_by_item[{i}]") for i, r in enumerate(data["retype_by_item"])
    )
    type_roles = data["type_roles"]
    if not isinstance(type_roles, dict) or set(type_roles) != EVENT_TYPES:
        raise ClaimLexiconError(
            f"{where}.type_roles: give the roles of each of {sorted(EVENT_TYPES)}"
        )
    roles = {
        kind: frozenset(_role(r, f"{where}.type_roles.{kind}") for r in allowed)
        for kind, allowed in type_roles.items()
    }
    counted = data["counted_types"]
    if not isinstance(counted, list) or not set(counted) <= EVENT_TYPES:
        raise ClaimLexiconError(
            f"{where}.counted_types: a list of types among {sorted(EVENT_TYPES)}"
        )
    return Events(cues=cues, retypes=retypes, type_roles=roles, counted_types=frozenset(counted))


def parse_modality(data: Any, where: str = "modality") -> Modality:
    """Check and convert the modality file: cue phrases, precedence, stance mapping."""
    _check_keys(data, _MODALITY_FILE_KEYS, _MODALITY_FILE_KEYS, where)
    if sorted(data["order"]) != sorted(MODALITIES):
        raise ClaimLexiconError(f"{where}.order: must list each of {list(MODALITIES)} once")
    cues: dict[Phrase, str] = {}
    for i, entry in enumerate(data["cues"]):
        here = f"{where}.cues[{i}]"
        _check_keys(entry, _MODALITY_CUE_KEYS, _MODALITY_CUE_KEYS, here)
        if entry["modality"] not in MODALITIES:
            raise ClaimLexiconError(
                f"{here}: modality {entry['modality']!r} is not one of {list(MODALITIES)}"
            )
        for form in entry["forms"]:
            cues.setdefault(_phrase(form, f"{here}.forms"), str(entry["modality"]))
    stances = data["stances"]
    if not isinstance(stances, dict) or not all(v in MODALITIES for v in stances.values()):
        raise ClaimLexiconError(f"{where}.stances: values must be among {list(MODALITIES)}")
    return Modality(cues=cues, order=tuple(data["order"]), stances=dict(stances))


def parse_words(data: Any, where: str = "words") -> Words:
    """Check and convert the function-word lists."""
    _check_keys(data, _WORD_KEYS, _WORD_KEYS, where)
    roles = data["preposition_roles"]
    if not isinstance(roles, dict):
        raise ClaimLexiconError(f"{where}.preposition_roles: expected an object word -> role")
    preposition_roles = {
        str(word).lower(): _role(role, f"{where}.preposition_roles") for word, role in roles.items()
    }

    def words(key: str) -> frozenset[str]:
        return frozenset(" ".join(_phrase(w, f"{where}.{key}")) for w in data[key])

    def phrases(key: str) -> frozenset[Phrase]:
        return frozenset(_phrase(w, f"{where}.{key}") for w in data[key])

    return Words(
        preposition_roles=preposition_roles,
        party_prepositions=words("party_prepositions"),
        other_prepositions=words("other_prepositions"),
        place_prepositions=words("place_prepositions"),
        determiners=words("determiners"),
        measure_nouns=phrases("measure_nouns"),
        abstract_items=words("abstract_items"),
        money_units=frozenset(str(u) for u in data["money_units"]),
        pronouns=words("pronouns"),
        object_stops=words("object_stops"),
        clause_boundaries=words("clause_boundaries"),
        auxiliaries=words("auxiliaries"),
        clause_openers=words("clause_openers"),
        subject_words=words("subject_words"),
        be_forms=words("be_forms"),
        title_words=words("title_words"),
        place_anaphors=words("place_anaphors"),
        partitive_openers=phrases("partitive_openers"),
        doer_stances=words("doer_stances"),
        strong_boundaries=words("strong_boundaries"),
    )


@cache
def events() -> Events:
    path = "en/claims/events.json"
    return parse_events(read_json(path), path)


@cache
def event_forms() -> dict[Phrase, EventCue]:
    """Every word form (a lower-cased word tuple) to its event cue; the first listed wins."""
    return index_forms(events().cues)


@cache
def modality() -> Modality:
    path = "en/claims/modality.json"
    return parse_modality(read_json(path), path)


@cache
def words() -> Words:
    path = "en/claims/words.json"
    return parse_words(read_json(path), path)


@cache
def event_first_words() -> frozenset[str]:
    """The words event phrases start with: a cheap test before looking phrases up."""
    return frozenset(form[0] for form in event_forms())
