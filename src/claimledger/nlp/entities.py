"""Named entities without a pretrained model: gazetteers, name patterns, in-document reasoning.

``find_mentions`` is the pure core: gazetteer names (longest match per token), then unknown
capitalised names typed by their context (a title or role before them, an appositive role after,
a given name, an organisation/place head word, a region word, an acronym definition), then short
forms and references resolved in ``claimledger.nlp.coref``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Mention
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.gazetteer import (
    Alias,
    Entity,
    Gazetteer,
    NameHeads,
    Token,
    load_gazetteer,
    slug,
    tokenize,
)
from claimledger.nlp.spans import set_span_group

# Lower-case words that may join capitalised words in one name ("Institute for the Study of War").
_CONNECTORS = frozenset(
    {"of", "for", "the", "on", "de", "von", "der", "van", "al", "bin", "la", "and"}
)
# Particles allowed inside a person's name.
_NAME_PARTICLES = frozenset({"de", "von", "der", "van", "al", "bin", "la"})
# Words before a capital city's name that make it the city, not its government ("in Moscow").
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "to",
        "into",
        "outside",
        "around",
        "from",
        "toward",
        "towards",
        "across",
        "over",
    }
)
SPEECH_VERBS = frozenset(
    {
        "said",
        "says",
        "told",
        "added",
        "noted",
        "stated",
        "wrote",
        "explained",
        "stressed",
        "emphasized",
        "writes",
        "emphasised",
        "claimed",
        "reported",
        "announced",
        "warned",
        "believes",
    }
)
_SENTENCE_END = frozenset('.!?:;"”’)…')
_ROLE_LINKS = frozenset({"of", "for", "at"})
_ID_PREFIX = {"PERSON": "person", "ORG": "org", "GPE": "region", "LOC": "loc", "FAC": "fac"}


@dataclass(slots=True)
class Found:
    """A mention under construction, in token indices."""

    first: int
    last: int  # exclusive
    label: str
    entity: str
    name: str
    role: str | None = None
    kind: str | None = None  # the organisation kind, for "the publication" and entity_kind
    gender: str | None = None
    reference: bool = False  # a pronoun or description resolved to an antecedent


class Finder:
    """The state of one find_mentions call: tokens, sentences, what is found so far."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], gazetteer: Gazetteer):
        self.text = text
        self.gazetteer = gazetteer
        self.tokens: list[Token] = tokenize(text)
        self.words = [token.text for token in self.tokens]
        self.lower = [word.lower() for word in self.words]
        # All-caps words as they would be written in running text ("MOSCOW" -> "Moscow").
        self.titled = [_title(word) for word in self.words]
        starts = [start for start, _ in sentences] or [0]
        self.sentence_of = [max(0, bisect.bisect_right(starts, t.start) - 1) for t in self.tokens]
        self.sentence_first = {
            i
            for i in range(len(self.tokens))
            if i == 0 or self.sentence_of[i] != self.sentence_of[i - 1]
        }
        self.headings = self._headings()
        self.owner: list[Found | None] = [None] * len(self.tokens)
        self.found: list[Found] = []
        self.local: dict[str, Entity] = {}

    # -- helpers -------------------------------------------------------------------------------

    def span_text(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start : self.tokens[last - 1].end]

    def free(self, first: int, last: int) -> bool:
        return all(self.owner[i] is None for i in range(first, last))

    def add(self, found: Found) -> Found:
        for i in range(found.first, found.last):
            self.owner[i] = found
        self.found.append(found)
        return found

    def remove(self, found: Found) -> None:
        for i in range(found.first, found.last):
            if self.owner[i] is found:
                self.owner[i] = None
        self.found.remove(found)

    def same_sentence(self, a: int, b: int) -> bool:
        return self.sentence_of[a] == self.sentence_of[b]

    def entity(self, entity_id: str) -> Entity | None:
        return self.gazetteer.entities.get(entity_id) or self.local.get(entity_id)

    def new_entity(self, label: str, name: str, kind: str | None = None) -> Entity:
        """A document-level entity for a name the gazetteer does not know."""
        entity_id = f"{_ID_PREFIX.get(label, 'loc')}:{slug(name)}"
        known = self.entity(entity_id)
        if known is not None:
            return known
        first = name.split()[0] if label == "PERSON" else ""
        entity = Entity(entity_id, name, label, kind, None, self.gazetteer.given_names.get(first))
        self.local[entity_id] = entity
        return entity

    def found_for(self, entity: Entity, first: int, last: int, label: str | None = None) -> Found:
        return Found(
            first,
            last,
            label or entity.label,
            entity.id,
            entity.name,
            None,
            entity.kind,
            entity.gender,
        )

    def _headings(self) -> set[int]:
        """Sentences that are title-case headings: no end punctuation, capitalised words."""
        by_sentence: dict[int, list[int]] = {}
        for i, sentence in enumerate(self.sentence_of):
            by_sentence.setdefault(sentence, []).append(i)
        headings: set[int] = set()
        for sentence, indices in by_sentence.items():
            if self.words[indices[-1]][-1:] in _SENTENCE_END or len(indices) > 20:
                continue
            content = [self.words[i] for i in indices if self.words[i][:1].isalpha()]
            content = [w for w in content if w.lower() not in _CONNECTORS]
            if content and sum(w[:1].isupper() for w in content) >= 0.75 * len(content):
                headings.add(sentence)
        return headings

    def is_name_word(self, i: int) -> bool:
        word = self.words[i]
        return (
            word[:1].isupper()
            and word[:1].isalpha()
            and word not in self.gazetteer.not_names
            and word not in self.gazetteer.honorifics
            and (word.lower(),) not in self.gazetteer.role_modifiers.values  # "Former"
        )


