"""Gazetteers of named entities, roles and name cues, and the token-level lookup over them.

Names are keyed by their token tuple, so a lookup costs a few dict probes per token whatever the
gazetteer's size. Built-in data lives in ``resources/en/gazetteer``; a user YAML adds or corrects
entities and aliases (``load_gazetteer(Path("my.yaml"))``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import yaml

from claimledger.resources import check_keys, read_json, read_lines, read_text

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
ORG_KINDS = (
    "media",
    "government",
    "military",
    "intelligence",
    "international",
    "expert",
    "company",
    "ngo",
    "party",
    "religious",
)
USER_TOP_KEYS = ("entities",)
USER_ENTRY_KEYS = ("id", "name", "label", "kind", "country", "gender", "aliases")
_ID_PREFIX = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "loc",
    "FAC": "fac",
    "NORP": "norp",
}
_DIR = "en/gazetteer/"

# Words, dotted abbreviations ("U.S."), single other characters. Apostrophes and hyphens inside a
# word keep it whole ("O'Brien", "Ivano-Frankivsk"); a possessive ending is split off afterwards.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’ʼ‘`][^\W_]+)*|\S")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # apostrophes folded to '


def tokenize(text: str) -> list[Token]:
    """Word tokens with char offsets; "Russiaʼs" gives "Russia" and "'s"."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        folded = match.group().translate(_APOSTROPHES)
        cut = end
        if len(folded) > 2 and folded.endswith("'s"):
            cut = end - 2
        elif len(folded) > 2 and folded.endswith("s'"):
            cut = end - 1
        if cut < end:
            tokens.append(Token(start, cut, folded[: cut - start]))
            tokens.append(Token(cut, end, folded[cut - start :]))
        else:
            tokens.append(Token(start, end, folded))
    return tokens


def name_key(name: str) -> tuple[str, ...]:
    """The token tuple a name is looked up by."""
    return tuple(token.text for token in tokenize(unicodedata.normalize("NFC", name)))


# Letters that do not decompose into an ASCII letter and a mark.
_ASCII_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "ı": "i",
    }
)


def slug(name: str) -> str:
    """ASCII, lower case, hyphen-separated: the readable part of an entity id."""
    folded = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS))
    ascii_name = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: id such as ``country:PRK``, canonical name, label, source kind."""

    id: str
    name: str
    label: str
    kind: str | None = None  # media, government, military, ... (see ORG_KINDS)
    country: str | None = None  # ISO 3166-1 alpha-3
    gender: str | None = None  # m/f for people, used to resolve he/she


@dataclass(frozen=True, slots=True)
class Alias:
    """What a surface name stands for."""

    entity: str
    label: str  # label of the mention: NORP for a demonym, GPE for a capital
    sense: str = "name"  # name, demonym, capital (a capital city's name standing for a country)


@dataclass(frozen=True, slots=True)
class Description:
    """A definite description ("the publication") and what its antecedent must be."""

    label: str
    kinds: tuple[str, ...]
    name_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameHeads:
    """Head words that type an unknown capitalised name."""

    org_last: dict[str, str]
    org_first: dict[str, str]
    facility_last: frozenset[str]
    location_last: frozenset[str]
    region_words: frozenset[str]
    event_last: frozenset[str]


class TokenTable:
    """Token tuples to values, with every proper prefix kept so a scan stops early."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, ...], Any] = {}
        self.prefixes: set[tuple[str, ...]] = set()

    def add(self, key: tuple[str, ...], value: Any) -> None:
        if not key:
            return
        self.values[key] = value
        for size in range(1, len(key)):
            self.prefixes.add(key[:size])

    def longest(self, words: Sequence[str], start: int) -> tuple[int, Any] | None:
        """(end index, value) of the longest key starting at words[start], or None."""
        found: tuple[int, Any] | None = None
        end = start
        while end < len(words):
            key = tuple(words[start : end + 1])
            end += 1
            if key in self.values:
                found = (end, self.values[key])
            if key not in self.prefixes:
                break
        return found

    def __len__(self) -> int:
        return len(self.values)


