"""Claim records: the event, actors, figure, time, place, modality and source of a proposition.

A claim starts at an event word from ``resources/en/claims/events.json`` ("sent", "lost",
"talks"). Each figure (quantity record) near the event word in its clause becomes one claim; an
event word without a figure becomes a claim when it names two parties. The clause is the
attribution content the word lies in, else its sentence minus any attribution content.
docs/claims.md documents the rules.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Actor, Attribution, Claim, Evidence, Mention, Quantity, Timex
from claimledger.nlp.claims_lexicon import (
    EventCue,
    Phrase,
    event_first_words,
    event_forms,
    events,
    modality,
    words,
)
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.spans import records, sentence_bounds, set_span_group

# Words, contractions ("did" + "n't"), numbers with separators, single punctuation marks.
_TOKEN = re.compile(r"[^\W\d_]+(?=n['’]t\b)|n['’]t\b|\w+(?:[-.,'’ʼ]\w+)*|[^\w\s]")
_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_POSSESSIVE = re.compile(r"['’ʼ]s?\b")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TRANSFER_TYPES = frozenset({"AID", "MOBILIZE"})
_EVENT_TIMEX_TYPES = frozenset({"DATE", "TIME"})
_ROLE_ORDER = ("agent", "source", "recipient", "target")
# An event word this many tokens after a figure takes it as subject ("600 of them dead").
_POSTPOSED_WINDOW = 3
# A governing word ("promised", "denied") lends its modality to an event word this close after it.
_GOVERN_WINDOW = 4
# Most tokens between an event word and a figure after it ("sent containers to Russia that
# could hold nearly 5 million shells": 6).
_BINDING_WINDOW = 10
_NOUN_WINDOW = 3
# Longest object phrase taken as an item when the quantity has none ("ballistic missiles").
_ITEM_WORDS = 4
_HEADING_CHARS = 100


class Token(NamedTuple):
    start: int
    end: int
    norm: str  # lower-cased, curly apostrophes straightened


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word found in the text."""

    first: int  # token indices, inclusive
    last: int
    cue: EventCue
    passive: bool

    def start(self, tokens: Sequence[Token]) -> int:
        return tokens[self.first].start


@dataclass(frozen=True, slots=True)
class Scope:
    """The clause an event word is read in, and the attribution that frames it."""

    lo: int
    hi: int
    sentence: tuple[int, int]
    attributions: tuple[Attribution, ...]  # containing attributions, innermost first
    in_content: bool


def tokenize(text: str) -> list[Token]:
    normal = text.lower().replace("’", "'").replace("ʼ", "'")
    if len(normal) != len(text):  # a letter whose lower case is longer ("İ"): word by word
        return [
            Token(m.start(), m.end(), m.group().lower().replace("’", "'").replace("ʼ", "'"))
            for m in _TOKEN.finditer(text)
        ]
    return [Token(m.start(), m.end(), normal[m.start() : m.end()]) for m in _TOKEN.finditer(text)]


def _match(
    tokens: Sequence[Token],
    i: int,
    table: dict[Phrase, str] | dict[Phrase, EventCue],
    first_words: frozenset[str],
) -> int:
    """Length of the longest phrase of `table` starting at token i (0 when none)."""
    if tokens[i].norm not in first_words:
        return 0
    best = 0
    for length in range(1, 5):
        if i + length > len(tokens):
            break
        if tuple(t.norm for t in tokens[i : i + length]) in table:
            best = length
    return best


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def find_triggers(tokens: Sequence[Token], blocked: Sequence[tuple[int, int]]) -> list[Trigger]:
    """Event words outside names, figures, times and attribution cues (the `blocked` spans)."""
    forms = event_forms()
    be_forms = words().be_forms
    found: list[Trigger] = []
    i = 0
    while i < len(tokens):
        length = _match(tokens, i, forms, event_first_words())
        cue = forms[tuple(t.norm for t in tokens[i : i + length])] if length else None
        if cue is not None and cue.needs_source and _auxiliary(tokens, i + length, forms):
            cue = None  # "had received", "has been sent": the verb after it is the event
        if cue is not None and not _overlaps(tokens[i].start, tokens[i + length - 1].end, blocked):
            # "was killed", "were sent": the subject is what the event happened to.
            passive = (
                cue.kind == "verb"
                and i > 0
                and tokens[i - 1].norm in be_forms
                and not tokens[i].norm.endswith("ing")  # "are killing" is active
            )
            found.append(Trigger(i, i + length - 1, cue, passive))
            i += length
        else:
            i += 1
    return found