def _title(word: str) -> str:
    return word.capitalize() if len(word) > 2 and word.isupper() and word.isalpha() else word


def find_mentions(
    text: str, sentences: Sequence[tuple[int, int]], gazetteer: Gazetteer
) -> list[Mention]:
    """Entity mentions of a text (sentences as (start, end) char offsets), sorted by position."""
    from claimledger.nlp.coref import add_references, add_short_forms  # coref imports Found

    finder = Finder(text, sentences, gazetteer)
    role_ends = _role_phrases(finder)
    _gazetteer_names(finder, role_ends)
    _extend_places(finder)
    chunks = _chunks(finder, role_ends)
    _type_chunks(finder, chunks, role_ends)
    _acronym_definitions(finder, chunks)
    _repeat_names(finder)
    _attach_roles(finder, role_ends)
    add_short_forms(finder)
    add_references(finder)
    return [_mention(finder, found) for found in sorted(finder.found, key=lambda f: f.first)]


def _mention(finder: Finder, found: Found) -> Mention:
    start = finder.tokens[found.first].start
    end = finder.tokens[found.last - 1].end
    return Mention(
        start, end, finder.text[start:end], found.label, found.entity, found.name, found.role
    )


# -- roles -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    first: int  # first token of the role text (modifiers included)
    last: int  # exclusive; includes "of X" when present


def _role_phrases(finder: Finder) -> dict[int, Role]:
    """Role phrases by the token index each starts at ("Defense Minister", "head of GUR")."""
    roles: dict[int, Role] = {}
    for i in range(len(finder.tokens)):
        role = _role_at(finder, i)
        if role is not None:
            roles[i] = role
    return roles


def _role_at(finder: Finder, first: int) -> Role | None:
    """The longest role phrase starting at `first`, with any modifiers before its head."""
    heads = [first]
    while (
        modifier := finder.gazetteer.role_modifiers.longest(finder.lower, heads[-1])
    ) is not None:
        heads.append(modifier[0])
    for head in reversed(heads):
        match = finder.gazetteer.roles.longest(finder.lower, head)
        if match is not None:
            return Role(first, match[0])
    return None