@dataclass
class Gazetteer:
    """Entities, their names, and the role and cue lexicons the entity finder uses."""

    entities: dict[str, Entity] = field(default_factory=dict)
    names: TokenTable = field(default_factory=TokenTable)
    roles: TokenTable = field(default_factory=TokenTable)  # lower-cased keys
    role_modifiers: TokenTable = field(default_factory=TokenTable)  # lower-cased keys
    honorifics: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()  # capitalised words never part of a pattern name
    given_names: dict[str, str | None] = field(default_factory=dict)
    descriptions: TokenTable = field(default_factory=TokenTable)  # lower-cased keys
    heads: NameHeads = field(
        default_factory=lambda: NameHeads(
            {}, {}, frozenset(), frozenset(), frozenset(), frozenset()
        )
    )

    def add_entity(
        self, entity: Entity, aliases: Iterable[str] = (), *, override: bool = False
    ) -> None:
        """Add (or replace) an entity with its canonical name and aliases as names."""
        self.entities[entity.id] = entity
        for name in (entity.name, *aliases):
            self.add_alias(name, Alias(entity.id, entity.label), override=override)

    def add_alias(self, name: str, alias: Alias, *, override: bool = False) -> None:
        """Map a name to an entity; a name already taken by another entity is an error unless
        `override` (user corrections), so built-in lists cannot silently contradict each other."""
        key = name_key(name)
        taken: Alias | None = self.names.values.get(key)
        if taken is not None and taken.entity != alias.entity and not override:
            raise ValueError(f"name {name!r} is both {taken.entity} and {alias.entity}")
        self.names.add(key, alias)

    def lookup(self, name: str) -> Alias | None:
        """What an exact surface name stands for."""
        value: Alias | None = self.names.values.get(name_key(name))
        return value

    def entity(self, entity_id: str | None) -> Entity | None:
        return self.entities.get(entity_id) if entity_id else None


