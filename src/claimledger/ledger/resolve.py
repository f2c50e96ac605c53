"""Entity resolution across articles: canonical entities, aliases, fuzzy matching, user edits.

Each article's analysis gives mentions raw entity ids (``country:PRK``, ``person:shin-won-sik``).
Across articles the same entity may arrive under another id ("Sergey Shoygu" for "Sergei Shoigu")
or none at all. A new id is compared, by name, only with the known entities that share a
blocking key (a word prefix) and the same kind, so the cost per new entity stays near-constant;
a match at or above the threshold links it to that entity's canonical id. User edits (merge,
split, alias) are kept apart from the automatic links and replayed over them, so they survive
re-ingest and later automatic matching never undoes them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from claimledger.ledger.rules import ledger_rules

EDIT_OPS = ("merge", "split", "alias")
_KIND_OF_LABEL = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "norp",
}
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


class EntityEditError(ValueError):
    """A merge, split or alias the ledger cannot apply."""


@dataclass(frozen=True, slots=True)
class Edit:
    """A user's correction: merge A B (B is A), split A B (B is not A), alias A NAME."""

    op: str
    a: str
    b: str


@dataclass(slots=True)
class EntityInfo:
    id: str
    name: str
    label: str

    @property
    def kind(self) -> str:
        return entity_kind(self.id)


def entity_kind(entity_id: str) -> str:
    """The id's namespace: person, org, country, city, ..."""
    return entity_id.partition(":")[0]


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Case-, accent-, hyphen- and article-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\W_]+", " ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


def slug(text: str) -> str:
    return normalize_name(text).replace(" ", "-")


def raw_id_for(text: str, label: str) -> str:
    """The id of a mention the analysis could not identify: its kind and its name."""
    return f"{_KIND_OF_LABEL.get(label, label.casefold())}:{slug(text)}"


def block_keys(name: str, prefix: int) -> set[str]:
    """Blocking keys: the first ``prefix`` letters of each word of two letters or more."""
    return {word[:prefix] for word in normalize_name(name).split() if len(word) >= 2}


def name_score(a: str, b: str) -> float:
    """0-100 similarity of two names, insensitive to word order."""
    return float(fuzz.token_sort_ratio(normalize_name(a), normalize_name(b)))


def words_align(a: str, b: str, threshold: float) -> bool:
    """Every word of each name has a spelling variant in the other: the same first letter and
    a similarity of at least ``threshold`` ("Sergei"/"Sergey", "Defense"/"Defence"). Names that
    differ by a whole word ("... of Ukraine"/"... of Russia", "Culture"/"Agriculture",
    "Paralympic"/"Olympic") never match."""
    words_a, words_b = normalize_name(a).split(), normalize_name(b).split()
    if not words_a or not words_b:
        return False
    return all(
        any(w[0] == o[0] and fuzz.ratio(w, o) >= threshold for o in others)
        for words, others in ((words_a, words_b), (words_b, words_a))
        for w in words
    )