def _extend_role(finder: Finder, role: Role) -> Role:
    """Take in an "of X" complement: "head of GUR", "President of Ukraine"."""
    last = role.last
    if last + 1 < len(finder.tokens) and finder.lower[last] in _ROLE_LINKS:
        target = last + 1
        if finder.lower[target] == "the" and target + 1 < len(finder.tokens):
            target += 1
        owner = finder.owner[target]
        after = (
            finder.words[owner.last] if owner is not None and owner.last < len(finder.words) else ""
        )
        # "head of GUR", not "head of the Dnipropetrovsk" (regional administration).
        if (
            owner is not None
            and owner.first == target
            and owner.label in ("ORG", "GPE")
            and not after.islower()
        ):
            return Role(role.first, owner.last)
    return role


# -- gazetteer names ---------------------------------------------------------------------------


def _gazetteer_names(finder: Finder, roles: dict[int, Role]) -> None:
    names = finder.gazetteer.names
    i = 0
    while i < len(finder.tokens):
        match = names.longest(finder.words, i)
        shouted = False
        if match is None and finder.titled[i] != finder.words[i]:
            match = names.longest(finder.titled, i)
            shouted = True
        if match is None:
            i += 1
            continue
        last, alias = match
        # A role phrase running past the name's end wins: "Russian | Security Council Secretary".
        for k in range(i + 1, last):
            role = roles.get(k)
            if role is not None and role.last > last:
                shorter = names.longest(finder.words[:k], i)
                if shorter is None:
                    last = -1
                else:
                    last, alias = shorter
                break
        if last < 0:
            i += 1
            continue
        found = _gazetteer_found(finder, i, last, alias, shouted)
        # A given name before a known surname is part of the name ("Aleksandr Lukashenko").
        if (
            found.label == "PERSON"
            and i > 0
            and finder.owner[i - 1] is None
            and finder.words[i - 1] in finder.gazetteer.given_names
        ):
            found.first = i - 1
        finder.add(found)
        i = last


def _gazetteer_found(finder: Finder, first: int, last: int, alias: Alias, shouted: bool) -> Found:
    entity = finder.gazetteer.entities[alias.entity]
    # "in Moscow" is the city; so is a capital in capitals, as in a dateline ("MOSCOW, 7 May").
    before = finder.lower[first - 2 : first]
    # The city, not its government: "in Kyiv", "the capital, Tbilisi", "Vilnius Summit".
    city_sense = (
        shouted
        or (bool(before) and before[-1] in _LOCATIVE)
        or "capital" in before
        or (last < len(finder.words) and finder.is_name_word(last))
    )
    if alias.sense == "capital" and city_sense:
        city_id = f"city:{slug(' '.join(finder.titled[first:last]))}"
        city = finder.gazetteer.entities.get(city_id)
        if city is not None:
            entity = city
    return finder.found_for(entity, first, last, alias.label)


def _extend_places(finder: Finder) -> None:
    """A known city before a region word is a region: "Bakhmut district"."""
    region_words = finder.gazetteer.heads.region_words
    for found in list(finder.found):
        after = found.last
        if (
            found.label == "GPE"
            and found.entity.startswith("city:")
            and after < len(finder.tokens)
            and finder.words[after] in region_words
        ):
            finder.remove(found)
            name = finder.span_text(found.first, after + 1)
            entity = finder.new_entity("GPE", name)
            finder.add(finder.found_for(entity, found.first, after + 1))


# -- unknown names -----------------------------------------------------------------------------


