"""The Python API as the README shows it."""

from __future__ import annotations

from pathlib import Path

import claimledger

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_analyze_anchors_on_the_given_date() -> None:
    doc = claimledger.analyze("Two days later, Russia confirmed it.", published="2025-04-26")
    (timex,) = doc.timexes
    assert (timex.text, timex.value, timex.anchor) == ("Two days later", "2025-04-28", "dct")


def test_ledger_ingests_the_examples(tmp_path: Path) -> None:
    with claimledger.Ledger(tmp_path / "ledger.db") as ledger:
        report = ledger.ingest([str(EXAMPLES)])
        assert report.problems == []
        assert report.count("added") + report.count("near_duplicate") == len(
            list(EXAMPLES.rglob("*.txt"))
        )
        assert ledger.stats()["articles"] == len(ledger.articles())


def test_run_on_text_gets_bounded_attribution_contents() -> None:
    # no punctuation at all: every "said" would otherwise report the rest of the text
    text = "the minister said that the army and the police said that troops " * 400
    doc = claimledger.analyze(text)
    doc.check_offsets()
    assert doc.attributions
    assert max(len(a.content.text.split()) for a in doc.attributions if a.content) <= 300
