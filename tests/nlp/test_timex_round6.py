"""Round 6 of the timex tagger (issue 3): national and religious days, ranges and lists of
months and days, tense carried along a list or taken from a clause's verb, vague durations,
and expressions that look like times but are not."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from claimledger.nlp import timex_normalize as norm
from claimledger.nlp.sentences import split_sentences
from claimledger.nlp.timex import find_timexes
from claimledger.nlp.timex_grammar import (
    HOLIDAYS_FILE,
    LEXICON_FILE,
    GrammarError,
    parse_holidays,
    parse_lexicon,
)
from claimledger.resources import read_text

DCT = "2023-04-06"


def tag(text: str, dct: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct, split_sentences(text))]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2021, date(2021, 5, 2)),
        (2022, date(2022, 4, 24)),
        (2023, date(2023, 4, 16)),
        (2024, date(2024, 5, 5)),
        (2025, date(2025, 4, 20)),  # the same Sunday as Western Easter
    ],
)
def test_orthodox_easter(year: int, expected: date) -> None:
    assert norm.orthodox_easter(year) == expected


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        ("orthodox easter+49", 2024, date(2024, 6, 23)),  # Orthodox Trinity
        ("easter-2", 2024, date(2024, 3, 29)),
        ("05:mon:-1", 2024, date(2024, 5, 27)),  # Memorial Day: the last Monday of May
        ("11:thu:4", 2025, date(2025, 11, 27)),  # the fourth Thursday of November
        ("11:sat:4", 2022, date(2022, 11, 26)),  # Holodomor Remembrance Day
    ],
)
def test_holiday_rules(rule: str, year: int, expected: date) -> None:
    assert norm.is_holiday_rule(rule)
    assert norm.holiday_date(rule, year) == expected


def _holiday_data() -> tuple[dict[str, Any], Any]:
    return json.loads(read_text(HOLIDAYS_FILE)), parse_lexicon(json.loads(read_text(LEXICON_FILE)))


def test_a_national_day_rejects_unknown_keys_and_dates() -> None:
    data, lexicon = _holiday_data()
    data["holidays"].append({"names": ["Flag Day"], "date": "06-14", "nation": "US"})
    with pytest.raises(GrammarError, match=r"unknown keys \['nation'\].*the keys are names"):
        parse_holidays(data, lexicon)
    data, lexicon = _holiday_data()
    data["holidays"].append({"names": ["Flag Day"], "date": "June 14", "country": "US"})
    with pytest.raises(GrammarError, match="neither a real MM-DD"):
        parse_holidays(data, lexicon)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["holidays"].append({"names": "Flag Day", "date": "06-14", "country": "US"}),
         "names must be a list"),
        (lambda d: d["holidays"].append({"names": ["Flag Day"], "date": "02-31", "country": "US"}),
         "neither a real MM-DD"),
        (lambda d: d["holidays"].append({"names": ["Flag Day"], "date": "06-14", "country": "XX"}),
         "country 'XX' is not a code"),
        (lambda d: d["holidays"].append(
            {"names": ["Flag Day"], "date": "06-14", "country": "US", "since": 2020, "until": 2010}
        ), "since <= until"),
        (lambda d: d["holidays"].append(
            {"names": ["Independence Day"], "date": "06-12", "country": "INT"}
        ), r"\['INT'\] can never be chosen"),
        (lambda d: d.update(countries={"UA": "Ukraine"}), "countries must map a code"),
        (lambda d: d.update(holidays={}), "holidays must be a list"),
    ],
)
def test_malformed_holiday_files_are_rejected(change: Any, message: str) -> None:
    data, lexicon = _holiday_data()
    change(data)
    with pytest.raises(GrammarError, match=message):
        parse_holidays(data, lexicon)


def test_a_national_day_may_not_redefine_a_lexicon_holiday() -> None:
    data, lexicon = _holiday_data()
    data["holidays"].append({"names": ["Christmas"], "date": "01-07", "country": "UA"})
    with pytest.raises(GrammarError, match="already a holiday"):
        parse_holidays(data, lexicon)


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # Russia's and Belarus's Victory Day; Ukraine's moved to 8 May from 2024
        ("Moscow on Thursday will celebrate Victory Day.", "2024-05-07", "2024-05-09"),
        ("before the celebration of the Victory Day on May 9", "2024-05-04", "2024-05-09"),
        ("Ukraine's Victory Day was marked in Kyiv.", "2024-05-10", "2024-05-08"),
        ("On National Unity Day, Putin will visit Crimea.", "2021-11-01", "2021-11-04"),
        ("The Ukrainian Independence Day parade was cancelled.", "2022-08-30", "2022-08-24"),
        ("Americans marked Independence Day.", "2022-07-10", "2022-07-04"),  # the nearest country
        ("Independence Day passed quietly.", "2022-07-10", "2021-08-24"),  # none named: the first
        ("He told us Independence Day would be quiet.", "2024-05-09", "2023-08-24"),  # "us"
        (  # none in the sentence: the country the story names most
            "The U.S. Senate met. The U.S. Army marched. Fireworks marked Independence Day.",
            "2022-07-10",
            "2022-07-04",
        ),
        ("American Independence Day fell on a Monday.", "2022-07-10", "2022-07-04"),
        ("Ukraine will celebrate the next Independence Day in peace.", "2022-08-24", "2023-08-24"),
        ("Believers celebrated Orthodox Easter on Sunday.", "2024-05-07", "2024-05-05"),
        ("Orthodox Christmas fell on a Saturday.", "2023-01-09", "2023-01-07"),
        ("He spoke on Defenders Day.", "2022-10-20", "2022-10-14"),  # until 2022
        ("He spoke on Defenders Day.", "2023-10-20", "2023-10-01"),  # moved from 2023
        ("the Day of Unity of the Great People", "2022-01-25", "2022-01-22"),
        ("Events are planned for Memorial Day.", "2024-05-01", "2024-05-27"),
    ],
)
def test_national_and_religious_days(text: str, dct: str, expected: str) -> None:
    holidays = ("Day", "Easter", "Christmas", "Unity")
    (found,) = (t for t in find_timexes(text, dct) if t.text.endswith(holidays))
    assert found.value == expected


def test_holiday_names_before_a_noun_are_not_times() -> None:
    assert tag("He read the Independence Day statement.", "2022-08-24") == []
    assert tag("the Victory Day parade", "2024-05-07") == []


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        (
            "The call-up is scheduled for April-June and October-December.",
            "2021-12-20",
            [
                ("April", "DATE", "2022-04"),
                ("June", "DATE", "2022-06"),
                ("October", "DATE", "2022-10"),
                ("December", "DATE", "2022-12"),
            ],
        ),
        (
            "Trade grew in January-June 2021, officials said.",
            "2021-11-01",
            [("January", "DATE", "2021-01"), ("June 2021", "DATE", "2021-06")],
        ),
        (
            "Call-ups will take place from April to June and from October to December.",
            "2021-12-20",
            [
                ("April", "DATE", "2022-04"),
                ("June", "DATE", "2022-06"),
                ("October", "DATE", "2022-10"),
                ("December", "DATE", "2022-12"),
            ],
        ),
        (
            "Mud is a problem in the March-April time frame.",
            "2022-01-20",
            [("March", "DATE", "2022-03"), ("April", "DATE", "2022-04")],
        ),
    ],
)
def test_month_ranges(text: str, dct: str, expected: list[tuple[str, str, str]]) -> None:
    assert tag(text, dct) == expected


def test_a_list_of_dates_shares_its_tense() -> None:
    text = "We will defend ourselves on February 16, 17, March and April, September and December."
    assert tag(text, "2022-02-14") == [
        ("February 16", "DATE", "2022-02-16"),
        ("17", "DATE", "2022-02-17"),
        ("March", "DATE", "2022-03"),
        ("April", "DATE", "2022-04"),
        ("September", "DATE", "2022-09"),
        ("December", "DATE", "2022-12"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb of the clause, further off than the word before the month
        ("The U.S. imposed sanctions on Vulin in July, accusing him.", "2023-07"),
        # an -ed adjective after an article or adverb is no verb; the future cue decides
        ("The bonus will be paid on a still unannounced date in July.", "2024-07"),
    ],
)
def test_a_month_takes_the_tense_of_its_clause(text: str, expected: str) -> None:
    assert tag(text, "2024-05-02")[0][2] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Russian army will need years to rebuild.", [("years", "DURATION", "PXY")]),
        ("They spent hundreds of hours in trains.", [("hundreds of hours", "DURATION", "PTXH")]),
        ("In previous years he met Putin often.", [("previous years", "DURATION", "PXY")]),
        ("Riots broke out in recent days.", [("recent days", "DURATION", "PXD")]),
        ("Sales fell in recent quarters.", [("recent quarters", "DURATION", "PXM")]),
        ("Growth slowed in recent years.", [("recent years", "DATE", "PAST_REF")]),
        ("The talks lasted over a year.", [("over a year", "DURATION", "P1Y")]),
        ("It took an hour and a half.", [("an hour and a half", "DURATION", "PT1H30M")]),
        (
            "They talked for two days and three hours.",
            [("two days and three hours", "DURATION", "P2DT3H")],
        ),
        # a bare "hour" of a machine-translated list, joined to its minutes
        (
            "19 minutes, hour and 46 minutes",
            [("19 minutes", "DURATION", "PT19M"), ("hour and 46 minutes", "DURATION", "PT1H46M")],
        ),
        ("He waited hours and days.", [("hours", "DURATION", "PTXH")]),
        # units without a place in a compound value stay two durations
        (
            "It lasted two decades and three years.",
            [("two decades", "DURATION", "P20Y"), ("three years", "DURATION", "P3Y")],
        ),
        # "just" stays out; an offset keeps its own reading
        ("It ran for just over three hours.", [("over three hours", "DURATION", "PT3H")]),
        ("It began just over two months ago.", [("two months ago", "DATE", "2024-03")]),
    ],
)
def test_vague_and_hedged_durations(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert tag(text, "2024-05-07") == expected


def test_over_is_a_more_than_hedge() -> None:
    (found,) = find_timexes("The war has lasted over a year.", "2024-05-07")
    assert found.mod == "MORE_THAN"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Only every now and then explosions can be heard.", []),
        ("It has been there since the fall of the Soviet Union.", []),
        ("CHARGED OVER YEARS-OLD TELEGRAM POSTS", []),
        ("I am proud to be here on such a day.", []),
        ("In the morning conversation he said so.", []),
        ("She wrote about the current conflict.", [("current", "DATE", "PRESENT_REF")]),
        ("The current of the river is strong.", []),
        ("He stayed in the late 90s.", [("the late 90s", "DATE", "199")]),
        ("Peace in this 21st century matters.", [("this 21st century", "DATE", "20")]),
        (
            "It was confirmed in the afternoon by the EU.",
            [("the afternoon", "TIME", "2023-04-06TAF")],
        ),
        ("It is still winter, but it is warm.", [("winter", "DATE", "2023-WI")]),
        ("the winter offensive", []),
    ],
)
def test_look_alikes_and_spans(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert tag(text, "2023-04-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("After an attack in the morning of March 9, we stood.", ("TIME", "2023-03-09TMO", None)),
        ("In the evening of 24 February, Putin spoke.", ("TIME", "2023-02-24TEV", None)),
        ("Talks were held in the second half of March.", ("DATE", "2023-03", "END")),
        ("They sent missiles to Moscow months ago.", ("DATE", "PAST_REF", None)),
    ],
)
def test_parts_halves_and_bare_offsets(text: str, expected: tuple[str, str, str | None]) -> None:
    (found,) = find_timexes(text, DCT)
    assert (found.type, found.value, found.mod) == expected


def test_the_night_of_a_date_keeps_the_date() -> None:
    # the night of the 4th runs into the 5th: AQUAINT tags the date alone
    assert tag("He died on the night of September 4, 2014.", DCT) == [
        ("September 4, 2014", "DATE", "2014-09-04")
    ]


def test_a_clock_hour_keeps_its_part_of_day() -> None:
    # "4 in the morning" is a clock time (AQUAINT: 04:00), not the story's morning
    assert all(text != "the morning" for text, _, _ in tag("He leaves at 4 in the morning.", DCT))


def test_anaphoric_and_season_expressions() -> None:
    assert tag(
        "On National Unity Day, Putin will go to Crimea. That same day, he will speak.",
        "2021-11-01",
    ) == [
        ("National Unity Day", "DATE", "2021-11-04"),
        ("That same day", "DATE", "2021-11-04"),
    ]
    assert tag("In late summer last year, Putin announced it.", "2023-03-09") == [
        ("late summer last year", "DATE", "2022-SU"),
    ]