def _chunks(finder: Finder, roles: dict[int, Role]) -> list[tuple[int, int]]:
    """Maximal runs of free capitalised words (with connectors between them), per sentence."""
    chunks: list[tuple[int, int]] = []
    n = len(finder.tokens)
    i = 0
    while i < n:
        if finder.owner[i] is not None or not finder.is_name_word(i):
            i += 1
            continue
        last = i + 1
        while last < n and finder.same_sentence(i, last) and finder.owner[last] is None:
            if (
                finder.is_name_word(last)
                or (finder.words[last][:1].isdigit() and last > i)
                or _is_initial_dot(finder, last)
                or (
                    (finder.words[last] in _CONNECTORS or finder.words[last] == "'s")
                    and last + 1 < n
                    and finder.owner[last + 1] is None
                    and finder.is_name_word(last + 1)
                    and finder.same_sentence(i, last + 1)
                )
            ):
                last += 1
            else:
                break
        chunks.extend(_split_chunk(finder, i, last, roles))
        i = last
    return chunks


def _is_head(heads: NameHeads, word: str) -> bool:
    return (
        word in heads.org_last
        or word in heads.org_first
        or word in heads.facility_last
        or word in heads.location_last
    )


def _is_initial_dot(finder: Finder, i: int) -> bool:
    """The dot of a middle initial: "Seth G. Jones", "S. Jaishankar"."""
    previous = finder.words[i - 1] if i > 0 else ""
    return (
        finder.words[i] == "."
        and len(previous) == 1
        and previous.isupper()
        and i + 1 < len(finder.words)
        and finder.owner[i + 1] is None
        and finder.is_name_word(i + 1)
        and finder.tokens[i].end < finder.tokens[i + 1].start  # "S. Jaishankar", not "U.S"
    )


def _split_chunk(
    finder: Finder, first: int, last: int, roles: dict[int, Role]
) -> list[tuple[int, int]]:
    """Split at "and", around a title inside the run ("President Volodymyr Zelensky"), and after
    an organisation or place head followed by a given name."""
    heads = finder.gazetteer.heads
    parts: list[tuple[int, int]] = []
    start = first
    i = first
    # "Food and Agriculture Organization" is one name; "Kim and Shoigu" are two.
    one_organisation = finder.words[last - 1] in heads.org_last
    while i < last:
        word = finder.words[i]
        role = roles.get(i)
        if word == "and" and not one_organisation:
            parts.append((start, i))
            start = i + 1
        elif role is not None and role.last < last and i >= start:
            parts.append((start, i))
            start = i = role.last
            continue
        elif (
            i > start
            and word in finder.gazetteer.given_names
            and any(_is_head(heads, w) for w in finder.words[start:i])
        ):  # "Ministry of Foreign Affairs Peter Szijjarto"
            parts.append((start, i))
            start = i
        i += 1
    parts.append((start, last))
    trimmed = []
    for a, b in parts:  # no part opens or closes on a connector ("General | of Division")
        while a < b and not finder.is_name_word(a):
            a += 1
        while b > a and not finder.is_name_word(b - 1):
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def _type_chunks(finder: Finder, chunks: list[tuple[int, int]], roles: dict[int, Role]) -> None:
    role_before = {_extend_role(finder, role).last: role for role in roles.values()}
    for first, last in chunks:
        if finder.sentence_of[first] in finder.headings:
            continue
        typed = _type_chunk(finder, first, last, role_before)
        if typed is not None:
            finder.add(typed)
            continue
        # A demonym opening an unknown name is part of it ("Ukrainian Pravda"), and so is a
        # place opening an event's name ("Geneva Convention"): not mentions alone. ("Russian
        # President Vladimir Putin" keeps "Russian": a role follows it.)
        owner = finder.owner[first - 1] if first > 0 else None
        event = finder.words[last - 1] in finder.gazetteer.heads.event_last
        if (
            owner is not None
            and owner.last == first
            and (owner.label == "NORP" or (event and owner.label == "GPE"))
            and first not in roles
        ):
            finder.remove(owner)


