"""Claims become facts: item classes, hedge intervals, increments, totals, sources, times."""

from __future__ import annotations

import pytest

from claimledger.ledger.facts import (
    FactBuilder,
    figure_measure,
    is_rate,
    item_class,
    singular,
    timex_interval,
)
from claimledger.ledger.rules import ledger_rules
from claimledger.model import (
    Actor,
    Article,
    Attribution,
    Claim,
    Document,
    Mention,
    Quantity,
    Sentence,
    SpanRef,
    Timex,
)

TEXT = (
    "Russia is using North Korean soldiers: the first of them arrived in October 2024, when it"
    " was about 12 thousand people. And in March 2025, North Korea sent another 3 thousand"
    " soldiers. South Korean lawmakers, citing intelligence, stated that as of April, out of"
    " 15 000 fighters, the DPRK had lost approximately 4,700 soldiers. North Korea has"
    " transferred up to 6 million artillery shells to Russia, according to an investigation"
    " published on Tuesday by Reuters."
)


def at(needle: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle), needle


def ref(needle: str, entity: str | None = None) -> SpanRef:
    return SpanRef(*at(needle), entity=entity)


def document() -> Document:
    sentences = []
    start = 0
    for last_words in ("people.", "soldiers.", "4,700 soldiers.", "Reuters."):
        end = TEXT.index(last_words) + len(last_words)
        sentences.append(Sentence(start, end, TEXT[start:end]))
        start = end + 1  # the space between sentences
    quantities = [
        Quantity(*at("about 12 thousand people"), 12000.0, bound="~", approx=True, item="people"),
        Quantity(*at("3 thousand soldiers"), 3000.0, 3000.0, 3000.0, item="soldier"),
        Quantity(*at("15 000 fighters"), 15000.0, 15000.0, 15000.0, item="fighter"),
        Quantity(*at("approximately 4,700 soldiers"), 4700.0, bound="~", item="soldier"),
        Quantity(
            *at("up to 6 million artillery shells"), 6e6, None, 6e6, "<=", item="artillery shell"
        ),
    ]
    timexes = [
        Timex(*at("October 2024"), "DATE", "2024-10"),
        Timex(*at("March 2025"), "DATE", "2025-03"),
        Timex(*at("April"), "DATE", "2025-04"),
        Timex(*at("Tuesday"), "DATE", "2025-04-15"),
    ]
    mentions = [
        Mention(*at("North Korea"), "GPE", "country:PRK", "North Korea"),
        Mention(*at("Reuters"), "ORG", "org:reuters", "Reuters"),
    ]
    lawmakers = Attribution(
        *at("South Korean lawmakers, citing intelligence, stated"),
        id="a1",
        source=ref("South Korean lawmakers"),
        cue=ref("stated"),
        content=ref("as of April, out of 15 000 fighters, the DPRK had lost approximately"),
        cites="a2",
    )
    intelligence = Attribution(
        *at("citing intelligence"),
        id="a2",
        source=ref("intelligence"),
        cue=ref("citing"),
        content=None,
    )
    reuters = Attribution(
        *at("according to an investigation published"),
        id="a3",
        source=ref("an investigation published"),
        cue=ref("according to"),
        content=ref("North Korea has transferred up to 6 million artillery shells to Russia"),
    )
    prk_rus = (Actor("country:PRK", "agent"), Actor("country:RUS", "recipient"))
    claims = [
        Claim(
            *at("the first of them arrived in October 2024, when it was about 12 thousand people"),
            "c1",
            "MOBILIZE",
            (Actor("country:PRK", "source"),),
            "people",
            0,
            0,
        ),
        Claim(
            *at("North Korea sent another 3 thousand soldiers"),
            "c2",
            "MOBILIZE",
            prk_rus,
            "soldier",
            1,
            1,
        ),
        Claim(
            *at("the DPRK had lost approximately 4,700 soldiers"),
            "c3",
            "ASSAULT",
            (Actor("country:PRK", "target"),),
            "soldier",
            3,
            2,
            attribution="a1",
        ),
        Claim(
            *at("North Korea has transferred up to 6 million artillery shells to Russia"),
            "c4",
            "AID",
            prk_rus,
            "artillery shell",
            4,
            None,
            3,
            attribution="a3",
        ),
    ]
    article = Article(title="t", text=TEXT, published="2025-06-19")
    doc = Document(
        article,
        sentences,
        mentions,
        timexes,
        quantities,
        [lawmakers, intelligence, reuters],
        claims,
    )
    doc.check_offsets()
    return doc


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("2024-10", ("2024-10-01", "2024-10-31")),
        ("2025-04-26", ("2025-04-26", "2025-04-26")),
        ("2023-SU", ("2023-06-01", "2023-08-31")),
        ("2024-WI", ("2024-12-01", "2025-02-28")),  # winter runs into the next year
        ("2025-Q2", ("2025-04-01", "2025-06-30")),
        ("2025-W01", ("2024-12-30", "2025-01-05")),
        ("2025", ("2025-01-01", "2025-12-31")),
        ("2025-06-19T10:00", ("2025-06-19", "2025-06-19")),
        ("PAST_REF", None),
        ("P1M", None),
    ],
)
def test_timex_interval(value: str, span: tuple[str, str] | None) -> None:
    assert timex_interval(value) == span