class Resolver:
    """Canonical ids for raw entity ids: automatic links, then user edits over them."""

    def __init__(
        self,
        entities: Iterable[EntityInfo] = (),
        links: dict[str, str] | None = None,
        edits: Iterable[Edit] = (),
        names: Iterable[tuple[str, str]] = (),
        threshold: float | None = None,
        prefix: int | None = None,
    ) -> None:
        rules = ledger_rules()
        self.threshold = rules.name_threshold if threshold is None else threshold
        self.word_threshold = rules.token_threshold
        self.coded_kinds = rules.coded_kinds
        self.prefix = rules.block_prefix if prefix is None else prefix
        self.entities: dict[str, EntityInfo] = {}
        self.links: dict[str, str] = dict(links or {})
        self.edits: list[Edit] = list(edits)
        self._blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._aliases: dict[str, str] = {}
        self._surfaces: dict[str, set[str]] = defaultdict(set)
        self.not_name_starts = rules.not_name_starts
        for entity in entities:
            self._register(entity)
        for surface, entity_id in names:
            self.add_name(surface, entity_id)
        self._recompute()

    # --- the canonical map ---------------------------------------------------------------------

    def _recompute(self) -> None:
        parent: dict[str, str] = {raw: target for raw, target in self.links.items()}
        self._parent = parent
        self._user_aliases: dict[str, str] = {}
        self._alias_names: dict[str, str] = {}  # as the user wrote them
        self._apart: set[frozenset[str]] = set()
        for edit in self.edits:
            self._apply(edit)

    def _root(self, entity_id: str) -> str:
        seen: set[str] = set()
        while entity_id in self._parent and self._parent[entity_id] != entity_id:
            if entity_id in seen:  # a cycle can only come from contradicting edits
                break
            seen.add(entity_id)
            entity_id = self._parent[entity_id]
        return entity_id

    def _apply(self, edit: Edit) -> None:
        if edit.op == "merge":
            root_a, root_b = self._root(edit.a), self._root(edit.b)
            if root_a != root_b:
                self._parent[root_b] = root_a
            self._apart.discard(frozenset((edit.a, edit.b)))
        elif edit.op == "split":
            self._parent[edit.b] = edit.b
            if self._root(edit.a) == edit.b:
                self._parent[edit.a] = edit.a
            self._apart.add(frozenset((edit.a, edit.b)))
        elif edit.op == "alias":
            norm = normalize_name(edit.b)
            self._user_aliases[norm] = edit.a
            self._alias_names[norm] = edit.b
            for entity in self.entities.values():
                if normalize_name(entity.name) == norm:
                    self._link_to_alias(entity.id, edit.a)
        else:
            raise EntityEditError(f"unknown edit {edit.op!r}; edits are {', '.join(EDIT_OPS)}")

    def _link_to_alias(self, entity_id: str, target: str) -> None:
        root, target_root = self._root(entity_id), self._root(target)
        if root != target_root:
            self._parent[root] = target_root

    def canonical(self, entity_id: str) -> str:
        return self._root(entity_id)

    def add_edit(self, edit: Edit) -> None:
        """Apply one more user edit (the caller stores it)."""
        if edit.op in ("merge", "split") and edit.a == edit.b:
            raise EntityEditError(f"{edit.op} needs two different entities, got {edit.a} twice")
        self._apply(edit)
        self.edits.append(edit)

    def members(self, canonical_id: str) -> list[str]:
        """Every known raw id that resolves to ``canonical_id``."""
        ids = set(self.entities) | set(self._parent)
        return sorted(i for i in ids if self._root(i) == canonical_id)

    # --- learning new entities -----------------------------------------------------------------

    def _register(self, entity: EntityInfo) -> None:
        self.entities[entity.id] = entity
        for key in block_keys(entity.name, self.prefix):
            self._blocks[(entity.kind, key)].add(entity.id)
        self._aliases.setdefault(normalize_name(entity.name), entity.id)

    def is_name(self, surface: str) -> bool:
        """A proper name ("DPRK"), not a description or pronoun ("the agency", "he")."""
        words = surface.split()
        return (
            bool(words)
            and surface[0].isupper()
            and words[0].casefold() not in (self.not_name_starts)
        )

    def add_name(self, surface: str, entity_id: str) -> bool:
        """Record a name an entity was written as; False (ignored) for a description."""
        if not self.is_name(surface):
            return False
        self._aliases.setdefault(normalize_name(surface), entity_id)
        self._surfaces[entity_id].add(surface)
        return True

    def observe(self, entity: EntityInfo) -> tuple[str, float] | None:
        """Learn an entity; a new one is linked to a known match. Returns (target, score) for a
        new automatic link, None otherwise (known already, or no match)."""
        if entity.id in self.entities:
            return None
        aliased = self._user_aliases.get(normalize_name(entity.name))
        # Coded ids (ISO country and region codes) are authoritative: never matched by name.
        coded = entity.kind in self.coded_kinds
        match = None if coded else self.match(entity.name, entity.kind, exclude=entity.id)
        self._register(entity)
        if aliased is not None:
            self._link_to_alias(entity.id, aliased)
            return None
        if match is None:
            return None
        target, score = match
        self.links[entity.id] = target
        self._parent[entity.id] = target
        return target, score

    def match(self, name: str, kind: str, exclude: str | None = None) -> tuple[str, float] | None:
        """The canonical id of the best-named known entity of this kind, if close enough."""
        best: tuple[str, float] | None = None
        candidates: set[str] = set()
        for key in block_keys(name, self.prefix):
            candidates |= self._blocks.get((kind, key), set())
        for candidate in sorted(candidates):
            if candidate == exclude:
                continue
            root = self._root(candidate)
            if exclude is not None and self._kept_apart(exclude, candidate, root):
                continue
            other = self.entities[candidate].name
            score = name_score(name, other)
            if score < self.threshold or not words_align(name, other, self.word_threshold):
                continue
            if best is None or score > best[1]:
                best = (root, score)
        return best

    def _kept_apart(self, entity_id: str, candidate: str, root: str) -> bool:
        return bool({frozenset((entity_id, candidate)), frozenset((entity_id, root))} & self._apart)

    # --- looking entities up -------------------------------------------------------------------

    def lookup(self, text: str) -> str | None:
        """The canonical id a user means: an id, a name or alias, or a close name."""
        if text in self.entities or text in self._parent:
            return self.canonical(text)
        norm = normalize_name(text)
        if norm in self._user_aliases:
            return self.canonical(self._user_aliases[norm])
        if norm in self._aliases:
            return self.canonical(self._aliases[norm])
        best: tuple[str, float] | None = None
        for kind in sorted({e.kind for e in self.entities.values()}):
            found = self.match(text, kind)
            if found and (best is None or found[1] > best[1]):
                best = found
        return best[0] if best else None

    def name(self, entity_id: str) -> str:
        info = self.entities.get(entity_id)
        return info.name if info else entity_id

    def aliases_of(self, canonical_id: str) -> list[str]:
        names = {self.name(member) for member in self.members(canonical_id)}
        for member in self.members(canonical_id):
            names |= self._surfaces.get(member, set())
        names |= {
            self._alias_names[alias]
            for alias, target in self._user_aliases.items()
            if self.canonical(target) == canonical_id
        }
        names.discard(self.name(canonical_id))
        return sorted(names)