def _type_chunk(
    finder: Finder, first: int, last: int, role_before: dict[int, Role]
) -> Found | None:
    heads = finder.gazetteer.heads
    words = finder.words
    size = last - first
    after = words[last] if last < len(words) else ""
    if words[last - 1] in heads.event_last:
        return None
    if after in heads.region_words:  # "Pokrovsk district"
        region = finder.new_entity("GPE", finder.span_text(first, last + 1))
        return finder.found_for(region, first, last + 1)
    if size >= 2 and words[last - 1] in heads.region_words:  # "Bohodukhiv District"
        region = finder.new_entity("GPE", finder.span_text(first, last))
        return finder.found_for(region, first, last)
    kind = heads.org_last.get(words[last - 1]) or heads.org_first.get(words[first])
    if size >= 2 and kind is None:
        kind = heads.org_first.get(" ".join(words[first : first + 2]))
    place_last = _absorb_of_place(finder, last, remove=False)
    prefixed = _absorb_prefix(finder, first, remove=False) < first
    # One head word is a name with a place around it: "Embassy of Ukraine", "Crimea Platform".
    if kind is not None and (size >= 2 or place_last > last or prefixed):
        last = _absorb_of_place(finder, last)
        first = _absorb_prefix(finder, first, unit=words[last - 1] in heads.org_last)
        entity = finder.new_entity("ORG", finder.span_text(first, last), kind)
        return finder.found_for(entity, first, last)
    if size >= 2 and words[last - 1] in heads.facility_last:
        return finder.found_for(
            finder.new_entity("FAC", finder.span_text(first, last)), first, last
        )
    if size >= 2 and words[last - 1] in heads.location_last:
        return finder.found_for(
            finder.new_entity("LOC", finder.span_text(first, last)), first, last
        )
    if _is_person(finder, first, last, role_before):
        return finder.found_for(
            finder.new_entity("PERSON", finder.span_text(first, last)), first, last
        )
    return None


def _is_person(finder: Finder, first: int, last: int, role_before: dict[int, Role]) -> bool:
    """A name-like chunk with evidence of a person around it."""
    words = [w for w in finder.words[first:last] if w != "."]  # initials' dots
    if len(words) > 4 or not all(
        w in _NAME_PARTICLES or (w[:1].isupper() and not (len(w) > 1 and w.isupper()))
        for w in words
    ):
        return False
    if last < len(finder.words) and finder.words[last] == "." and len(words) == 1:
        abbreviation = (words[0].lower(), ".")
        if abbreviation in finder.gazetteer.roles.values or words[0] in finder.gazetteer.honorifics:
            return False  # "Gen." is a title, not a name
    gazetteer = finder.gazetteer
    heads = gazetteer.heads
    if words[-1] in heads.org_last or words[-1] in heads.facility_last:
        return False
    if any((w.lower(),) in gazetteer.roles.values for w in words):
        return False  # "Chief of the General Staff": a title, not a name
    before = finder.words[first - 1] if first > 0 else ""
    after = finder.words[last] if last < len(finder.words) else ""
    next_word = finder.lower[last + 1] if last + 1 < len(finder.words) else ""
    # Evidence strong enough for a single word, even at a sentence start.
    if after == "," and next_word == "who":
        return True
    sentence_start = first in finder.sentence_first or before in (".", "!", "?", "-", "–", "—")
    if len(words) == 1 and sentence_start:
        return False  # a capital at a sentence start is not a name by itself
    if (
        first in role_before
        or (before == "," and first - 1 in role_before)  # "Chancellor of Austria, Karl Nehammer"
        or before in gazetteer.honorifics
        or (before == "." and first > 1 and finder.words[first - 2] in gazetteer.honorifics)
        or (before.lower() in SPEECH_VERBS and after in (".", ","))  # 'said Sabalenka.'
    ):
        return True
    if len(words) >= 2 and (
        words[0] in gazetteer.given_names or _appositive_role(finder, last) is not None
    ):
        return True
    # "..., Szijjártó said": a lone capitalised word needs to be mid-sentence and not "the X".
    lone = len(words) == 1
    return (
        len(words) <= 3
        and after.lower() in SPEECH_VERBS
        and not (lone and (finder.lower[first - 1] == "the" or finder.owner[first - 1] is not None))
    )