def _auxiliary(tokens: Sequence[Token], i: int, forms: dict[Phrase, EventCue]) -> bool:
    """Whether the word at i makes the one before it an auxiliary ("had sent", "has been")."""
    if i >= len(tokens):
        return False
    word = tokens[i].norm
    return word.endswith(("ed", "en")) or word in words().be_forms or (word,) in forms


def build_claims(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    quantities: Sequence[Quantity],
    attributions: Sequence[Attribution],
    published: str | None,
) -> list[Claim]:
    """The claims of one article; inputs are sorted by (start, end), indices point into them."""
    builder = _ClaimBuilder(text, sentences, mentions, timexes, quantities, attributions, published)
    return builder.build()


class _ClaimBuilder:
    """Holds one article's records while its claims are read."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]],
        mentions: Sequence[Mention],
        timexes: Sequence[Timex],
        quantities: Sequence[Quantity],
        attributions: Sequence[Attribution],
        published: str | None,
    ) -> None:
        self.text = text
        self.sentences = list(sentences) or [(0, len(text))]
        self.mentions = [m for m in mentions if m.entity]
        self.timexes = timexes
        self.quantities = quantities
        self.attributions = attributions
        self.published = published
        self.words = words()
        self.modality = modality()
        self.modal_firsts = frozenset(phrase[0] for phrase in self.modality.cues)
        self.tokens = tokenize(text)
        self.token_starts = [t.start for t in self.tokens]
        self.token_ends = [t.end for t in self.tokens]
        self.timex_spans = [(t.start, t.end) for t in timexes]
        blocked = [(m.start, m.end) for m in mentions]
        blocked += self.timex_spans + [(q.start, q.end) for q in quantities]
        blocked += [(a.cue.start, a.cue.end) for a in attributions]
        self.triggers = find_triggers(self.tokens, blocked)
        self.trigger_tokens = {i for t in self.triggers for i in range(t.first, t.last + 1)}
        self.governing_tokens = {
            i for t in self.triggers if t.cue.governs for i in range(t.first, t.last + 1)
        }
        self.headings = _heading_starts(text)
        self.mention_starts = {self._token_at(m.start): m for m in self.mentions}
        self.mention_spans = [(m.start, m.end) for m in mentions]
        self.counted_types = events().counted_types

    # -- driving ---------------------------------------------------------------------------
    def build(self) -> list[Claim]:
        drafts: list[tuple[int, Claim]] = []
        figureless: list[tuple[int, Claim]] = []
        used_quantities: set[int] = set()
        governors = self._governors()
        for number, trigger in enumerate(self.triggers):
            scope = self._scope(trigger)
            bound = [
                index
                for index in self._bound_quantities(number, scope)
                if index not in used_quantities
            ]
            used_quantities.update(bound)
            for index in bound:
                draft = self._claim(trigger, scope, index)
                if self._figure_stands(trigger, draft[1], self.quantities[index]):
                    drafts.append(draft)
            if not bound and number not in governors and not trigger.cue.needs_quantity:
                draft = self._claim(trigger, scope, None)
                if self._stands_alone(trigger, draft[1]):
                    figureless.append(draft)
        # a claim without a figure adds nothing where its sentence has one of its type
        seen = {(claim.type, claim.evidence[-1]) for _, claim in drafts}
        for anchor, claim in figureless:
            if (claim.type, claim.evidence[-1]) not in seen:
                seen.add((claim.type, claim.evidence[-1]))
                drafts.append((anchor, claim))
        drafts += self._force_sizes(drafts, used_quantities)
        ordered = sorted(drafts, key=lambda d: (d[1].start, d[1].end, d[0]))
        return [_renumber(claim, f"c{n}") for n, (_, claim) in enumerate(ordered, 1)]

    def _force_sizes(
        self, drafts: Sequence[tuple[int, Claim]], used: set[int]
    ) -> list[tuple[int, Claim]]:
        """ "out of 15 000 fighters, the DPRK had lost 4,700": the total is the size of the
        force the losses came from, a MOBILIZE claim of the side that lost them."""
        out = []
        for index, quantity in enumerate(self.quantities):
            if index in used or not self._is_partitive_base(quantity):
                continue
            losses = [
                (anchor, claim)
                for anchor, claim in drafts
                if claim.type == "ASSAULT"
                and anchor > quantity.start
                and claim.evidence[-1].start <= quantity.start < claim.evidence[-1].end
            ]
            if not losses:
                continue
            _, loss = min(losses, key=lambda d: d[0])
            sides = tuple(Actor(a.entity, "agent") for a in loss.actors if a.role == "target")
            force = replace(loss, type="MOBILIZE", actors=sides, item=quantity.item, quantity=index)
            out.append((quantity.start, force))
        return out

    def _governors(self) -> set[int]:
        """Triggers like "promised" or "denied" directly governing a later event word."""
        out: set[int] = set()
        for n, trigger in enumerate(self.triggers[:-1]):
            following = self.triggers[n + 1]
            gap = self.tokens[trigger.last + 1 : following.first]
            if (
                trigger.cue.governs
                and len(gap) <= _GOVERN_WINDOW
                and not any(t.norm in self.words.clause_boundaries for t in gap)
            ):
                out.add(n)
        return out

    def _figure_stands(self, trigger: Trigger, claim: Claim, quantity: Quantity) -> bool:
        """A figure needs a thing counted (or money) and a party, except a count of casualties
        ("14,000 people have died"); "lost 2%" or "67 percent" of someone is no claim."""
        if trigger.cue.needs_source and not _has_role(claim, "source"):
            return False
        money = quantity.normalized_unit in self.words.money_units
        if claim.item is None and not (money and claim.type == "AID"):
            return False
        return bool(claim.actors) or claim.type == "ASSAULT"

    def _stands_alone(self, trigger: Trigger, claim: Claim) -> bool:
        """A claim without a figure is read from a verb ("provides", "met") or a meeting noun
        ("talks between X and Y"), and needs two parties in two roles (two agents for a meeting);
        a transfer needs its thing."""
        if trigger.cue.kind == "noun" and not trigger.cue.all_agents:
            return False
        if len(claim.actors) < 2:
            return False
        if not trigger.cue.all_agents and len({a.role for a in claim.actors}) < 2:
            return False
        if trigger.cue.needs_source and not _has_role(claim, "source"):
            return False
        return claim.item is not None or claim.type not in _TRANSFER_TYPES

    # -- scope -----------------------------------------------------------------------------
    def _sentence_of(self, position: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= position < end:
                return (start, end)
        return (position, position)

    def _scope(self, trigger: Trigger) -> Scope:
        position = trigger.start(self.tokens)
        sentence = self._sentence_of(position)
        inside = [
            a
            for a in self.attributions
            if a.content is not None and a.content.start <= position < a.content.end
        ]
        # innermost first; of two with the same content, the one citing the other ("X, citing Y")
        inside.sort(
            key=lambda a: (a.content.end - a.content.start if a.content else 0, not a.cites)
        )
        if inside and inside[0].content is not None:
            content = inside[0].content  # clipped: a content may run on past its sentence
            lo, hi = max(content.start, sentence[0]), min(content.end, sentence[1])
            return Scope(lo, hi, sentence, tuple(inside), True)
        lo, hi = sentence
        framing: list[Attribution] = []
        for a in self.attributions:
            if not (a.start < sentence[1] and sentence[0] < a.end):
                continue
            framing.append(a)
            if a.content is not None and a.content.end <= position:
                lo = max(lo, a.content.end)
            elif a.content is not None and a.content.start > position:
                hi = min(hi, a.content.start)
        return Scope(lo, hi, sentence, tuple(framing), False)

    def _in_scope(self, start: int, end: int, scope: Scope) -> bool:
        return scope.lo <= start and end <= scope.hi

    # -- quantities ------------------------------------------------------------------------
    def _bound_quantities(self, number: int, scope: Scope) -> list[int]:
        """Indices of the quantities whose nearest event word in the clause is this trigger."""
        out = []
        for index, quantity in enumerate(self.quantities):
            if not self._in_scope(quantity.start, quantity.end, scope):
                continue
            if self._is_partitive_base(quantity) or self._is_party(quantity):
                continue
            if (
                self.triggers[number].cue.type in self.counted_types
                and self._nearest_trigger(quantity, scope) == number
            ):
                out.append(index)
        return out

    def _is_party(self, quantity: Quantity) -> bool:
        """ "send grain to six African nations": a figure after a role preposition counts
        parties, not the thing the event is about."""
        first = self._token_at(quantity.start)
        return first > 0 and self.tokens[first - 1].norm in self.words.preposition_roles

    def _is_partitive_base(self, quantity: Quantity) -> bool:
        """ "out of 15 000 fighters, ... lost 4,700": the total, not a claim of its own."""
        first = self._token_at(quantity.start)
        for opener in self.words.partitive_openers:
            before = self.tokens[max(0, first - len(opener)) : first]
            if tuple(t.norm for t in before) == opener:
                return True
        return False

    def _nearest_trigger(self, quantity: Quantity, scope: Scope) -> int | None:
        q_first = self._token_at(quantity.start)
        q_last = self._token_at(quantity.end - 1)
        candidates = [
            (n, t)
            for n, t in enumerate(self.triggers)
            if self._in_scope(self.tokens[t.first].start, self.tokens[t.last].end, scope)
        ]
        for n, trigger in candidates:  # "600 of them dead", "12 people were killed"
            gap = self.tokens[q_last + 1 : trigger.first]
            if 0 <= trigger.first - q_last - 1 <= _POSTPOSED_WINDOW and all(
                t.norm[0].isalnum()
                and t.norm not in self.words.object_stops
                and t.norm not in self.words.strong_boundaries
                for t in gap
            ):
                return n
        before = [(n, t) for n, t in candidates if t.last < q_first]
        if before:
            n, trigger = before[-1]
            # a noun takes a figure only close by ("$2bn in aid"), a verb within its clause
            window = _NOUN_WINDOW if trigger.cue.kind == "noun" else _BINDING_WINDOW
            if (
                q_first - trigger.last - 1 > window
                or self._new_subject_between(trigger.last + 1, q_first)
                or quantity.start >= self._clause(trigger, scope)[1]
            ):
                return None
            return n
        for n, trigger in candidates:  # "5,000 troops ... were deployed", in one clause
            clause = self._clause(trigger, scope)
            if trigger.first > q_last and clause[0] <= quantity.start:
                return n if trigger.first - q_last - 1 <= _BINDING_WINDOW else None
        return None

    def _new_subject_between(self, first: int, last: int) -> bool:
        """ "have died, and there are 1.5 million displaced": a new clause with its own verb."""
        between = self.tokens[first:last]
        return any(
            a.norm in (",", ";") and b.norm in self.words.clause_openers
            for a, b in itertools.pairwise(between)
        ) or any(
            a.norm in self.words.clause_openers and b.norm in self.words.subject_words
            for a, b in itertools.pairwise(between)
        )

    def _token_at(self, position: int) -> int:
        """The first token ending after `position`."""
        return min(bisect.bisect_right(self.token_ends, position), len(self.tokens) - 1)

    def _tokens_within(self, lo: int, hi: int) -> range:
        """Indices of the tokens inside [lo, hi)."""
        first = bisect.bisect_left(self.token_starts, lo)
        last = bisect.bisect_right(self.token_ends, hi)
        return range(first, max(first, last))

    # -- one claim -------------------------------------------------------------------------
    def _claim(self, trigger: Trigger, scope: Scope, index: int | None) -> tuple[int, Claim]:
        quantity = self.quantities[index] if index is not None else None
        actors, place_mentions = self._actors(trigger, scope, self._clause(trigger, scope))
        if not actors and quantity is not None:  # "North Korean soldiers ... — 12,000 arrived"
            actors, place_mentions = self._actors(trigger, scope, (scope.lo, scope.hi))
        sentence = scope.sentence
        evidence = [Evidence(*sentence)]
        place = self._place(trigger, place_mentions)
        if place is None and self._has_place_anaphor(trigger, scope):
            antecedent = self._previous_place(sentence)
            if antecedent is not None:
                place = antecedent[0].entity
                evidence.insert(0, Evidence(*antecedent[1]))
        item = self._item(trigger, quantity, scope)
        attribution = self._attribution(trigger, scope, actors)
        time = self._event_time(trigger, quantity, scope)
        kind = self._type(trigger.cue, item)
        allowed = events().type_roles[kind]
        claim = Claim(
            start=evidence[0].start,
            end=evidence[-1].end,
            text=self.text[evidence[0].start : evidence[-1].end],
            id="",
            type=kind,
            actors=tuple(a for a in actors if a.role in allowed),
            item=item,
            quantity=index,
            time=time,
            report_time=self._report_time(attribution),
            place=place,
            modality=self._modality(trigger, quantity, scope, time),
            attribution=attribution.id if attribution else None,
            evidence=tuple(evidence),
        )
        anchor = quantity.start if quantity else self.tokens[trigger.first].start
        return anchor, claim

    def _type(self, cue: EventCue, item: str | None) -> str:
        if item is None:
            return cue.type
        keys = {item.lower(), *item.lower().split()}  # "battalion tactical group"
        for retype in events().retypes:
            if retype.source == cue.type and keys & retype.items:
                return retype.target
        return cue.type

    # -- actors and place ------------------------------------------------------------------
    def _clause(self, trigger: Trigger, scope: Scope) -> tuple[int, int]:
        """The part of the scope between strong boundaries (";", "if", dashes) around the word."""
        strong = self.words.strong_boundaries
        lo, hi = scope.lo, scope.hi
        for i in range(trigger.first - 1, -1, -1):
            token = self.tokens[i]
            if token.end <= scope.lo:
                break
            if token.norm in strong:
                lo = max(lo, token.end)
                break
        for i in range(trigger.last + 1, len(self.tokens)):
            token = self.tokens[i]
            if token.start >= scope.hi:
                break
            if token.norm in strong:
                hi = min(hi, token.start)
                break
        return lo, hi

    def _actors(
        self, trigger: Trigger, scope: Scope, clause: tuple[int, int]
    ) -> tuple[tuple[Actor, ...], list[Mention]]:
        """Actors of the event word's clause, and the mentions that name its place."""
        in_scope = [m for m in self.mentions if clause[0] <= m.start and m.end <= clause[1]]
        if not scope.in_content:  # the sayer of a framing attribution is not an actor
            sources = [a.source for a in scope.attributions if a.source is not None]
            in_scope = [
                m
                for m in in_scope
                if not _overlaps(m.start, m.end, [(s.start, s.end) for s in sources])
            ]
        preps, prep_at = self._prepositions(in_scope)
        kept = [m for n, m in enumerate(in_scope) if not self._modifies_next(in_scope, n)]
        cue = trigger.cue
        t_start = self.tokens[trigger.first].start
        t_end = self.tokens[trigger.last].end
        roles: dict[str, str] = {}
        places: list[Mention] = []
        subject: Mention | None = None
        for mention in kept:
            prep = preps.get(id(mention))
            entity = str(mention.entity)
            if _POSSESSIVE.sub("", self.text[mention.end : t_start]).strip() == "" and (
                mention.end <= t_start
            ):  # "Western sanctions", "Russia's losses": the modifier is the subject
                subject = mention
            elif prep in self.words.place_prepositions:
                if mention.label in _PLACE_LABELS:
                    places.append(mention)
            elif cue.all_agents:  # "talks between X and Y", "met with X", "X met Y"
                if (
                    prep in self.words.party_prepositions
                    and self._attaches(trigger, prep_at[id(mention)])
                ) or (prep is None and self._directly_after(t_end, mention.start)):
                    roles.setdefault(entity, "agent")
                elif prep is None and mention.end <= t_start:
                    subject = mention
            elif prep in self.words.preposition_roles:
                if mention.end <= t_start or self._attaches(trigger, prep_at[id(mention)]):
                    roles.setdefault(entity, self.words.preposition_roles[prep])
            elif prep is not None:
                continue
            elif mention.end <= t_start and mention.start >= self._subject_floor(trigger, clause):
                if not self._counts_item(mention):
                    subject = mention
            elif (
                self._directly_after(t_end, mention.start)
                and cue.object_role
                and mention.label != "NORP"  # "sending Western troops": an adjective
            ):
                roles.setdefault(entity, cue.object_role)
            elif mention.start >= t_end and self._counts_item(
                mention
            ):  # "sent 3,000 Korean troops"
                owner = "target" if cue.type == "ASSAULT" else "agent"
                if owner in roles.values() and owner == "agent":
                    owner = "source"
                roles.setdefault(entity, owner)
        subject_entity = subject.entity if subject is not None else self._doer(scope)
        if subject_entity is not None:
            role = cue.passive_subject_role if trigger.passive else cue.subject_role
            if cue.all_agents:
                role = "agent"
            if role is not None:
                # the subject outranks a role guessed from a modifier after the word
                roles[subject_entity] = role
        actors = sorted(
            (Actor(entity, role) for entity, role in roles.items()),
            key=lambda a: _ROLE_ORDER.index(a.role),
        )
        return tuple(actors), places

    def _doer(self, scope: Scope) -> str | None:
        """The sayer of "North Korea plans to send ...": the subject of the content's event."""
        if not scope.in_content:
            return None
        innermost = scope.attributions[0]
        if innermost.stance in self.words.doer_stances and innermost.source is not None:
            return innermost.source.entity
        return None

    def _counts_item(self, mention: Mention) -> bool:
        """ "1,000 Russian troops": an adjective inside a counted thing is not a subject."""
        return mention.label == "NORP" and any(
            q.start <= mention.start < q.end
            or (q.end <= mention.start and not self.text[q.end : mention.start].strip())
            for q in self.quantities
        )

    def _subject_floor(self, trigger: Trigger, clause: tuple[int, int]) -> int:
        """Where the subject of an event word may start: after the event word before it
        ("killing 1,000 Russian troops, and they eliminated": not "Russian"), unless nothing was
        named since and that word has the same type ("lost 4,700 soldiers, 600 of them dead")."""
        before = [
            t
            for t in self.triggers
            if t.last < trigger.first and self.tokens[t.first].start >= clause[0]
        ]
        if not before:
            return clause[0]
        previous = before[-1]
        floor = self.tokens[previous.last].end
        named_since = any(
            floor <= m.start < self.tokens[trigger.first].start for m in self.mentions
        )
        if not named_since and (previous.cue.type == trigger.cue.type or previous.cue.governs):
            return self._subject_floor(previous, clause)
        return floor

    def _attaches(self, trigger: Trigger, preposition: int) -> bool:
        """Whether a preposition after the event word belongs to it: no other preposition
        (but "of") stands between them outside figures and names ("sent containers to Russia";
        not "sanctions related to aggression against Ukraine")."""
        if preposition <= trigger.last:
            return False
        covered = [(q.start, q.end) for q in self.quantities] + self.mention_spans
        covered += self.timex_spans
        for i in range(trigger.last + 1, preposition):
            token = self.tokens[i]
            if (
                token.norm != "of"
                and self._is_preposition(token.norm)
                and not _overlaps(token.start, token.end, covered)
                # "talks in a month between": a preposition opening a time expression
                and not _overlaps(token.end, self.tokens[i + 1].end, self.timex_spans)
            ):
                return False
        return True

    def _prepositions(
        self, mentions: Sequence[Mention]
    ) -> tuple[dict[int, str | None], dict[int, int]]:
        """The preposition governing each mention ("to Russia") and its token index (-1 when
        none), by id(mention); coordinated names share the first one's."""
        out: dict[int, str | None] = {}
        where: dict[int, int] = {}
        previous: Mention | None = None
        for n, mention in enumerate(mentions):
            if previous is not None and self._modifies_next(mentions, n - 1):
                out[id(mention)] = out.get(id(previous))  # "between North Korean leader Kim"
                where[id(mention)] = where[id(previous)]
                previous = mention
                continue
            i = self._token_at(mention.start) - 1
            # "with President Volodymyr Zelensky": titles stand between the word and the name
            while i >= 0 and (
                self.tokens[i].norm in self.words.determiners
                or (
                    self.tokens[i].norm in self.words.title_words
                    and self.text[self.tokens[i].start].isupper()
                )
            ):
                i -= 1
            word = self.tokens[i].norm if i >= 0 else None
            prep: str | None = None
            index = -1
            if word in ("and", "or", ",") and previous is not None:
                j = i - 1
                if j >= 0 and self.tokens[j].end == previous.end:
                    prep, index = out.get(id(previous)), where[id(previous)]
            elif word is not None and self._is_preposition(word):
                prep, index = word, i
            out[id(mention)] = prep
            where[id(mention)] = index
            previous = mention
        return out, where

    def _is_preposition(self, word: str) -> bool:
        w = self.words
        return (
            word in w.preposition_roles
            or word in w.place_prepositions
            or word in w.party_prepositions
            or word in w.other_prepositions
        )

    def _modifies_next(self, mentions: Sequence[Mention], n: int) -> bool:
        """ "North Korean leader Kim Jong Un": the country describes the person, who acts."""
        if n + 1 >= len(mentions) or mentions[n].label == "PERSON":
            return False
        following = mentions[n + 1]
        if following.label != "PERSON":
            return False
        gap = self.text[mentions[n].end : following.start]
        gap_words = gap.split()
        return all(w[:1].isupper() or w.lower() in self.words.title_words for w in gap_words) and (
            "," not in gap and len(gap_words) <= 5
        )

    def _directly_after(self, end: int, start: int) -> bool:
        if start < end:
            return False
        between = self.text[end:start].split()
        return all(w.lower() in self.words.determiners for w in between)

    def _place(self, trigger: Trigger, places: Sequence[Mention]) -> str | None:
        """The place named nearest the event word within its own predicate."""
        position = self.tokens[trigger.first].start
        own = [m for m in places if not self._new_predicate_between(trigger, m)]
        if not own:
            return None
        return min(own, key=lambda m: abs(m.start - position)).entity

    def _new_predicate_between(self, trigger: Trigger, mention: Mention) -> bool:
        """ "had missiles ... and had launched them over Ukraine": a second verb phrase."""
        if mention.start < self.tokens[trigger.first].start:
            return False
        end = self.tokens[trigger.last].end
        between = [self.tokens[i] for i in self._tokens_within(end, mention.start)]
        return any(
            a.norm == "and" and b.norm in self.words.auxiliaries
            for a, b in itertools.pairwise(between)
        )

    def _has_place_anaphor(self, trigger: Trigger, scope: Scope) -> bool:
        """ "send 25 000 workers ... there": the place is named in the sentence before."""
        start = self.tokens[trigger.first].start
        return any(
            t.norm in self.words.place_anaphors
            for t in (self.tokens[i] for i in self._tokens_within(start, scope.hi))
        )

    def _previous_place(self, sentence: tuple[int, int]) -> tuple[Mention, tuple[int, int]] | None:
        """The first place ("in X") named in the sentence before, within its paragraph."""
        before = [s for s in self.sentences if s[1] <= sentence[0]]
        if not before or "\n\n" in self.text[before[-1][1] : sentence[0]]:
            return None
        previous = before[-1]
        inside = [m for m in self.mentions if previous[0] <= m.start and m.end <= previous[1]]
        preps, _ = self._prepositions(inside)
        for mention in inside:
            if preps.get(id(mention)) in self.words.place_prepositions and (
                mention.label in _PLACE_LABELS
            ):
                return mention, previous
        return None

    # -- item ------------------------------------------------------------------------------
    def _item(self, trigger: Trigger, quantity: Quantity | None, scope: Scope) -> str | None:
        if (
            quantity is not None
            and quantity.item
            and quantity.item.lower() not in (self.words.pronouns)
        ):
            return quantity.item
        if (
            quantity is not None
            and trigger.cue.type == "ASSAULT"
            and 0 <= trigger.first - self._token_at(quantity.end - 1) - 1 <= _POSTPOSED_WINDOW
        ):  # "600 of them dead": the casualty word says what was counted
            return " ".join(t.norm for t in self.tokens[trigger.first : trigger.last + 1])
        if trigger.cue.type in _TRANSFER_TYPES:  # only what is moved has a thing
            return self._object_phrase(trigger, scope)
        return None

    def _object_phrase(self, trigger: Trigger, scope: Scope) -> str | None:
        """The thing an event word acts on: "received a batch of ballistic missiles from"."""
        w = self.words
        i = trigger.last + 1
        mention_starts = self.mention_starts
        if i in mention_starts:  # "provides Russia with weapons"
            i = self._token_at(mention_starts[i].end - 1) + 1
            if i < len(self.tokens) and self.tokens[i].norm == "with":
                i += 1
        collected: list[Token] = []
        while i < len(self.tokens) and self.tokens[i].end <= scope.hi:
            token = self.tokens[i]
            measure = next(
                (
                    p
                    for p in w.measure_nouns
                    if tuple(t.norm for t in self.tokens[i : i + len(p)]) == p
                ),
                None,
            )
            if not collected and token.norm in w.determiners:
                i += 1
                continue
            if not collected and measure is not None:
                i += len(measure)
                continue
            if (
                not token.norm.replace("-", "").isalpha()
                or token.norm in w.object_stops
                or self._is_preposition(token.norm)
                or i in mention_starts
                or _overlaps(token.start, token.end, self.timex_spans)
                or len(collected) == _ITEM_WORDS
            ):
                break
            collected.append(token)
            i += 1
        if not collected or collected[-1].norm in w.pronouns | w.abstract_items:
            return None
        return self.text[collected[0].start : collected[-1].end]

    # -- time ------------------------------------------------------------------------------
    def _event_time(self, trigger: Trigger, quantity: Quantity | None, scope: Scope) -> int | None:
        anchor = quantity.start if quantity else self.tokens[trigger.first].start
        candidates = [
            (abs(t.start - anchor), index)
            for index, t in enumerate(self.timexes)
            if t.type in _EVENT_TIMEX_TYPES and self._in_scope(t.start, t.end, scope)
        ]
        return min(candidates)[1] if candidates else None

    def _report_time(self, attribution: Attribution | None) -> int | None:
        """A date in the attribution's sentence outside what was said: when it was said."""
        if attribution is None:
            return None
        sentence = self._sentence_of(attribution.cue.start)
        content = attribution.content
        candidates = [
            (abs(t.start - attribution.cue.start), index)
            for index, t in enumerate(self.timexes)
            if t.type in _EVENT_TIMEX_TYPES
            and sentence[0] <= t.start
            and t.end <= sentence[1]
            and (content is None or not (content.start <= t.start < content.end))
        ]
        return min(candidates)[1] if candidates else None

    # -- modality --------------------------------------------------------------------------
    def _modality(
        self, trigger: Trigger, quantity: Quantity | None, scope: Scope, time: int | None
    ) -> str:
        found: set[str] = set()
        for token_index in self._modal_window(trigger, quantity, scope):
            length = _match(self.tokens, token_index, self.modality.cues, self.modal_firsts)
            if length:
                phrase = tuple(t.norm for t in self.tokens[token_index : token_index + length])
                found.add(self.modality.cues[phrase])
        for i in self._tokens_within(scope.lo, scope.hi):  # "if" anywhere: hypothetical
            length = _match(self.tokens, i, self.modality.cues, self.modal_firsts)
            phrase = tuple(t.norm for t in self.tokens[i : i + length])
            if length and self.modality.cues[phrase] == "conditional":
                found.add("conditional")
        for attribution in scope.attributions if scope.in_content else ():
            stance_modality = self.modality.stances.get(attribution.stance)
            if stance_modality:
                found.add(stance_modality)
        if time is not None and self._is_future(self.timexes[time]):
            found.add("planned")
        for name in self.modality.order:
            if name in found:
                return name
        return "asserted"

    def _modal_window(self, trigger: Trigger, quantity: Quantity | None, scope: Scope) -> list[int]:
        """Tokens from the clause boundary before the event word up to its figure."""
        first = trigger.first
        last = trigger.last
        own = set(range(trigger.first, trigger.last + 1))
        if quantity is not None:
            q_first = self._token_at(quantity.start)
            q_last = self._token_at(quantity.end - 1)
            if q_last < trigger.first:  # "600 of them dead", "12 people were not killed"
                return [i for i in range(q_last + 1, trigger.first) if i not in own]
            first = min(first, q_first)
            last = max(last, q_first - 1)
        trigger_tokens, governed = self.trigger_tokens, self.governing_tokens
        start = first
        while start > 0:
            token = self.tokens[start - 1]
            if token.start < scope.lo or token.norm in self.words.clause_boundaries:
                break
            if (start - 1) in trigger_tokens and (start - 1) not in governed:
                break
            start -= 1
        return [
            i
            for i in range(start, last + 1)
            if i not in own
            and (i not in trigger_tokens or i in governed)
            and not _overlaps(self.tokens[i].start, self.tokens[i].end, self.timex_spans)
        ]

    def _is_future(self, timex: Timex) -> bool:
        if self.published is None or not _ISO_PREFIX.match(timex.value):
            return False
        return timex.value > self.published[: len(timex.value)]

    # -- attribution -----------------------------------------------------------------------
    def _attribution(
        self, trigger: Trigger, scope: Scope, actors: Sequence[Actor]
    ) -> Attribution | None:
        """Who says it: the innermost framing sayer who is not a party, else the story source."""
        parties = {a.entity for a in actors}
        if scope.attributions:
            for attribution in scope.attributions:
                source = attribution.source
                if source is None or source.entity not in parties:
                    return attribution
            return scope.attributions[0]
        return self._story_source(self.tokens[trigger.first].start)

    def _story_source(self, position: int) -> Attribution | None:
        """ "This was reported by NHK": a sayer of no content of its own covers the story
        after it, up to the next subheading."""
        found: Attribution | None = None
        for attribution in self.attributions:
            if attribution.end > position:
                break
            content = attribution.content
            anaphoric = content is None or content.text.lower().strip() in self.words.pronouns
            if not anaphoric or attribution.stance != "assert":
                continue
            if found is None or found.cites != attribution.id:  # keep the head of a chain
                found = attribution
        if found is None:
            return None
        if any(found.end <= heading < position for heading in self.headings):
            return None
        return found


