from __future__ import annotations

from spacy.language import Language

from claimledger.model import Timex
from claimledger.nlp.spans import records, set_span_group


def test_span_groups_keep_records_on_the_same_words_apart(blank_nlp: Language) -> None:
    doc = blank_nlp("On June 14 it rained.")
    first = Timex(3, 10, "June 14", "DATE", "2025-06-14")
    second = Timex(3, 10, "June 14", "DATE", "XXXX-06-14")
    set_span_group(doc, "timexes", [first, second])
    assert records(doc, "timexes") == [first, second]
    assert [span.text for span in doc.spans["timexes"]] == ["June 14", "June 14"]


def test_record_off_token_boundaries_expands_the_span(blank_nlp: Language) -> None:
    doc = blank_nlp("Russiaʼs army advanced.")
    (word,) = [t for t in doc if t.text.startswith("Russia")][:1]
    record = Timex(0, 6, "Russia", "DATE", "X")
    set_span_group(doc, "mentions", [record])
    assert records(doc, "mentions") == [record]
    assert doc.spans["mentions"][0].start_char == word.idx