def _absorb_of_place(finder: Finder, last: int, remove: bool = True) -> int:
    """ "Ministry of Energy" + "of Ukraine": the place belongs to the organisation's name."""
    if last + 1 < len(finder.tokens) and finder.lower[last] == "of":
        owner = finder.owner[last + 1]
        if owner is not None and owner.first == last + 1 and owner.label == "GPE":
            if remove:
                finder.remove(owner)
            return owner.last
    return last


def _absorb_prefix(finder: Finder, first: int, unit: bool = False, remove: bool = True) -> int:
    """A place or demonym right before an organisation's name is part of it: "Kharkiv Regional
    Military Administration", "South Korean Defense Ministry"; so is the organisation a `unit`
    belongs to ("Russian Defence Ministry Press Service")."""
    labels = ("GPE", "NORP", "ORG") if unit else ("GPE", "NORP")
    if first > 0:
        owner = finder.owner[first - 1]
        if owner is not None and owner.last == first and owner.label in labels:
            start = owner.first
            if remove:
                finder.remove(owner)
            # Capitalised words before the place belong to the name: "International Crimea
            # Platform".
            while start > 0 and finder.owner[start - 1] is None and finder.is_name_word(start - 1):
                start -= 1
            return start
    return first


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 8 and word.isalnum() and sum(c.isupper() for c in word) >= 2


def _acronym_definitions(finder: Finder, chunks: list[tuple[int, int]]) -> None:
    """ "Main Intelligence Directorate (GUR)": both name the same organisation."""
    words = finder.words
    definitions: dict[str, Found] = {}
    for i in range(1, len(words) - 2):
        if words[i] != "(" or words[i + 2] != ")" or not _is_acronym(words[i + 1]):
            continue
        expansion = finder.owner[i - 1]
        acronym = finder.owner[i + 1]
        if expansion is None:
            chunk = next(((a, b) for a, b in chunks if b == i and b - a >= 2), None)
            if chunk is None:
                continue
            first = _absorb_prefix(finder, chunk[0])
            entity = finder.new_entity("ORG", finder.span_text(first, chunk[1]))
            expansion = finder.add(finder.found_for(entity, first, chunk[1]))
        if expansion.label in ("PERSON", "NORP"):
            continue
        if acronym is None:
            acronym = finder.add(
                Found(
                    i + 1,
                    i + 2,
                    expansion.label,
                    expansion.entity,
                    expansion.name,
                    None,
                    expansion.kind,
                )
            )
        elif expansion.entity in finder.local and acronym.entity in finder.gazetteer.entities:
            # The gazetteer knows the acronym: the spelled-out name is that entity.
            expansion.entity, expansion.name = acronym.entity, acronym.name
            expansion.kind, expansion.label = acronym.kind, acronym.label
        definitions[words[i + 1]] = expansion
    for i, word in enumerate(words):
        expansion = definitions.get(word)
        if expansion is not None and finder.owner[i] is None:
            finder.add(
                Found(
                    i,
                    i + 1,
                    expansion.label,
                    expansion.entity,
                    expansion.name,
                    None,
                    expansion.kind,
                )
            )


