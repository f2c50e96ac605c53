"""Entity mentions: real text in, exact spans, labels, entity ids, names and roles out."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from claimledger.eval.entities import is_reference, read_gold, score
from claimledger.model import Mention, normalize_text
from claimledger.nlp.entities import entity_kind, find_mentions
from claimledger.nlp.gazetteer import Gazetteer, load_gazetteer
from claimledger.nlp.sentences import split_sentences
from claimledger.nlp.spans import records

GOLD = Path(__file__).resolve().parents[1] / "gold" / "entities"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    return find_mentions(text, split_sentences(text), gazetteer)


def rows(found: list[Mention]) -> list[tuple[str, str, str | None, str | None]]:
    return [(m.text, m.label, m.entity, m.role) for m in found]


def seed_text(seed_path: Path) -> str:
    """The seed article's body (its first line is the ` date ... headline` header)."""
    return normalize_text(seed_path.read_text(encoding="utf-8")).split("\n", 2)[2]


# Every entity of the seed article: (text, nth occurrence, label, entity id, role).
SEED = [
    ("Japanese", 1, "NORP", "country:JPN", None),
    ("NHK", 1, "ORG", "org:nhk", None),
    ("Alabuga Special Economic Zone", 1, "LOC", "loc:alabuga-special-economic-zone", None),
    ("Russian", 1, "NORP", "country:RUS", None),
    ("Tatarstan", 1, "GPE", "region:RU-TA", None),
    ("North Korean", 1, "NORP", "country:PRK", None),
    ("Kim Jong Un", 1, "PERSON", "person:kim-jong-un", "leader"),
    ("Sergei Shoigu", 1, "PERSON", "person:sergei-shoigu", "Security Council Secretary"),
    ("Pyongyang", 1, "GPE", "city:pyongyang", None),  # "in Pyongyang": the city
    ("the latter", 1, "PERSON", "person:sergei-shoigu", None),
    ("Kursk region", 1, "GPE", "region:RU-KRS", None),
    ("DPRK", 1, "GPE", "country:PRK", None),
    ("Ukraine", 1, "GPE", "country:UKR", None),
    ("Kursk Bulge", 1, "LOC", "loc:kursk-bulge", None),
    ("South Korean", 1, "NORP", "country:KOR", None),
    ("US", 1, "GPE", "country:USA", None),
    ("GUR", 1, "ORG", "org:gur", None),
    ("Kyrylo Budanov", 1, "PERSON", "person:kyrylo-budanov", "head of GUR"),
    ("Shin Won Sik", 1, "PERSON", "person:shin-won-sik", "Defense Minister"),
    ("Bloomberg", 1, "ORG", "org:bloomberg", None),
    ("Moscow", 1, "GPE", "country:RUS", None),  # "Moscow needed more": the government
    ("Reuters", 1, "ORG", "org:reuters", None),
    ("The publication", 1, "ORG", "org:reuters", None),
    ("Russia", 1, "GPE", "country:RUS", None),
    ("North Korea", 1, "GPE", "country:PRK", None),
]


@pytest.mark.parametrize(("text", "nth", "label", "entity", "role"), SEED)
def test_seed_entities(
    seed_path: Path,
    gazetteer: Gazetteer,
    text: str,
    nth: int,
    label: str,
    entity: str,
    role: str | None,
) -> None:
    body = seed_text(seed_path)
    found = [m for m in mentions(body, gazetteer) if m.text == text]
    assert len(found) >= nth, f"{text!r} not found"
    mention = found[nth - 1]
    assert (mention.label, mention.entity, mention.role) == (label, entity, role)
    assert body[mention.start : mention.end] == text


def test_seed_counts_and_apostrophes(seed_path: Path, gazetteer: Gazetteer) -> None:
    body = seed_text(seed_path)
    found = mentions(body, gazetteer)
    russia = [m for m in found if m.entity == "country:RUS" and m.label == "GPE"]
    # 14 "Russia" (two of them as "Russiaʼs") and the metonym "Moscow".
    assert [m.text for m in russia].count("Russia") == 14
    assert sum(m.text == "Moscow" for m in russia) == 1
    assert not any("ʼ" in m.text for m in found)


@pytest.mark.parametrize(
    "text",
    ["Russiaʼs war", "Russia’s war", "Russia's war", "Russia`s war", "Russia‘s war"],
)
def test_apostrophes_keep_the_name(gazetteer: Gazetteer, text: str) -> None:
    assert rows(mentions(text, gazetteer)) == [("Russia", "GPE", "country:RUS", None)]


