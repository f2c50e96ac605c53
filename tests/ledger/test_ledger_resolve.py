"""Entity resolution across articles: names, blocking, fuzzy links, user edits."""

from __future__ import annotations

import pytest

from claimledger.ledger.resolve import (
    Edit,
    EntityEditError,
    EntityInfo,
    Resolver,
    block_keys,
    normalize_name,
    raw_id_for,
    words_align,
)

KNOWN = [
    EntityInfo("person:sergei-shoigu", "Sergei Shoigu", "PERSON"),
    EntityInfo("person:kim-jong-un", "Kim Jong Un", "PERSON"),
    EntityInfo("person:shin-won-sik", "Shin Won Sik", "PERSON"),
    EntityInfo("org:mfa-ukraine", "Ministry of Foreign Affairs of Ukraine", "ORG"),
    EntityInfo("country:PRK", "North Korea", "GPE"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shin Won-sik", "shin won sik"),
        ("The Kremlin", "kremlin"),
        ("Zelenskyy’s", "zelenskyy s"),
        ("Kyïv", "kyiv"),  # accents do not count
    ],
)
def test_normalize_name(text: str, expected: str) -> None:
    assert normalize_name(text) == expected


def test_raw_id_and_blocks() -> None:
    assert raw_id_for("Lee Seong-kweun", "PERSON") == "person:lee-seong-kweun"
    assert raw_id_for("Alabuga plant", "FAC") == "place:alabuga-plant"
    assert block_keys("Kim Jong Un", 3) == {"kim", "jon", "un"}


@pytest.mark.parametrize(
    ("a", "b", "aligned"),
    [
        ("Sergei Shoigu", "Sergey Shoygu", True),
        ("Ministry of Defense of Russia", "Russian Ministry of Defence", True),
        ("Lee Seong-kweun", "Lee Seong-kwon", False),  # kweun/kwon: 67 < 80
        ("Ministry of Culture", "Ministry of Agriculture", False),
        ("Russian Paralympic Committee", "Russian Olympic Committee", False),
        # one whole word differs: another ministry, another person
        ("Ministry of Foreign Affairs of Ukraine", "Ministry of Foreign Affairs of Russia", False),
        ("Kim Jong Un", "Kim Jong Il", False),
    ],
)
def test_words_align(a: str, b: str, aligned: bool) -> None:
    assert words_align(a, b, 80) is aligned


@pytest.mark.parametrize(
    ("new", "linked_to"),
    [
        (EntityInfo("person:shin-wonsik", "Shin Wonsik", "PERSON"), None),  # word split differs
        (EntityInfo("person:shin-won-sik-2", "Shin Won-Sik", "PERSON"), "person:shin-won-sik"),
        (EntityInfo("person:sergey-shoigu", "Sergey Shoigu", "PERSON"), "person:sergei-shoigu"),
        (EntityInfo("person:kim-jong-il", "Kim Jong Il", "PERSON"), None),
        (EntityInfo("org:mfa-russia", "Ministry of Foreign Affairs of Russia", "ORG"), None),
        # the same name in another kind is another entity
        (EntityInfo("org:shin-won-sik", "Shin Won Sik", "ORG"), None),
        # coded ids are never matched by name
        (EntityInfo("country:KOR", "North Korea", "GPE"), None),
    ],
)
def test_new_entity_is_linked_to_a_close_known_name(new: EntityInfo, linked_to: str | None) -> None:
    resolver = Resolver(KNOWN)
    linked = resolver.observe(new)
    assert (linked[0] if linked else None) == linked_to
    assert resolver.canonical(new.id) == (linked_to or new.id)


def test_observing_a_known_entity_changes_nothing() -> None:
    resolver = Resolver(KNOWN)
    assert resolver.observe(EntityInfo("person:kim-jong-un", "Kim Jong-un", "PERSON")) is None
    assert resolver.canonical("person:kim-jong-un") == "person:kim-jong-un"


def test_merge_split_and_alias() -> None:
    shoygu = EntityInfo("person:sergey-shoygu", "Sergey Shoygu", "PERSON")
    resolver = Resolver([*KNOWN, shoygu])
    # 85 < 88: the spelling is too far for an automatic link; a user merges them
    assert resolver.canonical(shoygu.id) == shoygu.id
    resolver.add_edit(Edit("merge", "person:sergei-shoigu", shoygu.id))
    assert resolver.canonical(shoygu.id) == "person:sergei-shoigu"
    assert resolver.aliases_of("person:sergei-shoigu") == ["Sergey Shoygu"]
    assert resolver.lookup("Sergey Shoygu") == "person:sergei-shoigu"
    resolver.add_edit(Edit("split", "person:sergei-shoigu", shoygu.id))
    assert resolver.canonical(shoygu.id) == shoygu.id
    # an alias resolves entities known and still to come with that name
    resolver.add_edit(Edit("alias", "person:sergei-shoigu", "S. Shoigu"))
    later = EntityInfo("person:s-shoigu", "S. Shoigu", "PERSON")
    resolver.observe(later)
    assert resolver.canonical(later.id) == "person:sergei-shoigu"
    assert resolver.lookup("S Shoigu") == "person:sergei-shoigu"


def test_split_blocks_later_automatic_links() -> None:
    resolver = Resolver(
        KNOWN, edits=[Edit("split", "person:sergei-shoigu", "person:sergey-shoigu")]
    )
    resolver.observe(EntityInfo("person:sergey-shoigu", "Sergey Shoigu", "PERSON"))
    assert resolver.canonical("person:sergey-shoigu") == "person:sergey-shoigu"


def test_edits_are_replayed_over_stored_links() -> None:
    links = {"person:sergey-shoigu": "person:sergei-shoigu"}
    entities = [*KNOWN, EntityInfo("person:sergey-shoigu", "Sergey Shoigu", "PERSON")]
    assert Resolver(entities, links).canonical("person:sergey-shoigu") == "person:sergei-shoigu"
    edits = [Edit("split", "person:sergei-shoigu", "person:sergey-shoigu")]
    reopened = Resolver(entities, links, edits)
    assert reopened.canonical("person:sergey-shoigu") == "person:sergey-shoigu"


def test_bad_edits_are_refused() -> None:
    resolver = Resolver(KNOWN)
    with pytest.raises(EntityEditError, match="two different entities"):
        resolver.add_edit(Edit("merge", "country:PRK", "country:PRK"))
    with pytest.raises(EntityEditError, match="edits are merge, split, alias"):
        resolver.add_edit(Edit("rename", "country:PRK", "DPRK"))