def _repeat_names(finder: Finder) -> None:
    """A name typed once is the same entity wherever else it is written ("Sabalenka, who ...")."""
    typed: dict[tuple[str, ...], Found] = {}
    sizes: dict[str, set[int]] = {}  # first word -> lengths of typed names it opens
    for found in finder.found:
        if found.entity in finder.local:
            key = tuple(finder.words[found.first : found.last])
            typed.setdefault(key, found)
            sizes.setdefault(key[0], set()).add(len(key))
    for i, word in enumerate(finder.words):
        for size in sorted(sizes.get(word, ()), reverse=True):
            same = typed.get(tuple(finder.words[i : i + size]))
            if same is not None and finder.free(i, i + size):
                finder.add(
                    Found(
                        i,
                        i + size,
                        same.label,
                        same.entity,
                        same.name,
                        None,
                        same.kind,
                        same.gender,
                    )
                )
                break


def _appositive_role(finder: Finder, last: int) -> Role | None:
    """A role after a name: ", head of GUR", ", the Kremlin spokesman"."""
    n = len(finder.tokens)
    if last >= n or finder.words[last] != ",":
        return None
    start = last + 1
    if start < n and finder.lower[start] in ("the", "a", "an"):
        start += 1
    i = start
    owner = finder.owner[i] if i < n else None
    if owner is not None:  # "the Kremlin spokesman", "Ukraine's ambassador"
        if owner.label == "PERSON" or owner.first != i:
            return None
        i = owner.last
        if i < n and finder.words[i] == "'s":
            i += 1
    role = _role_at(finder, i)
    if role is None:
        return None
    return _extend_role(finder, Role(start, role.last))


def _attach_roles(finder: Finder, roles: dict[int, Role]) -> None:
    """Give each person the role written right before or after the name."""
    by_end: dict[int, Role] = {}
    for phrase in roles.values():
        extended = _extend_role(finder, phrase)
        if extended.last not in by_end or by_end[extended.last].first > extended.first:
            by_end[extended.last] = extended
    for found in finder.found:
        if found.label != "PERSON":
            continue
        before = by_end.get(found.first)
        if before is None and found.first > 0 and finder.words[found.first - 1] == ",":
            before = by_end.get(found.first - 1)  # "Chancellor of Austria, Karl Nehammer"
        role = before or _appositive_role(finder, found.last)
        if role is None:
            continue
        first = role.first
        # An organisation right before the role is part of it ("Kremlin spokesman").
        owner = finder.owner[first - 1] if first > 0 else None
        if owner is not None and owner.last == first and owner.label == "ORG":
            first = owner.first
        found.role = finder.span_text(first, role.last)


# -- the spaCy component -----------------------------------------------------------------------


@cache
def _default_gazetteer() -> Gazetteer:
    return load_gazetteer()


def entity_kind(entity_id: str) -> str | None:
    """The source kind of an entity id: media, government, military, intelligence, expert,
    international, company, ... (None when unknown). Unknown organisations are typed by name."""
    gazetteer = _default_gazetteer()
    entity = gazetteer.entities.get(entity_id)
    if entity is not None:
        return entity.kind
    prefix, _, name = entity_id.partition(":")
    if prefix in ("country", "region"):
        return "government"
    if prefix != "org":
        return None
    heads = gazetteer.heads
    words = {word.lower(): kind for word, kind in {**heads.org_first, **heads.org_last}.items()}
    parts = name.split("-")
    # The head comes before "of": "ministry-of-energy" is a ministry, not an energy company.
    head = parts[: parts.index("of")] if "of" in parts else parts
    for part in reversed(head):
        if part in words:
            return words[part]
    return None


@Language.factory(
    "claimledger_entities",
    assigns=["doc.spans"],
    default_config={"gazetteer_path": None},
)
def make_entities(nlp: Language, name: str, gazetteer_path: str | None) -> EntityFinder:
    register_extensions()
    gazetteer = load_gazetteer(Path(gazetteer_path)) if gazetteer_path else _default_gazetteer()
    return EntityFinder(gazetteer)


class EntityFinder:
    """Fills doc.spans["mentions"] with Mention records."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
        mentions = find_mentions(doc.text, sentences, self.gazetteer)
        set_span_group(doc, "mentions", mentions, label_attr="label")
        return doc
