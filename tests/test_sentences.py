from __future__ import annotations

import pytest

from claimledger.nlp.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Gen. Jones on Jan. 4. He left.",
            ["Mr. Smith met Gen. Jones on Jan. 4.", "He left."],
        ),
        ('He said "No." Then No. 5 came.', ['He said "No."', "Then No. 5 came."]),
        ("John F. Kennedy spoke. Crowds cheered!", ["John F. Kennedy spoke.", "Crowds cheered!"]),
        # a line break always ends a sentence, even without punctuation (headings)
        (
            "The Union of Russia and the DPRK\nRussia is using soldiers.",
            ["The Union of Russia and the DPRK", "Russia is using soldiers."],
        ),
        ("It rose to 4.5 percent. Prices fell.", ["It rose to 4.5 percent.", "Prices fell."]),
        ("\n\n  Indented text.  \n\n", ["Indented text."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_seed_sentences(seed_path) -> None:  # type: ignore[no-untyped-def]
    text = seed_path.read_text(encoding="utf-8")
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert "It is planned to send 25 000 workers from North Korea there." in sentences
    assert "In some places, it was 100%." in sentences
    assert "The Union of Russia and the DPRK" in sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hard-wrapped prose: single line breaks are spaces
        (
            "The Defence Ministry said on\nMonday that 40 soldiers were\nkilled in the attack."
            " Officials\nconfirmed it later that night.",
            [
                "The Defence Ministry said on\nMonday that 40 soldiers were\nkilled in the attack.",
                "Officials\nconfirmed it later that night.",
            ],
        ),
        # a line that plainly runs on into the next
        ("He said that\nthe talks would resume.", ["He said that\nthe talks would resume."]),
        # one paragraph or heading per line stays one sentence per line
        (
            "Headline here\nBody line one.\nBody line two.",
            ["Headline here", "Body line one.", "Body line two."],
        ),
    ],
)
def test_line_breaks(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected
