"""Claims: hand-built records from real sentences in, exact claim fields out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimledger.api import analyze_article
from claimledger.ingest.registry import read_input
from claimledger.model import Actor, Attribution, Claim, Mention, Quantity, SpanRef, Timex
from claimledger.nlp.claims import build_claims, tokenize
from claimledger.nlp.claims_lexicon import (
    ClaimLexiconError,
    parse_events,
    parse_modality,
    parse_words,
)


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text: str, needle: str, label: str, entity: str, nth: int = 0) -> Mention:
    start, end = at(text, needle, nth)
    return Mention(start, end, text[start:end], label, entity)


def quantity(text: str, needle: str, value: float, item: str | None) -> Quantity:
    start, end = at(text, needle)
    return Quantity(start, end, text[start:end], value, item=item)


def timex(text: str, needle: str, value: str) -> Timex:
    start, end = at(text, needle)
    return Timex(start, end, text[start:end], "DATE", value)


def ref(text: str, needle: str, entity: str | None = None) -> SpanRef:
    start, end = at(text, needle)
    return SpanRef(start, end, text[start:end], entity=entity)


def attribution(
    text: str, aid: str, source: SpanRef, cue: SpanRef, content: SpanRef, stance: str = "assert"
) -> Attribution:
    start, end = min(source.start, cue.start), max(cue.end, content.end)
    return Attribution(start, end, text[start:end], aid, source, cue, content, stance=stance)


def claims_of(text: str, **layers: Any) -> list[Claim]:
    found = build_claims(
        text,
        layers.get("sentences", [(0, len(text))]),
        layers.get("mentions", []),
        layers.get("timexes", []),
        layers.get("quantities", []),
        layers.get("attributions", []),
        layers.get("published", "2025-06-19"),
    )
    for claim in found:
        assert text[claim.start : claim.end] == claim.text
    return found


SENT = "And in March 2025, North Korea sent another 3 thousand soldiers."
REUTERS = (
    "Earlier, in April, Reuters reported that North Korea had transferred up to 6 million shells"
    " to Russia."
)
LAWMAKERS = (
    "South Korean lawmakers, citing intelligence, stated that as of April, out of 15 000"
    " fighters, the DPRK had lost approximately 4,700 soldiers, 600 of them dead."
)
TALKS = (
    "This announcement was preceded by the second talks in a month between North Korean leader"
    " Kim Jong Un and Russian Security Council Secretary Sergei Shoigu on June 17 in Pyongyang."
)


def test_troops_sent_are_mobilize_with_event_time() -> None:
    (claim,) = claims_of(
        SENT,
        mentions=[mention(SENT, "North Korea", "GPE", "country:PRK")],
        timexes=[timex(SENT, "March 2025", "2025-03")],
        quantities=[quantity(SENT, "3 thousand soldiers", 3000, "soldier")],
    )
    assert (claim.id, claim.type, claim.actors) == (
        "c1",
        "MOBILIZE",
        (Actor("country:PRK", "agent"),),
    )
    assert (claim.item, claim.quantity, claim.time, claim.report_time) == ("soldier", 0, 0, None)
    assert (claim.modality, claim.text) == ("asserted", SENT)


def test_reported_transfer_has_report_time_and_source() -> None:
    said = attribution(
        REUTERS,
        "a1",
        ref(REUTERS, "Reuters", "org:reuters"),
        ref(REUTERS, "reported"),
        ref(REUTERS, "that North Korea had transferred up to 6 million shells to Russia"),
    )
    (claim,) = claims_of(
        REUTERS,
        mentions=[
            mention(REUTERS, "Reuters", "ORG", "org:reuters"),
            mention(REUTERS, "North Korea", "GPE", "country:PRK"),
            mention(REUTERS, "Russia", "GPE", "country:RUS"),
        ],
        timexes=[timex(REUTERS, "April", "2025-04")],
        quantities=[quantity(REUTERS, "up to 6 million shells", 6e6, "shell")],
        attributions=[said],
    )
    assert claim.type == "AID"
    assert claim.actors == (Actor("country:PRK", "agent"), Actor("country:RUS", "recipient"))
    assert (claim.time, claim.report_time, claim.attribution) == (None, 0, "a1")


def test_losses_and_dead_against_a_partitive_total() -> None:
    content = ref(LAWMAKERS, LAWMAKERS[LAWMAKERS.index("as of April") : -1])
    said = attribution(
        LAWMAKERS, "a1", ref(LAWMAKERS, "South Korean lawmakers"), ref(LAWMAKERS, "stated"), content
    )
    found = claims_of(
        LAWMAKERS,
        mentions=[
            mention(LAWMAKERS, "South Korean", "NORP", "country:KOR"),
            mention(LAWMAKERS, "DPRK", "GPE", "country:PRK"),
        ],
        timexes=[timex(LAWMAKERS, "April", "2025-04")],
        quantities=[
            quantity(LAWMAKERS, "15 000 fighters", 15000, "fighter"),
            quantity(LAWMAKERS, "approximately 4,700 soldiers", 4700, "soldier"),
            quantity(LAWMAKERS, "600", 600, None),
        ],
        attributions=[said],
    )
    # the 15 000 fighters are the total the losses came from: the size of the force
    assert [(c.type, c.quantity, c.item, c.time, c.attribution) for c in found] == [
        ("MOBILIZE", 0, "fighter", 0, "a1"),
        ("ASSAULT", 1, "soldier", 0, "a1"),
        ("ASSAULT", 2, "dead", 0, "a1"),
    ]
    assert [c.actors for c in found] == [
        (Actor("country:PRK", "agent"),),
        (Actor("country:PRK", "target"),),
        (Actor("country:PRK", "target"),),
    ]


def test_talks_between_two_leaders_in_a_city() -> None:
    (claim,) = claims_of(
        TALKS,
        mentions=[
            mention(TALKS, "North Korean", "NORP", "country:PRK"),
            mention(TALKS, "Kim Jong Un", "PERSON", "person:kim-jong-un"),
            mention(TALKS, "Russian", "NORP", "country:RUS"),
            mention(TALKS, "Sergei Shoigu", "PERSON", "person:sergei-shoigu"),
            mention(TALKS, "Pyongyang", "GPE", "city:pyongyang"),
        ],
        timexes=[
            Timex(*at(TALKS, "a month"), "a month", "DURATION", "P1M"),
            timex(TALKS, "June 17", "2025-06-17"),
        ],
    )
    # the countries only describe the leaders, who are the parties; "in a month" is a time, so
    # "between" still belongs to "talks"
    assert claim.type == "CONSULT"
    assert claim.actors == (
        Actor("person:kim-jong-un", "agent"),
        Actor("person:sergei-shoigu", "agent"),
    )
    assert (claim.time, claim.place, claim.quantity) == (1, "city:pyongyang", None)


@pytest.mark.parametrize(
    ("text", "figure", "item", "expected"),
    [
        (
            "It is planned to send 25 000 workers from North Korea.",
            "25 000 workers",
            "worker",
            ("AID", "planned", (Actor("country:PRK", "source"),)),
        ),
        (
            "North Korea denied sending 500 troops to Russia.",
            "500 troops",
            "troop",
            (
                "MOBILIZE",
                "denied",
                (Actor("country:PRK", "agent"), Actor("country:RUS", "recipient")),
            ),
        ),
        (
            "Russia could receive 100 tanks from North Korea.",
            "100 tanks",
            "tank",
            ("AID", "hedged", (Actor("country:PRK", "source"), Actor("country:RUS", "recipient"))),
        ),
        (
            "North Korea will deploy 10 000 troops to Russia if talks fail.",
            "10 000 troops",
            "troop",
            (
                "MOBILIZE",
                "conditional",
                (Actor("country:PRK", "agent"), Actor("country:RUS", "recipient")),
            ),
        ),
        # passive: what was attacked is the target
        (
            "Russia was attacked by Ukraine with 40 drones.",
            "40 drones",
            "drone",
            (
                "ASSAULT",
                "asserted",
                (Actor("country:UKR", "agent"), Actor("country:RUS", "target")),
            ),
        ),
    ],
)
def test_modality_type_and_roles(
    text: str, figure: str, item: str, expected: tuple[str, str, tuple[Actor, ...]]
) -> None:
    mentions = [
        mention(text, name, "GPE", f"country:{code}")
        for name, code in (("North Korea", "PRK"), ("Russia", "RUS"), ("Ukraine", "UKR"))
        if name in text
    ]
    mentions.sort(key=lambda m: m.start)
    (claim,) = claims_of(text, mentions=mentions, quantities=[quantity(text, figure, 1, item)])
    assert (claim.type, claim.modality, claim.actors) == expected


def test_provides_with_names_recipient_and_thing_without_figure() -> None:
    text = "In addition to manpower, the DPRK provides Russia with weapons."
    (claim,) = claims_of(
        text,
        mentions=[
            mention(text, "DPRK", "GPE", "country:PRK"),
            mention(text, "Russia", "GPE", "country:RUS"),
        ],
    )
    assert (claim.type, claim.item, claim.quantity) == ("AID", "weapons", None)
    assert claim.actors == (Actor("country:PRK", "agent"), Actor("country:RUS", "recipient"))


def test_a_preposition_of_another_phrase_gives_no_role() -> None:
    text = "Russia sent 500 soldiers to fight in the war against Ukraine."
    (claim,) = claims_of(
        text,
        mentions=[
            mention(text, "Russia", "GPE", "country:RUS"),
            mention(text, "Ukraine", "GPE", "country:UKR"),
        ],
        quantities=[quantity(text, "500 soldiers", 500, "soldier")],
    )
    assert (claim.type, claim.actors) == ("MOBILIZE", (Actor("country:RUS", "agent"),))


def test_a_share_without_a_thing_counted_is_no_claim() -> None:
    text = "The Nikkei in Japan lost 2%."
    start, end = at(text, "2%")
    share = Quantity(start, end, "2%", 2, unit="%", normalized_unit="percent")
    assert (
        claims_of(text, mentions=[mention(text, "Japan", "GPE", "country:JPN")], quantities=[share])
        == []
    )


def test_the_story_source_covers_the_lead_up_to_a_subheading() -> None:
    text = (
        "This was reported by NHK.\n\n"
        "It is planned to send 25 000 workers from North Korea.\n\n"
        "The Union of Russia and the DPRK\n\n"
        "North Korea sent 3 000 soldiers."
    )
    story = attribution(
        text, "a1", ref(text, "NHK", "org:nhk"), ref(text, "was reported"), ref(text, "This")
    )
    found = claims_of(
        text,
        mentions=[
            mention(text, "NHK", "ORG", "org:nhk"),
            mention(text, "North Korea", "GPE", "country:PRK"),
            mention(text, "Russia", "GPE", "country:RUS"),
            mention(text, "DPRK", "GPE", "country:PRK"),
            mention(text, "North Korea", "GPE", "country:PRK", nth=1),
        ],
        quantities=[
            quantity(text, "25 000 workers", 25000, "worker"),
            quantity(text, "3 000 soldiers", 3000, "soldier"),
        ],
        attributions=[story],
        sentences=[at(text, part) for part in text.split("\n\n")],
    )
    assert [(c.quantity, c.attribution) for c in found] == [(0, "a1"), (1, None)]


def test_a_lone_event_word_without_parties_is_no_claim() -> None:
    text = "There has been speculation about an attack."
    assert claims_of(text) == []


def test_tokens_split_contractions() -> None:
    assert [t.norm for t in tokenize("didn’t send 4,700")] == ["did", "n't", "send", "4,700"]


@pytest.mark.parametrize(
    ("parse", "data", "message"),
    [
        (parse_events, {"events": [], "retype_by_item": [], "colour": 1}, "allowed are"),
        (
            parse_events,
            {
                "events": [{"lemma": "x", "type": "WAR", "forms": ["x"]}],
                "retype_by_item": [],
                "type_roles": {},
                "counted_types": [],
            },
            "is not one of",
        ),
        (parse_modality, {"cues": [], "order": ["planned"], "stances": {}}, "each of"),
        (parse_words, {"determiners": []}, "missing keys"),
    ],
)
def test_bad_data_files_are_rejected(parse: Any, data: Any, message: str) -> None:
    with pytest.raises(ClaimLexiconError, match=message):
        parse(data)


# -- the seed article end to end ------------------------------------------------------------
PRK, RUS = "country:PRK", "country:RUS"
SEED_CLAIMS = [
    # type, figure (value, or text when it has none), item, modality, actors, event time,
    # report time, according to, place
    (
        "AID",
        25000,
        "worker",
        "planned",
        ((PRK, "source"),),
        None,
        None,
        "the Japanese television channel NHK",
        "loc:alabuga-special-economic-zone",
    ),
    (
        "CONSULT",
        None,
        None,
        "asserted",
        (("person:kim-jong-un", "agent"), ("person:sergei-shoigu", "agent")),
        "June 17",
        None,
        "the Japanese television channel NHK",
        "city:pyongyang",
    ),
    (
        "MOBILIZE",
        1000,
        "sapper",
        "planned",
        ((PRK, "agent"), (RUS, "recipient")),
        None,
        None,
        "the latter",
        None,
    ),
    (
        "AID",
        5000,
        "military construction worker",
        "planned",
        ((PRK, "agent"), (RUS, "recipient")),
        None,
        None,
        "the latter",
        None,
    ),
    (
        "MOBILIZE",
        12000,
        "people",
        "asserted",
        ((PRK, "source"),),
        "October 2024",
        None,
        None,
        None,
    ),
    (
        "MOBILIZE",
        3000,
        "soldier",
        "asserted",
        ((PRK, "agent"),),
        "March 2025",
        None,
        None,
        None,
    ),
    (
        "MOBILIZE",
        15000,
        "fighter",
        "asserted",
        ((PRK, "agent"),),
        "April",
        None,
        "South Korean lawmakers",
        None,
    ),
    (
        "ASSAULT",
        4700,
        "soldier",
        "asserted",
        ((PRK, "target"),),
        "April",
        None,
        "South Korean lawmakers",
        None,
    ),
    (
        "ASSAULT",
        600,
        "dead",
        "asserted",
        ((PRK, "target"),),
        "April",
        None,
        "South Korean lawmakers",
        None,
    ),
    (
        "AID",
        None,
        "weapons",
        "asserted",
        ((PRK, "agent"), (RUS, "recipient")),
        None,
        None,
        None,
        None,
    ),
    (
        "AID",
        "several dozen",
        "ballistic missiles",
        "asserted",
        ((PRK, "source"), (RUS, "recipient")),
        None,
        "January 4, 2024",
        "Western media",
        None,
    ),
    (
        "AID",
        None,
        "short-range ballistic missiles",
        "asserted",
        ((PRK, "source"), (RUS, "recipient")),
        None,
        "the same day",
        "the US",
        None,
    ),
    (
        "AID",
        150,
        "ballistic missile",
        "planned",
        ((PRK, "agent"), (RUS, "recipient")),
        "this year",
        "January 2025",
        "The head of GUR Kyrylo Budanov",
        None,
    ),
    (
        "AID",
        5e6,
        "artillery shell",
        "hedged",
        ((PRK, "agent"), (RUS, "recipient")),
        None,
        "June 14",
        "South Korean Defense Minister Shin Won Sik",
        None,
    ),
    (
        "AID",
        6e6,
        "shell",
        "asserted",
        ((PRK, "agent"), (RUS, "recipient")),
        None,
        "April",
        "Reuters",
        None,
    ),
]


def figure(found: Quantity) -> float | str:
    return found.text if found.value is None else found.value


def test_seed_article_claims(seed_path: Path) -> None:
    (article,) = read_input(str(seed_path)).articles
    document = analyze_article(article)
    document.check_offsets()
    rows = []
    for claim in document.claims:
        said = {a.id: a for a in document.attributions}.get(claim.attribution or "")
        rows.append(
            (
                claim.type,
                None if claim.quantity is None else figure(document.quantities[claim.quantity]),
                claim.item,
                claim.modality,
                tuple((a.entity, a.role) for a in claim.actors),
                None if claim.time is None else document.timexes[claim.time].text,
                None if claim.report_time is None else document.timexes[claim.report_time].text,
                said.source.text if said and said.source else None,
                claim.place,
            )
        )
    assert rows == SEED_CLAIMS
    assert [c.id for c in document.claims] == [f"c{n}" for n in range(1, len(SEED_CLAIMS) + 1)]


def test_seed_chains_reach_the_cited_sources(seed_path: Path) -> None:
    (article,) = read_input(str(seed_path)).articles
    document = analyze_article(article)
    by_id = {a.id: a for a in document.attributions}
    chains = []
    for claim in document.claims:
        chain = []
        said = by_id.get(claim.attribution or "")
        while said is not None and said.source is not None:
            chain.append(said.source.text)
            said = by_id.get(said.cites or "")
        chains.append(tuple(chain))
    assert chains[0] == (
        "the Japanese television channel NHK",
        "diplomatic sources in the West and Russia",
    )
    assert chains[7] == ("South Korean lawmakers", "intelligence")
