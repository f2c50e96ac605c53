"""In-document coreference: short forms, "the latter"/"the former", definite descriptions, he/she.

Each resolved reference becomes a Found carrying its antecedent's entity and name. Pronouns
resolved are he, she, him, his, her (to the first person of a compatible gender in the pronoun's
sentence or, failing that, in the nearest of the three sentences before); "they" and "it" are not
resolved: they refer to groups, countries and things as often as to one named entity.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimledger.nlp.entities import Finder, Found

_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_ORDINAL_REFERENCES = {"latter": -1, "former": -2}
_PRONOUN_WINDOW = 3  # sentences back
_DESCRIPTION_WINDOW = 10
_ORDINAL_WINDOW = 1


def add_short_forms(finder: Finder) -> None:
    """A person's surname alone ("Shoigu"), or with an honorific, is that person."""
    from claimledger.nlp.entities import Found

    surnames: dict[str, Found] = {}
    for found in sorted(finder.found, key=lambda f: f.first):
        if found.label == "PERSON" and found.last - found.first >= 2:
            surnames.setdefault(finder.words[found.last - 1], found)
    for i, word in enumerate(finder.words):
        person = surnames.get(word)
        if person is None:
            continue
        owner = finder.owner[i]
        if owner is None:
            finder.add(
                Found(i, i + 1, "PERSON", person.entity, person.name, None, None, person.gender)
            )
        elif owner.label == "PERSON" and owner.first == i and owner.last == i + 1:
            # "Mr. Budanov" found as a new one-word person: the full name's entity.
            owner.entity, owner.name, owner.gender = person.entity, person.name, person.gender


def add_references(finder: Finder) -> None:
    """Resolve "the latter", "the publication", "he" and the like to earlier mentions."""
    from claimledger.nlp.entities import Found

    words = finder.lower
    index = _MentionIndex(finder)
    roles: dict[str, str] = {}  # every role the article gives each entity
    for found in finder.found:
        if found.role:
            roles[found.entity] = f"{roles.get(found.entity, '')} {found.role}"
    for i in range(len(words)):
        if finder.owner[i] is not None:
            continue
        resolved: tuple[int, Found | None] | None = None
        if (
            words[i] == "the"
            and i + 1 < len(words)
            and words[i + 1] in _ORDINAL_REFERENCES
            and _ordinal_is_pronoun(finder, i + 2)
        ):
            position = _ORDINAL_REFERENCES[words[i + 1]]
            resolved = (i + 2, _ordinal_antecedent(index, i, position))
        elif words[i] == "the" and i + 1 < len(words) and finder.words[i + 1].islower():
            match = finder.gazetteer.descriptions.longest(words, i + 1)
            if match is not None and not _is_followed_by_of(finder, match[0]):
                resolved = (match[0], _description_antecedent(index, i, match[1], roles))
        elif words[i] in _PRONOUNS and finder.words[i] in (words[i], words[i].capitalize()):
            resolved = (i + 1, _pronoun_antecedent(index, i, _PRONOUNS[words[i]]))
        if resolved is None or resolved[1] is None:
            continue
        last, antecedent = resolved
        if antecedent is None or not finder.free(i, last):
            continue
        index.add(
            finder.add(
                Found(
                    i,
                    last,
                    antecedent.label,
                    antecedent.entity,
                    antecedent.name,
                    None,
                    antecedent.kind,
                    antecedent.gender,
                    reference=True,
                )
            )
        )


# Words after "the latter"/"the former" used as a pronoun ("the latter said", "the former is").
_AFTER_ORDINAL = frozenset(
    {
        "is",
        "was",
        "has",
        "had",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "also",
        "then",
        "did",
        "does",
        "later",
        "however",
        "who",
        "whose",
        "in",
        "on",
        "at",
        "to",
        "and",
        "but",
        "both",
        "himself",
        "herself",
        "itself",
        "themselves",
    }
)