def load_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The built-in gazetteer, plus the entities and aliases of a user YAML file if given."""
    gazetteer = _copy(_builtin())
    if extra is not None:
        apply_user_file(gazetteer, extra)
    return gazetteer


def _copy(source: Gazetteer) -> Gazetteer:
    names = TokenTable()
    names.values = dict(source.names.values)
    names.prefixes = set(source.names.prefixes)
    return replace(source, entities=dict(source.entities), names=names)


@cache
def _builtin() -> Gazetteer:
    gazetteer = Gazetteer()
    _load_countries(gazetteer)
    _load_regions(gazetteer)
    _load_cities(gazetteer)
    _load_places(gazetteer)
    _load_groups(gazetteer)
    _load_organizations(gazetteer)
    _load_people(gazetteer)
    for phrase in read_lines(_DIR + "roles.txt"):
        gazetteer.roles.add(name_key(phrase.lower()), phrase)
    for phrase in read_lines(_DIR + "role_modifiers.txt"):
        gazetteer.role_modifiers.add(name_key(phrase.lower()), phrase)
    gazetteer.honorifics = frozenset(name_key(h)[0] for h in read_lines(_DIR + "honorifics.txt"))
    gazetteer.not_names = frozenset(read_lines(_DIR + "not_names.txt"))
    gazetteer.given_names = {
        row["name"]: row["gender"] or None for row in _rows("given_names.tsv", ("name", "gender"))
    }
    _load_descriptions(gazetteer)
    gazetteer.heads = _load_heads()
    return gazetteer


def _rows(file: str, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """TSV rows as dicts; comment lines skipped; the header must name exactly `columns`."""
    lines = [line for line in read_text(_DIR + file).splitlines() if not line.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = tuple(next(reader))
    if header != columns:
        raise ValueError(f"{file}: header {header} should be {columns}")
    for number, row in enumerate(reader, start=2):
        if not any(row):
            continue
        if len(row) != len(columns):
            raise ValueError(f"{file}: row {number} has {len(row)} fields, expected {len(columns)}")
        yield {key: value.strip() for key, value in zip(columns, row, strict=True)}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _check_country(code: str, file: str) -> None:
    # XK* codes are user-assigned (Kosovo) and absent from ISO 3166-1, hence from pycountry.
    if not code.startswith("XK") and pycountry.countries.get(alpha_3=code) is None:
        raise ValueError(f"{file}: {code!r} is not an ISO 3166-1 alpha-3 code")


def _load_countries(gazetteer: Gazetteer) -> None:
    columns = ("code", "name", "aliases", "demonyms", "capitals")
    for row in _rows("countries.tsv", columns):
        _check_country(row["code"], "countries.tsv")
        entity = Entity(f"country:{row['code']}", row["name"], "GPE", "government", row["code"])
        gazetteer.add_entity(entity, _split(row["aliases"]))
        for demonym in _split(row["demonyms"]):
            gazetteer.add_alias(demonym, Alias(entity.id, "NORP", "demonym"))
        for capital in _split(row["capitals"]):
            city = Entity(f"city:{slug(capital)}", capital, "GPE", None, row["code"])
            gazetteer.entities.setdefault(city.id, city)
            gazetteer.add_alias(capital, Alias(entity.id, "GPE", "capital"))


_REGION_FORMS = {
    "oblast": ("{} Oblast", "{} oblast", "{} region", "{} Region"),
    "krai": ("{} Krai", "{} krai", "{} Territory", "{} region", "{} Region"),
    "republic": ("{}", "Republic of {}", "{} Republic"),
    "other": ("{}",),
}


def _load_regions(gazetteer: Gazetteer) -> None:
    for row in _rows("regions.tsv", ("code", "base", "type", "aliases")):
        if _subdivision(row["code"]) is None:
            raise ValueError(f"regions.tsv: {row['code']!r} is not an ISO 3166-2 code")
        forms = _REGION_FORMS.get(row["type"])
        if forms is None:
            raise ValueError(
                f"regions.tsv: type {row['type']!r} is not one of {list(_REGION_FORMS)}"
            )
        names = [form.format(row["base"]) for form in forms]
        country = pycountry.countries.get(alpha_2=row["code"][:2])
        entity = Entity(
            f"region:{row['code']}",
            names[0],
            "GPE",
            "government",
            country.alpha_3 if country else None,
        )
        gazetteer.add_entity(entity, names[1:] + _split(row["aliases"]))


def _subdivision(code: str) -> Any:
    return pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]


def _load_cities(gazetteer: Gazetteer) -> None:
    for row in _rows("cities.tsv", ("name", "country", "aliases")):
        _check_country(row["country"], "cities.tsv")
        entity = Entity(f"city:{slug(row['name'])}", row["name"], "GPE", None, row["country"])
        gazetteer.add_entity(entity, _split(row["aliases"]))


def _load_places(gazetteer: Gazetteer) -> None:
    for row in _rows("places.tsv", ("label", "name", "aliases")):
        if row["label"] not in ("LOC", "FAC"):
            raise ValueError(f"places.tsv: label {row['label']!r} is not LOC or FAC")
        entity = Entity(f"{row['label'].lower()}:{slug(row['name'])}", row["name"], row["label"])
        gazetteer.add_entity(entity, _split(row["aliases"]))


def _load_groups(gazetteer: Gazetteer) -> None:
    for row in _rows("groups.tsv", ("name", "aliases")):
        entity = Entity(f"norp:{slug(row['name'])}", row["name"], "NORP")
        gazetteer.add_entity(entity, _split(row["aliases"]))


def _load_organizations(gazetteer: Gazetteer) -> None:
    for row in _rows("organizations.tsv", ("id", "name", "kind", "country", "aliases")):
        if row["kind"] not in ORG_KINDS:
            raise ValueError(
                f"organizations.tsv: {row['id']}: kind {row['kind']!r} not in {ORG_KINDS}"
            )
        if row["country"]:
            _check_country(row["country"], "organizations.tsv")
        entity = Entity(f"org:{row['id']}", row["name"], "ORG", row["kind"], row["country"] or None)
        gazetteer.add_entity(entity, _split(row["aliases"]))
        if row["name"].startswith("The "):  # "the New York Times" in running text
            gazetteer.add_alias(row["name"][4:], Alias(entity.id, "ORG"))


def _load_people(gazetteer: Gazetteer) -> None:
    for row in _rows("people.tsv", ("name", "kind", "country", "gender", "aliases")):
        if row["country"]:
            _check_country(row["country"], "people.tsv")
        entity = Entity(
            f"person:{slug(row['name'])}",
            row["name"],
            "PERSON",
            row["kind"] or None,
            row["country"] or None,
            row["gender"] or None,
        )
        gazetteer.add_entity(entity, _split(row["aliases"]))


def _load_descriptions(gazetteer: Gazetteer) -> None:
    data = read_json(_DIR + "descriptions.json")
    for noun, spec in data.items():
        if noun == "_comment":
            continue
        check_keys(spec, ("label", "kinds", "name_words"), f"descriptions.json: {noun!r}")
        if spec["label"] not in LABELS:
            raise ValueError(
                f"descriptions.json: {noun!r}: label {spec['label']!r} not in {LABELS}"
            )
        description = Description(spec["label"], tuple(spec["kinds"]), tuple(spec["name_words"]))
        gazetteer.descriptions.add(name_key(noun), description)


def _load_heads() -> NameHeads:
    data = read_json(_DIR + "name_heads.json")
    allowed = (
        "_comment",
        "org_last",
        "org_first",
        "facility_last",
        "location_last",
        "region_words",
        "event_last",
    )
    check_keys(data, allowed, "name_heads.json")
    for table in ("org_last", "org_first"):
        for word, kind in data[table].items():
            if kind not in ORG_KINDS:
                raise ValueError(
                    f"name_heads.json: {table}: {word!r}: kind {kind!r} not in {ORG_KINDS}"
                )
    return NameHeads(
        org_last=dict(data["org_last"]),
        org_first=dict(data["org_first"]),
        facility_last=frozenset(data["facility_last"]),
        location_last=frozenset(data["location_last"]),
        region_words=frozenset(data["region_words"]),
        event_last=frozenset(data["event_last"]),
    )


def apply_user_file(gazetteer: Gazetteer, path: Path) -> None:
    """Add or correct entities and aliases from a YAML file (see docs/entities.md)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read gazetteer file: {error}") from None
    check_keys(data, USER_TOP_KEYS, str(path))
    entries = data.get("entities") or []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: 'entities' must be a list of entries")
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: entry {number}"
        check_keys(entry, USER_ENTRY_KEYS, where)
        add_user_entry(gazetteer, entry, where)


def add_user_entry(gazetteer: Gazetteer, entry: dict[str, Any], where: str) -> Entity:
    """Add one user entry (keys as in USER_ENTRY_KEYS); an existing id is updated, not replaced."""
    existing = gazetteer.entity(entry.get("id"))
    label = entry.get("label", existing.label if existing else None)
    name = entry.get("name", existing.name if existing else None)
    if label not in LABELS:
        raise ValueError(f"{where}: label {label!r} must be one of {', '.join(LABELS)}")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{where}: a new entity needs a 'name'")
    kind = entry.get("kind", existing.kind if existing else None)
    if kind is not None and kind not in ORG_KINDS:
        raise ValueError(f"{where}: kind {kind!r} must be one of {', '.join(ORG_KINDS)}")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"{where}: 'aliases' must be a list of names")
    entity_id = entry.get("id") or f"{_ID_PREFIX[label]}:{slug(name)}"
    entity = Entity(
        entity_id,
        name,
        label,
        kind,
        entry.get("country", existing.country if existing else None),
        entry.get("gender", existing.gender if existing else None),
    )
    gazetteer.add_entity(entity, aliases, override=True)
    return entity