@pytest.mark.parametrize(
    ("item", "klass"),
    [
        ("military construction workers", "builder"),
        ("military builder", "builder"),
        ("artillery shells", "shell"),
        ("troops", "personnel"),
        ("people", "personnel"),
        ("sappers", "deminer"),
        ("ballistic missile launchers", "launcher"),
        ("batteries", "battery"),  # not listed: its own (singular) class
        (None, ""),
    ],
)
def test_item_class(item: str | None, klass: str) -> None:
    assert item_class(item) == klass


# (text with the figure in [brackets], what it counts, whether it is per unit of time)
MEASURED = [
    ("they must explain it to the [two soldiers] killed and three wounded.", "killed", False),
    ("the two soldiers killed and [three soldiers] wounded in Ukraine today", "wounded", False),
    ("The famine killed [an estimated five million people] and was recognised", "killed", False),
    ("the war has claimed the lives of [about 14,000 people], injured 30,000", "killed", False),
    ("and forced [more than 1.5 million people] to flee their homes", "displaced", False),
    ("Ukrainian forces are killing [nearly 1,000] Russian troops every day, and", "killed", True),
    ("The strike killed 3 and wounded [12 others], officials said.", "wounded", False),
    ("Russia sent [12,000 troops] to the Kursk region.", None, False),
    ("Kyiv has received [$1 billion] a month in budget support.", None, True),
    ("Washington pledged [$500 million], and 40 people were killed.", None, False),
    ("The attack killed 5 people and damaged [20] buildings.", None, False),
    ("Ten people were killed and [20] houses destroyed.", None, False),
    ("[40 people] a year ago lived in the village.", None, False),
    ("Only [12 people] were taken to hospital.", None, False),
]


@pytest.mark.parametrize(("sentence", "measure", "rate"), MEASURED)
def test_what_a_figure_counts(sentence: str, measure: str | None, rate: bool) -> None:
    before, rest = sentence.split("[")
    _figure, after = rest.split("]")
    rules = ledger_rules()
    assert figure_measure(before, after, rules.measures) == measure
    assert is_rate(after, rules.rate_after) is rate


def test_singular() -> None:
    assert [singular(w) for w in ("troops", "batches", "series", "press", "bus")] == [
        "troop",
        "batch",
        "sery",  # good enough for keys: both forms reduce alike
        "press",
        "bus",
    ]


def test_facts_of_a_document() -> None:
    facts = {f.claim_id: f for f in FactBuilder(document(), "article:x", "article x").build()}
    # the stated total is modelled on the first claim counting the same class of thing
    assert sorted(facts) == ["c1", "c1.q2", "c2", "c3", "c4"]
    base, more, lost, total, shells = (facts[k] for k in ("c1", "c2", "c3", "c1.q2", "c4"))
    # hedges become intervals: "about" +-10%, "up to" within 10% below
    assert (base.low, base.high) == pytest.approx((10800.0, 13200.0))
    assert (shells.low, shells.high) == pytest.approx((5.4e6, 6e6))
    assert (base.increment, more.increment, more.total) == (False, True, False)
    assert (base.family, more.family, shells.family) == ("transfer", "transfer", "transfer")
    assert (base.item_class, more.item_class, total.item_class) == ("personnel",) * 3
    assert (base.event_start, base.event_end) == ("2024-10-01", "2024-10-31")
    assert (base.report, shells.report) == ("2025-06-19", "2025-04-15")
    # unattributed: the article speaks; "citing intelligence" names no one, so the citer stays
    assert (base.source, lost.source, lost.cited_by) == (None, "South Korean lawmakers", None)
    # "according to an investigation published ... by Reuters": the named organisation
    assert (shells.source, shells.source_entity) == ("Reuters", "org:reuters")
    # "out of 15 000 fighters": a stated total joins the troop claims, with its sentence's time
    assert (total.kind, total.total, total.value, total.event) == (
        "total",
        True,
        15000.0,
        "2025-04",
    )
    assert total.source == "South Korean lawmakers"
    assert lost.total  # "as of April" makes the losses a running total too