def _heading_starts(text: str) -> list[int]:
    """Offsets of subheadings: one-line paragraphs without closing punctuation."""
    out = []
    position = 0
    for paragraph in text.split("\n\n"):
        stripped = paragraph.strip()
        if (
            stripped
            and "\n" not in stripped
            and len(stripped) <= _HEADING_CHARS
            and stripped[-1] not in ".!?:;\"”'’)"
        ):
            out.append(position + paragraph.index(stripped))
        position += len(paragraph) + 2
    return out


def _has_role(claim: Claim, role: str) -> bool:
    return any(actor.role == role for actor in claim.actors)


def _renumber(claim: Claim, claim_id: str) -> Claim:
    return replace(claim, id=claim_id)


# -- the spaCy component ----------------------------------------------------------------------
@Language.factory("claimledger_claims", assigns=["doc.spans"], default_config={})
def make_claims(nlp: Language, name: str) -> ClaimBinder:
    register_extensions()
    return ClaimBinder()


class ClaimBinder:
    """Fills doc.spans["claims"] from the mentions, timexes, quantities and attributions."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        sentences = sentence_bounds(doc)

        def layer(name: str) -> list[Any]:
            return sorted(records(doc, name), key=lambda r: (r.start, r.end))

        claims = build_claims(
            text,
            sentences,
            layer("mentions"),
            layer("timexes"),
            layer("quantities"),
            layer("attributions"),
            doc._.published,
        )
        set_span_group(doc, "claims", claims)
        return doc
