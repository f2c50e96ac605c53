"""Gazetteer data, lookup and user YAML files."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.nlp.entities import find_mentions
from claimledger.nlp.gazetteer import (
    Alias,
    Entity,
    Gazetteer,
    add_user_entry,
    load_gazetteer,
    name_key,
    slug,
    tokenize,
)
from claimledger.nlp.sentences import split_sentences


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Russiaʼs war", ["Russia", "'s", "war"]),
        ("the U.S. and O'Brien", ["the", "U.S.", "and", "O'Brien"]),
        ("Ivano-Frankivsk, 5,000.", ["Ivano-Frankivsk", ",", "5", ",", "000", "."]),
        ("the States' aid", ["the", "States", "'", "aid"]),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    found = tokenize(text)
    assert [t.text for t in found] == tokens
    assert all(text[t.start : t.end].replace("ʼ", "'") == t.text for t in found)


def test_name_key_and_slug() -> None:
    assert name_key("Kim Jong-un") == ("Kim", "Jong-un")
    assert slug("Kyrył Budanów") == "kyryl-budanow"
    assert slug("Sergei Shoigu") == "sergei-shoigu"


@pytest.mark.parametrize(
    ("name", "entity", "label", "sense"),
    [
        ("DPRK", "country:PRK", "GPE", "name"),
        ("Democratic People's Republic of Korea", "country:PRK", "GPE", "name"),
        ("North Korean", "country:PRK", "NORP", "demonym"),
        ("North Koreans", "country:PRK", "NORP", "demonym"),
        ("Pyongyang", "country:PRK", "GPE", "capital"),
        ("Moscow", "country:RUS", "GPE", "capital"),
        ("Türkiye", "country:TUR", "GPE", "name"),
        ("Kursk Oblast", "region:RU-KRS", "GPE", "name"),
        ("Kharkiv region", "region:UA-63", "GPE", "name"),
        ("Republic of Tatarstan", "region:RU-TA", "GPE", "name"),
        ("Kharkiv", "city:kharkiv", "GPE", "name"),
        ("GUR", "org:gur", "ORG", "name"),
        ("Institute for the Study of War", "org:isw", "ORG", "name"),
        ("Shoigu", "person:sergei-shoigu", "PERSON", "name"),
        ("Donbas", "loc:donbas", "LOC", "name"),
        ("European", "norp:european", "NORP", "name"),
    ],
)
def test_builtin_names(
    gazetteer: Gazetteer, name: str, entity: str, label: str, sense: str
) -> None:
    assert gazetteer.lookup(name) == Alias(entity, label, sense)


def test_builtin_coverage(gazetteer: Gazetteer) -> None:
    countries = [e for e in gazetteer.entities.values() if e.id.startswith("country:")]
    assert len(countries) >= 190
    assert gazetteer.entities["org:nhk"].kind == "media"
    assert gazetteer.entities["org:sbu"].kind == "intelligence"
    assert gazetteer.entities["region:UA-63"].country == "UKR"
    assert ("defense", "minister") in gazetteer.roles.values
    assert ("security", "council", "secretary") in gazetteer.roles.values


def test_names_of_two_entities_are_rejected() -> None:
    table = Gazetteer()
    table.add_entity(Entity("city:georgia", "Georgia", "GPE"))
    with pytest.raises(ValueError, match="'Georgia' is both city:georgia and country:GEO"):
        table.add_entity(Entity("country:GEO", "Georgia", "GPE"))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_adds_entities_and_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
entities:
  - name: Hanna Maliar
    label: PERSON
    kind: military
    gender: f
    aliases: [Maliar, Ganna Maliar]
  - id: country:RUS
    aliases: [Rashka]
  - id: org:kyiv-school-of-economics
    name: Kyiv School of Economics
    label: ORG
    kind: expert
    aliases: [KSE]
""",
    )
    gazetteer = load_gazetteer(path)
    assert gazetteer.lookup("Ganna Maliar") == Alias("person:hanna-maliar", "PERSON")
    assert gazetteer.entities["person:hanna-maliar"].gender == "f"
    assert gazetteer.lookup("Rashka") == Alias("country:RUS", "GPE")
    assert gazetteer.entities["country:RUS"].name == "Russia"  # kept: only aliases were given
    text = "KSE and Maliar spoke about Rashka."
    found = find_mentions(text, split_sentences(text), gazetteer)
    assert [(m.text, m.entity) for m in found] == [
        ("KSE", "org:kyiv-school-of-economics"),
        ("Maliar", "person:hanna-maliar"),
        ("Rashka", "country:RUS"),
    ]
    # The built-in gazetteer is not changed by a user file.
    assert load_gazetteer().lookup("Rashka") is None


def test_user_file_corrects_an_entity(tmp_path: Path) -> None:
    path = write(tmp_path, "entities:\n  - id: org:alabuga\n    name: Alabuga\n    label: ORG\n")
    gazetteer = load_gazetteer(path)
    assert gazetteer.lookup("Alabuga") == Alias("org:alabuga", "ORG")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "entities:\n  - name: X Y\n    label: PERSON\n    alias: [Y]\n",
            r"user\.yaml: entry 1: unknown keys \['alias'\]; allowed are id, name, label, kind, "
            r"country, gender, aliases",
        ),
        ("people:\n  - name: X\n", r"user\.yaml: unknown keys \['people'\]; allowed are entities"),
        (
            "entities:\n  - name: X\n    label: PERSONS\n",
            r"user\.yaml: entry 1: label 'PERSONS' must be one of PERSON, ORG, GPE, LOC, FAC, NORP",
        ),
        ("entities:\n  - label: ORG\n", r"user\.yaml: entry 1: a new entity needs a 'name'"),
        (
            "entities:\n  - name: X\n    label: ORG\n    kind: newspaper\n",
            r"user\.yaml: entry 1: kind 'newspaper' must be one of media, ",
        ),
        ("entities:\n  - name: X\n    label: ORG\n    aliases: Y\n", r"'aliases' must be a list"),
        ("entities: [\n", r"user\.yaml: cannot read gazetteer file"),
    ],
)
def test_user_file_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_gazetteer(write(tmp_path, text))


def test_large_gazetteer_matches_like_a_small_one() -> None:
    """10 000 added names: each is found, and so are the built-in ones (speed: benchmarks)."""
    gazetteer = load_gazetteer()
    for number in range(10_000):
        entry = {"name": f"Zorbex Holding {number}", "label": "ORG", "kind": "company"}
        add_user_entry(gazetteer, entry, f"entry {number}")
    text = "Zorbex Holding 9999 sold shares in Kharkiv to Zorbex Holding 17."
    found = find_mentions(text, split_sentences(text), gazetteer)
    assert [(m.text, m.entity) for m in found] == [
        ("Zorbex Holding 9999", "org:zorbex-holding-9999"),
        ("Kharkiv", "city:kharkiv"),
        ("Zorbex Holding 17", "org:zorbex-holding-17"),
    ]