# Unknown names typed by their context.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # title + capitalised name
            "Estonian Defence Minister Hanno Pevkur said the border was closed.",
            [
                ("Estonian", "NORP", "country:EST", None),
                ("Hanno Pevkur", "PERSON", "person:hanno-pevkur", "Defence Minister"),
            ],
        ),
        (  # name + appositive role with an "of X" complement
            "Serhiy Lysak, head of the Dnipropetrovsk regional administration, said so.",
            [
                ("Serhiy Lysak", "PERSON", "person:serhiy-lysak", "head"),
                ("Dnipropetrovsk", "GPE", "city:dnipro", None),
            ],
        ),
        (  # acronym definition: both forms are one organisation, later uses too
            "The Kyiv School of Economics (KSE) counted losses. KSE said more.",
            [
                ("Kyiv School of Economics", "ORG", "org:kyiv-school-of-economics", None),
                ("KSE", "ORG", "org:kyiv-school-of-economics", None),
                ("KSE", "ORG", "org:kyiv-school-of-economics", None),
            ],
        ),
        (  # a known acronym names its spelled-out form
            "The Security Service of Ukraine (SBU) detained him.",
            [
                ("Security Service of Ukraine", "ORG", "org:sbu", None),
                ("SBU", "ORG", "org:sbu", None),
            ],
        ),
        (  # organisation suffixes; "of <country>" belongs to the name
            "The Ministry of Energy of Ukraine and the Razumkov Centre disagreed.",
            [
                ("Ministry of Energy of Ukraine", "ORG", "org:ministry-of-energy-of-ukraine", None),
                ("Razumkov Centre", "ORG", "org:razumkov-centre", None),
            ],
        ),
        (  # place cues: "X region", "X district"
            "Shelling hit the Nikopol district, the Pokrovsk region and Ocheretyne Raion.",
            [
                ("Nikopol district", "GPE", "region:nikopol-district", None),
                ("Pokrovsk region", "GPE", "region:pokrovsk-region", None),
                ("Ocheretyne Raion", "GPE", "region:ocheretyne-raion", None),
            ],
        ),
        (  # honorific + surname, then the surname alone
            "Mr Ushakov told reporters. Ushakov added nothing.",
            [
                ("Ushakov", "PERSON", "person:ushakov", None),
                ("Ushakov", "PERSON", "person:ushakov", None),
            ],
        ),
        (  # a sentence-initial capital alone is not a name; an event name is not a person
            "Sanctions were imposed. After the Second World War, peace followed.",
            [],
        ),
        (  # a demonym inside an unknown (event) name is not a mention alone
            "She won the French Open last year.",
            [],
        ),
        (  # a capital city as the government, and as a place
            "Kyiv rejected the plan. Talks were held in Kyiv.",
            [
                ("Kyiv", "GPE", "country:UKR", None),
                ("Kyiv", "GPE", "city:kyiv", None),
            ],
        ),
        (  # initials inside a name; a speech verb after a lone mid-sentence name
            "“It matters,” said Seth G. Jones. On Monday, Szijjártó said no.",
            [
                ("Seth G. Jones", "PERSON", "person:seth-g-jones", None),
                ("Szijjártó", "PERSON", "person:szijjarto", None),
            ],
        ),
        (  # an organisation's unit; a role inside the run of capitals; a given name after it
            "The head of the Hungarian Ministry of Foreign Affairs Peter Szijjarto met"
            " the Russian Defence Ministry Press Service.",
            [
                (
                    "Hungarian Ministry of Foreign Affairs",
                    "ORG",
                    "org:hungarian-ministry-of-foreign-affairs",
                    None,
                ),
                (
                    "Peter Szijjarto",
                    "PERSON",
                    "person:peter-szijjarto",
                    "head of the Hungarian Ministry of Foreign Affairs",
                ),
                (
                    "Russian Defence Ministry Press Service",
                    "ORG",
                    "org:russian-defence-ministry-press-service",
                    None,
                ),
            ],
        ),
        (  # a given name before a known surname joins it
            "Belarusian President Aleksandr Lukashenko spoke.",
            [
                ("Belarusian", "NORP", "country:BLR", None),
                ("Aleksandr Lukashenko", "PERSON", "person:alexander-lukashenko", "President"),
            ],
        ),
        (  # datelines in capitals are the city
            "MOSCOW, 7 May (BelTA) - Talks ended.",
            [("MOSCOW", "GPE", "city:moscow", None), ("BelTA", "ORG", "org:belta", None)],
        ),
    ],
)
def test_unknown_names(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert rows(mentions(text, gazetteer)) == expected


def test_headings_are_not_names_by_themselves(gazetteer: Gazetteer) -> None:
    text = "Grain Deal Talks Stall\n\nThe Union of Russia and the DPRK\n\nTalks stalled."
    assert rows(mentions(text, gazetteer)) == [
        ("Russia", "GPE", "country:RUS", None),
        ("DPRK", "GPE", "country:PRK", None),
    ]


# In-document coreference: (text, [(reference text, entity it resolves to)]).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kim Jong Un met Sergei Shoigu. Afterwards, the latter said it went well,"
            " and the former agreed. Shoigu left.",
            [
                ("the latter", "person:sergei-shoigu"),
                ("the former", "person:kim-jong-un"),
                ("Shoigu", "person:sergei-shoigu"),
            ],
        ),
        (
            "Anton Gerashchenko met Maria Zakharova. She said he was late.",
            [("She", "person:maria-zakharova"), ("he", "person:anton-gerashchenko")],
        ),
        (
            "Yury Ushakov said President Biden asked for the call. He said it was balanced.",
            [("He", "person:yury-ushakov")],
        ),
        (
            "Reuters cited the Pentagon. The agency said that the Russian Defense Ministry"
            " denied it, but the ministry gave no details.",
            [("The agency", "org:reuters"), ("the ministry", "org:ru-mod")],
        ),
        (
            "Polish Foreign Minister Radoslaw Sikorski spoke in Kyiv. The minister promised aid.",
            [("The minister", "person:radoslaw-sikorski")],
        ),
        (  # "the former" + a description is not a pointer
            "Donald Trump met Joe Biden. The former president smiled; the former said no.",
            [("the former", "person:donald-trump")],
        ),
        (
            "The Institute for the Study of War (ISW) said Russia regrouped."
            " ISW analysts and the think tank expect an offensive.",
            [("the think tank", "org:isw")],
        ),
    ],
)
def test_coreference(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    expected_texts = {t for t, _ in expected}
    found = mentions(text, gazetteer)
    resolved = [(m.text, m.entity) for m in found if is_reference(m) or m.text in expected_texts]
    assert resolved == expected


def test_acronym_uses_resolve_to_the_expansion(gazetteer: Gazetteer) -> None:
    text = "The Institute for the Study of War (ISW) said so. ISW expects more."
    assert [(m.text, m.entity) for m in mentions(text, gazetteer)] == [
        ("Institute for the Study of War", "org:isw"),
        ("ISW", "org:isw"),
        ("ISW", "org:isw"),
    ]


@pytest.mark.parametrize(
    ("entity_id", "kind"),
    [
        ("org:nhk", "media"),
        ("org:gur", "intelligence"),
        ("org:isw", "expert"),
        ("org:nato", "international"),
        ("org:ru-mod", "military"),
        ("country:PRK", "government"),
        ("region:UA-63", "government"),
        ("person:sergei-shoigu", "government"),
        ("org:ministry-of-energy-of-ukraine", "government"),  # unknown: typed by its name
        ("org:kyiv-school-of-economics", "expert"),
        ("org:acme", None),
        ("person:nobody-known", None),
    ],
)
def test_entity_kind(entity_id: str, kind: str | None) -> None:
    assert entity_kind(entity_id) == kind


def test_component_fills_mentions(blank_nlp: Language, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "entities:\n  - name: Hanna Maliar\n    label: PERSON\n    kind: military\n"
        "    aliases: [Maliar]\n",
        encoding="utf-8",
    )
    import claimledger.nlp.entities  # noqa: F401  (registers the factory)

    blank_nlp.add_pipe("claimledger_sentences")
    blank_nlp.add_pipe("claimledger_entities", config={"gazetteer_path": str(extra)})
    doc = blank_nlp("Maliar said Ukraine advanced.")
    assert [(m.text, m.label, m.entity) for m in records(doc, "mentions")] == [
        ("Maliar", "PERSON", "person:hanna-maliar"),
        ("Ukraine", "GPE", "country:UKR"),
    ]
    assert [span.label_ for span in doc.spans["mentions"]] == ["PERSON", "GPE"]


def test_gold_articles(shared: Path, gazetteer: Gazetteer) -> None:
    """The hand-annotated ukraine-news articles (benchmarks/entities.py reports the figures)."""
    corpus = shared / "corpus" / "ukraine-news"
    paths = sorted(GOLD.glob("*.json"))
    assert len(paths) >= 10
    for split, floor in (("dev", 0.9), ("heldout", 0.6)):
        docs = [read_gold(path, corpus) for path in paths]
        total = None
        for doc in docs:
            if doc.split != split:
                continue
            found = score(doc.mentions, mentions(doc.text, gazetteer), with_label=False)
            total = found if total is None else total + found
        assert total is not None and total.f1 >= floor, (split, total)
