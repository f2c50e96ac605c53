"""Quantities: real sentences in, exact spans and fields out."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from claimledger.model import Quantity
from claimledger.nlp.quantity import find_quantities, is_plural, lemma
from claimledger.nlp.quantity_lexicon import QuantityLexiconError, _check_keys
from claimledger.nlp.quantity_numbers import parse_digits, read_words
from claimledger.nlp.spans import records

# (text, value, low, high, bound, approx, normalized_unit, item)
SEED = [
    ("25 000 workers", 25000.0, 25000.0, 25000.0, "=", False, None, "worker"),
    ("a thousand sappers", 1000.0, 1000.0, 1000.0, "=", False, None, "sapper"),
    (
        "5 thousand military construction workers",
        5000.0, 5000.0, 5000.0, "=", False, None, "military construction worker",
    ),
    ("about 12 thousand people", 12000.0, None, None, "~", True, None, "people"),
    ("3 thousand soldiers", 3000.0, 3000.0, 3000.0, "=", False, None, "soldier"),
    ("15 000 fighters", 15000.0, 15000.0, 15000.0, "=", False, None, "fighter"),
    ("approximately 4,700 soldiers", 4700.0, None, None, "~", True, None, "soldier"),
    ("600", 600.0, 600.0, 600.0, "=", False, None, None),
    ("several dozen", None, 36.0, 108.0, "range", True, None, None),
    ("150 ballistic missiles", 150.0, 150.0, 150.0, "=", False, None, "ballistic missile"),
    (
        "nearly 5 million artillery shells",
        5e6, None, 5e6, "<", True, None, "artillery shell",
    ),
    ("up to 6 million shells", 6e6, None, 6e6, "<=", False, None, "shell"),
    ("100%", 100.0, 100.0, 100.0, "=", False, "percent", None),
]


def _fields(q: Quantity) -> tuple[object, ...]:
    return (q.text, q.value, q.low, q.high, q.bound, q.approx, q.normalized_unit, q.item)


def test_seed_article_figures(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    found = find_quantities(text)
    assert [_fields(q) for q in found] == SEED
    for q in found:
        assert text[q.start : q.end] == q.text


def test_seed_dates_and_ordinals_are_not_quantities(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    spans = [(q.start, q.end) for q in find_quantities(text)]
    for phrase in ("2025-06-19", "June 17", "October 2024", "March 2025", "April 26",
                   "January 4, 2024", "June 14", "the second talks", "Two days later"):
        start = text.index(phrase)
        end = start + len(phrase)
        assert not any(s < end and start < e for s, e in spans), phrase


# Hedges and bounds, on sentences from ../shared/corpus/ukraine-news.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Russia has amassed at least 130,000 troops on the Ukrainian border.",
            ("at least 130,000 troops", 130000.0, 130000.0, None, ">=", False, None, "troop"),
        ),
        (
            "CNA said Russia has sent more than 10 battalion tactical groups to Belarus.",
            ("more than 10 battalion tactical groups", 10.0, 10.0, None, ">", False, None,
             "battalion tactical group"),
        ),
        (
            "Since 2014, Russia's aggression in Ukraine has claimed about 14,000 lives.",
            ("about 14,000 lives", 14000.0, None, None, "~", True, None, "life"),
        ),
        (
            "However, the launchers can be flying only up to 70 kilometers.",
            ("up to 70 kilometers", 70.0, None, 70.0, "<=", False, "kilometre", None),
        ),
        (
            "There are currently nearly 350,000 combat-hardened military reservists.",
            ("nearly 350,000 combat-hardened military reservists", 350000.0, None, 350000.0,
             "<", True, None, "combat-hardened military reservist"),
        ),
    ],
)
def test_hedges(sentence: str, expected: tuple[object, ...]) -> None:
    assert [_fields(q) for q in find_quantities(sentence)] == [expected]


# Ranges and vague amounts.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Premature babies are children born between 22 and 37 weeks of pregnancy.",
            ("between 22 and 37 weeks of pregnancy", None, 22.0, 37.0, "range", False, "week",
             "pregnancy"),
        ),
        (
            "If Russia is allowed to swallow Ukraine, tens of thousands could die.",
            ("tens of thousands", None, 10000.0, 100000.0, "range", True, None, None),
        ),
        (
            "Ukraine says it has recaptured dozens of villages on the southern front.",
            ("dozens of villages", None, 12.0, 120.0, "range", True, None, "village"),
        ),
        (
            "He asks hundreds of millions of dollars in the form of weapons.",
            ("hundreds of millions of dollars", None, 1e8, 1e9, "range", True, "USD", None),
        ),
        (
            "The agency would impose a fine of $3 billion to $5 billion.",
            ("$3 billion to $5 billion", None, 3e9, 5e9, "range", False, "USD", None),
        ),
        (
            "There are 1 to 2 thousand people.",
            ("1 to 2 thousand people", None, 1000.0, 2000.0, "range", False, None, "people"),
        ),
        (
            "Here, we used a 5-10W laser for diffuse heating.",
            ("5-10W", None, 5.0, 10.0, "range", False, "watt", None),
        ),
    ],
)
def test_ranges_and_vague_amounts(sentence: str, expected: tuple[object, ...]) -> None:
    assert [_fields(q) for q in find_quantities(sentence)] == [expected]


# Money, percentages and measures with their units as written and normalised.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia opened a $4 billion bridge over the strait.", [("$4 billion", 4e9, "$", "USD")]),
        ("The fund raised €300m last year.", [("€300m", 3e8, "€", "EUR")]),
        ("Profits hit $2.5bn.", [("$2.5bn", 2.5e9, "$", "USD")]),
        (
            "The budget is 1.5 trillion roubles.",
            [("1.5 trillion roubles", 1.5e12, "roubles", "RUB")],
        ),
        (
            "The price of Brent crude soared 1% to $95.",
            [("1%", 1.0, "%", "percent"), ("$95", 95.0, "$", "USD")],
        ),
        (
            "Spot gold was higher at $1,271.2 an ounce.",
            [("$1,271.2 an ounce", 1271.2, "$ an ounce", "USD per ounce")],
        ),
        (
            "To Ukraine's north span roughly 100,000 square miles of wetlands.",
            [("roughly 100,000 square miles of wetlands", 1e5, "square miles", "square mile")],
        ),
        (
            "The category 4 hurricane had maximum sustained winds of 155mph.",
            [("155mph", 155.0, "mph", "mile per hour")],
        ),
        ("The false positive rate is .001 per cent.", [(".001 per cent", 0.001, "per cent",
                                                        "percent")]),
        ("The rate was 1,5 per cent.", [("1,5 per cent", 1.5, "per cent", "percent")]),
        (
            "It costs between $10 and $15 a month.",
            [("between $10 and $15 a month", None, "$ a month", "USD per month")],
        ),
        (
            "Getting Belgium to stump up the EUR6-7 billion in interest.",
            [("EUR6-7 billion", None, "EUR", "EUR")],
        ),
        (
            "However, until now he has only raised 280 million of the 1.5 billion shekels.",
            [("280 million", 2.8e8, None, "ILS"), ("1.5 billion shekels", 1.5e9, "shekels", "ILS")],
        ),
        # "PS" and "Y=" are how ASCII feeds transliterate £ and ¥; "PS5" stays a console.
        ("It was worth up to PS2.7m.", [("up to PS2.7m", 2.7e6, "PS", "GBP")]),
        ("The PS5 sold out.", []),
        ("Shares rose to RM2.35.", [("RM2.35", 2.35, "RM", "MYR")]),
        (
            "Gas traded at $2.50/mmBtu.",
            [("$2.50/mmBtu", 2.5, "$/mmBtu", "USD per mega british thermal unit")],
        ),
        (
            "Amazon is paying an average of $18 an hour.",
            [("$18 an hour", 18.0, "$ an hour", "USD per hour")],
        ),
        (
            "Some 2.5m Ukrainian refugees fled.",
            [("Some 2.5m Ukrainian refugees", 2.5e6, None, None)],
        ),
        (
            "Researchers tracked patients aged 65 and over.",
            [("65 and over", 65.0, None, "year of age")],
        ),
        ("Temperatures will drop to minus 5C overnight.", [("minus 5C", -5.0, "C", "celsius")]),
        (
            "The frigid atmosphere can dip down to minus-130 degrees Fahrenheit.",
            [("minus-130 degrees Fahrenheit", -130.0, "degrees Fahrenheit", "fahrenheit")],
        ),
    ],
)
def test_units(sentence: str, expected: list[tuple[object, ...]]) -> None:
    found = [(q.text, q.value, q.unit, q.normalized_unit) for q in find_quantities(sentence)]
    assert found == expected


# Change: the direction a figure moved, never on a count of things.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Moscow is increasing its defense spending by almost 70% in 2024.", ["up"]),
        ("The S&P 500 plunged nearly 17% during the start of the war.", ["down"]),
        ("Revenue was 5 million hits a month, up 50% on pre-invasion numbers.", [None, "up"]),
        ("On Wall St: Dow +0.2% S&P 500 +0.3%.", ["up", "up"]),
        ("Shares were down 2.3% before the bell.", ["down"]),
        ("The index ended 0.5% lower.", ["down"]),
        ("South Korea said the DPRK had lost approximately 4,700 soldiers.", [None]),
        ("Revenue in the quarter rose to $7.36 billion.", [None]),
        ("The ECB raised rates by 75 basis points to 2%.", ["up", None]),
        ("He has only raised 280 million shekels.", [None]),
        ("Gold rose $12.40, or 0.7 per cent, to $1,842.60 an ounce.", ["up", "up", None]),
    ],
)
def test_change(sentence: str, expected: list[str | None]) -> None:
    assert [q.change for q in find_quantities(sentence)] == expected


# Rule families, each on real sentences: from ../shared/corpus/ukraine-news and press-releases,
# and NewsQuant dev sentences (news text) where those corpora have no example.
# (text, value, low, high, bound, normalized_unit, item, change)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "from X to Y" written downwards is a fall; a suffix unit is shared forward
        (
            "The time for PCR tests has been reduced from 24 hours to 1.5 hour.",
            [("from 24 hours to 1.5 hour", None, 1.5, 24.0, "range", "hour", None, "down")],
        ),
        (
            "According to the UN, the number of malnourished people will go from 270 million to "
            "323 million this year.",
            [("from 270 million to 323 million", None, 2.7e8, 3.23e8, "range", None, None, None)],
        ),
        # "by X to Y" with the unit only after Y is a range of change, not a change and a
        # level; its conversion in brackets moves the same way
        (
            "Between 1600 and 1900 world temperatures dropped by 1 to 1.5 degrees Celsius (1.8 "
            "to 2.7 Fahrenheit) - a period known as the Little Ice Age.",
            [
                ("1 to 1.5 degrees Celsius", None, 1.0, 1.5, "range", "celsius", None, "down"),
                ("1.8 to 2.7 Fahrenheit", None, 1.8, 2.7, "range", "fahrenheit", None, "down"),
            ],
        ),
        # "N in M", "N out of M" with a small whole: a share
        (
            "About 2 in 3 Americans, or 66 percent, say they are concerned about sanctions.",
            [
                ("About 2 in 3 Americans", 2 / 3, None, None, "~", None, "American", None),
                ("66 percent", 66.0, 66.0, 66.0, "=", "percent", None, None),
            ],
        ),
        (
            "Unfortunately, only 400 out of 500 participants were able to attend in person.",
            [
                ("400", 400.0, 400.0, 400.0, "=", None, None, None),
                ("500 participants", 500.0, 500.0, 500.0, "=", None, "participant", None),
            ],
        ),
        # fractions with a fraction slash, or a slash before "of"
        (
            "One US fluid ounce is 1/16 of a US pint, 1\u204432 of a US quart.",
            [
                ("One US fluid ounce", 1.0, 1.0, 1.0, "=", "ounce", None, None),
                ("1/16 of a US pint", 0.0625, 0.0625, 0.0625, "=", "pint", None, None),
                ("1\u204432 of a US quart", 0.03125, 0.03125, 0.03125, "=", "quart", None, None),
            ],
        ),
        # plurals in -men; a counted thing that ends in a unit is a measure, with no change
        (
            "He signed a decree to increase the number of personnel of the Armed Forces by "
            "100,000 servicemen.",
            [("100,000 servicemen", 1e5, 1e5, 1e5, "=", None, "serviceman", None)],
        ),
        (
            "The US government-backed Conflict Observatory said Russians had seized 6.24m tonnes "
            "of food storage capacity.",
            [("6.24m tonnes", 6.24e6, 6.24e6, 6.24e6, "=", "tonne", None, None)],
        ),
        (
            "A Louisville defense that gave up 517 rushing yards against Kentucky.",
            [("517 rushing yards", 517.0, 517.0, 517.0, "=", "yard", None, None)],
        ),
        # ... but not points counted, names, or a whole that is itself a number
        (
            "These proposals include three key points: NATO's non-expansion.",
            [("three key points", 3.0, 3.0, 3.0, "=", None, "key point", None)],
        ),
        (
            "And very soon there will be two Victory Days in Ukraine.",
            [("two Victory Days", 2.0, 2.0, 2.0, "=", None, "Victory Day", None)],
        ),
        (
            "There is also a new package of humanitarian support for Ukraine - a quarter of a "
            "billion US dollars.",
            [
                ("a quarter", 0.25, 0.25, 0.25, "=", None, None, None),
                ("a billion US dollars", 1e9, 1e9, 1e9, "=", "USD", None, None),
            ],
        ),
        (
            "But today, nine out of ten Ukrainian families register the birth of a child online.",
            [("nine out of ten Ukrainian families", 0.9, 0.9, 0.9, "=", None, "Ukrainian family",
              None)],
        ),
        ("It was enacted by Presidential Decree \u2116 85/2021 of March 4, 2021.", []),
        # a conversion in brackets keeps the hedge of the figure it converts
        (
            "The aid package includes more than $9bn (\u00a37.28bn) of economic assistance.",
            [
                ("more than $9bn", 9e9, 9e9, None, ">", "USD", None, None),
                ("\u00a37.28bn", 7.28e9, 7.28e9, None, ">", "GBP", None, None),
            ],
        ),
        (
            "Some missiles were launched from Tupolev bombers over the Caspian Sea, some 1,450km "
            "(900 miles) away.",
            [
                ("some 1,450km", 1450.0, None, None, "~", "kilometre", None, None),
                ("900 miles", 900.0, None, None, "~", "mile", None, None),
            ],
        ),
        # a multiple compares; it is not a change
        (
            "The number of people displaced from their homes in 2022 was three times higher than "
            "the average.",
            [("three times", 3.0, 3.0, 3.0, "=", "times", None, None)],
        ),
        # "~" and "sub-" hedges; "upward by"
        (
            "Typical cooking times for boneless chicken breast in the oven is ~25 \u2013 40min "
            "for four fillets (~1lb).",
            [
                ("~25 \u2013 40min", None, 25.0, 40.0, "range", "minute", None, None),
                ("four fillets", 4.0, 4.0, 4.0, "=", None, "fillet", None),
                ("~1lb", 1.0, None, None, "~", "pound-mass", None, None),
            ],
        ),
        (
            "Specialized UV light will help elite chipmakers produce sub-7 nanometer ICs.",
            [("sub-7 nanometer", 7.0, None, 7.0, "<", "nanometre", None, None)],
        ),
        (
            "It expects operating profit of Y=880 billion, revised upward by Y=40 billion.",
            [
                ("Y=880 billion", 8.8e11, 8.8e11, 8.8e11, "=", "JPY", None, None),
                ("Y=40 billion", 4e10, 4e10, 4e10, "=", "JPY", None, "up"),
            ],
        ),
        # spaced currency prefixes and pence, "/hr", hyphenated rates
        (
            "Those passengers paid a total of HK $216,925 for flights.",
            [("HK $216,925", 216925.0, 216925.0, 216925.0, "=", "HKD", None, None)],
        ),
        (
            "The biggest fallers of the session were Unite Group, down 68 p at 1112 p.",
            [
                ("68 p", 68.0, 68.0, 68.0, "=", "penny", None, "down"),
                ("1112 p", 1112.0, 1112.0, 1112.0, "=", "penny", None, None),
            ],
        ),
        (
            "It will accelerate to 100km/hr in fewer than 3.5 seconds.",
            [
                ("100km/hr", 100.0, 100.0, 100.0, "=", "kilometre per hour", None, None),
                ("fewer than 3.5 seconds", 3.5, None, 3.5, "<", "second", None, None),
            ],
        ),
        (
            "Vancouver hosts just one 52,000 barrel-a-day refinery.",
            [("52,000 barrel-a-day", 52000.0, 52000.0, 52000.0, "=", "barrel per day", None,
              None)],
        ),
    ],
)
def test_rule_families(sentence: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (q.text, q.value, q.low, q.high, q.bound, q.normalized_unit, q.item, q.change)
        for q in find_quantities(sentence)
    ]
    assert found == expected


# Numbers that are not quantities: dates, years, times, model names, codes, ordinals.
@pytest.mark.parametrize(
    "sentence",
    [
        "Stalin led the Soviet Union between 1924 and his death in 1953.",
        "The talks were held on June 17 in Pyongyang and on 3 March 2023.",
        "The document is dated 2025-06-19 and 12/03/2022.",
        "The meeting started at 14:30 and ended at 5 p.m., or 1.56pm local time.",
        "The Su-34 and F-16 jets and the S-400 system were discussed.",
        "Agenda 2030 was adopted by the assembly.",
        "Call 0800 123 4567 or +44 20 7946 0958 for details.",
        "This announcement was preceded by the second talks in a month.",
        "Klay Thompson's layup with 4:39 left to play tied Game 7 at 89-89.",
        "Jamie Armstrong, 25, said she ended up at a Siegel Suites in Reno.",
        "The outbreak of COVID-19 in the 1990s hit the 82nd brigade.",
        "The republic was recognised up to 2014.",
    ],
)
def test_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The company wants 3bn more.", (3e9, None)),
        ("A third of the population lives in the south.", (1 / 3, "population")),
        ("Two-thirds of voters backed the plan.", (2 / 3, "voter")),
        ("He will hire twenty-five engineers.", (25.0, "engineer")),
        ("It has two hundred and fifty tanks.", (250.0, "tank")),
        ("They want half a million euros.", (5e5, None)),
        ("The mass of the sun is 1.99×10−30 kilograms.", (1.99e-30, None)),
        ("Australia sent $100m of military aid.", (1e8, "military aid")),
        ("Cayman Airways said it was grounding two new 737 Max jets.", (2.0, "new 737 Max jet")),
        ("Half of the money was lost.", (0.5, "money")),
        ("There is one key issue here.", (1.0, "key issue")),
        ("It supplied more than one-third of Russian natural gas.", (1 / 3, "Russian natural gas")),
        ("The Dow lost 300 points.", (300.0, None)),
        ("One proposal asks the board to stop.", (1.0, "proposal")),
    ],
)
def test_number_forms(sentence: str, expected: tuple[float, str | None]) -> None:
    (found,) = find_quantities(sentence)
    assert found.value == pytest.approx(expected[0])
    assert found.item == expected[1]


def test_exclude_spans_are_skipped() -> None:
    text = "It planned to send 25 000 workers over the next two years."
    start = text.index("the next two years")
    found = find_quantities(text, exclude=[(start, start + len("the next two years"))])
    assert [q.text for q in found] == ["25 000 workers"]


@pytest.mark.parametrize(
    ("written", "value"),
    [("4,700", 4700.0), ("25 000", 25000.0), ("1.5", 1.5), ("1,5", 1.5), ("1,271.2", 1271.2),
     ("25\u202f000", 25000.0)],
)
def test_parse_digits(written: str, value: float) -> None:
    assert parse_digits(written) == value


@pytest.mark.parametrize(
    ("words", "value", "low", "high"),
    [
        ("a thousand", 1000.0, None, None),
        ("several dozen", None, 36.0, 108.0),
        ("a few hundred", None, 200.0, 500.0),
        ("thousands", None, 1000.0, 10000.0),
        ("tens of thousands", None, 10000.0, 100000.0),
        ("ninety-nine", 99.0, None, None),
    ],
)
def test_read_words(words: str, value: float | None, low: float | None, high: float | None) -> None:
    numeral = read_words(words, 0)
    assert numeral is not None
    assert (numeral.value, numeral.low, numeral.high) == (value, low, high)


@pytest.mark.parametrize(
    ("word", "plural", "singular"),
    [("shells", True, "shell"), ("countries", True, "country"), ("bosses", True, "boss"),
     ("viruses", True, "virus"), ("people", True, "people"), ("lives", True, "life"),
     ("us", False, "us"), ("news", False, "news"), ("fishermen", True, "fisherman"),
     ("specimen", False, "specimen")],
)
def test_plurals(word: str, plural: bool, singular: str) -> None:
    assert is_plural(word) is plural
    if plural:
        assert lemma(word) == singular


def test_lexicon_rejects_unknown_keys() -> None:
    with pytest.raises(QuantityLexiconError, match="allowed are text, bound"):
        _check_keys({"text": "up to", "bund": "<="}, ("text", "bound"), "hedges.json[0]")


def test_component_skips_timexes(blank_nlp: Language) -> None:
    import claimledger.nlp.quantity  # noqa: F401  (registers the factory)
    from claimledger.model import Timex
    from claimledger.nlp.spans import set_span_group

    text = "Two days later, North Korea sent 3 thousand soldiers."
    doc = blank_nlp.make_doc(text)
    set_span_group(doc, "timexes", [Timex(0, 14, text[0:14], "DATE", "XXXX")])
    blank_nlp.add_pipe("claimledger_quantity")
    doc = blank_nlp.get_pipe("claimledger_quantity")(doc)
    assert [q.text for q in records(doc, "quantities")] == ["3 thousand soldiers"]