def _ordinal_is_pronoun(finder: Finder, i: int) -> bool:
    """ "the latter stated", "the former's": a pronoun; "the former president", "the former
    Polish leader", "the former assistant professor": a description, not resolved here."""
    if i >= len(finder.words):
        return True
    word = finder.words[i]
    if not word[:1].isalpha():
        return True  # punctuation or possessive
    from claimledger.nlp.entities import SPEECH_VERBS

    return word.islower() and (
        word in _AFTER_ORDINAL or word in SPEECH_VERBS or word.endswith(("ed", "s"))
    )


def _is_followed_by_of(finder: Finder, i: int) -> bool:
    # "the publication of the report" is an event, not the outlet.
    return i < len(finder.words) and finder.lower[i] == "of"


class _MentionIndex:
    """The finder's mentions by sentence, ordered by first token, so that looking back a few
    sentences costs what those sentences hold, not what the whole text holds."""

    def __init__(self, finder: Finder) -> None:
        self.finder = finder
        self.by_sentence: dict[int, list[Found]] = {}
        for found in sorted(finder.found, key=lambda f: f.first):
            self.by_sentence.setdefault(finder.sentence_of[found.first], []).append(found)

    def add(self, found: Found) -> None:
        bucket = self.by_sentence.setdefault(self.finder.sentence_of[found.first], [])
        bisect.insort_right(bucket, found, key=lambda f: f.first)

    def before(self, i: int, window: int, references: bool = False) -> list[Found]:
        """Mentions ending before token i within `window` sentences, in order; resolved
        references only if `references` (a pronoun may continue a chain: "Blinken said ... he
        said ... He")."""
        sentence = self.finder.sentence_of[i]
        return [
            f
            for s in range(max(0, sentence - window), sentence + 1)
            for f in self.by_sentence.get(s, ())
            if f.last <= i and (references or not f.reference)
        ]


def _ordinal_antecedent(index: _MentionIndex, i: int, position: int) -> Found | None:
    candidates = [
        f for f in index.before(i, _ORDINAL_WINDOW) if f.label in ("PERSON", "ORG", "GPE")
    ]
    people = [f for f in candidates if f.label == "PERSON"]
    if len({f.entity for f in people}) >= 2:
        candidates = people
    distinct: list[Found] = []
    for found in reversed(candidates):
        if all(found.entity != seen.entity for seen in distinct):
            distinct.append(found)
    back = -position - 1
    return distinct[back] if back < len(distinct) else None


def _description_antecedent(
    index: _MentionIndex, i: int, description: object, roles: dict[str, str]
) -> Found | None:
    from claimledger.nlp.gazetteer import Description

    assert isinstance(description, Description)
    for found in reversed(index.before(i, _DESCRIPTION_WINDOW, references=True)):
        if found.label != description.label:
            continue
        if description.kinds and found.kind not in description.kinds:
            continue
        if description.name_words:
            text = f"{found.name} {roles.get(found.entity, '')}".replace(",", " ").split()
            if not any(word in text for word in description.name_words):
                continue
        return found
    return None


def _pronoun_antecedent(index: _MentionIndex, i: int, gender: str) -> Found | None:
    """The nearest fitting person before the pronoun in its own sentence ("Trump said he"),
    else the first one of the nearest earlier sentence that has one: subjects are the likeliest
    antecedents across sentences ("Ushakov said Biden asked. He said ..." -> Ushakov)."""
    by_sentence: dict[int, list[Found]] = {}
    sentence_of = index.finder.sentence_of
    for found in index.before(i, _PRONOUN_WINDOW, references=True):
        if found.label == "PERSON" and found.gender in (None, gender):
            by_sentence.setdefault(sentence_of[found.first], []).append(found)
    if not by_sentence:
        return None
    nearest = max(by_sentence)
    if nearest == sentence_of[i]:
        return by_sentence[nearest][-1]
    return by_sentence[nearest][0]
