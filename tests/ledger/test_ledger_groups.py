"""The ledger across articles, end to end: the seed and examples/ (with examples/ledger/).

The test articles report the seed's facts from other sources with other figures and dates
(written for claimledger; see examples/ledger/README.md). The assertions are what an analyst
expects: who says what, how many independent sources, which figures conflict or add up.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimledger.ledger import Ledger
from claimledger.ledger.queries import ClaimQuery
from claimledger.ledger.resolve import EntityEditError

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
LATER = REPO / "tests" / "data" / "ledger" / "later" / "2025-06-20_builders_transliteration.txt"


@pytest.fixture(scope="module")
def corpus(seed_path: Path) -> list[str]:
    return [str(seed_path), str(EXAMPLES)]  # with examples/ledger/: directories are recursive


@pytest.fixture(scope="module")
def ledger(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    with Ledger(tmp_path_factory.mktemp("ledger") / "ledger.db") as ledger:
        report = ledger.ingest(corpus)
        assert report.problems == []
        yield ledger


def _group(ledger: Ledger, label: str) -> dict[str, Any]:
    [row] = [g for g in ledger.groups() if g["label"] == label]
    return row


SHELLS = "AID North Korea → Russia: shell"
TROOPS = "MOBILIZE North Korea → Russia: personnel"


def test_copies_of_a_story_are_linked(ledger: Ledger) -> None:
    rows = {row.title: row.duplicate_of for row in ledger.articles()}
    syndicated = [t for t, d in rows.items() if d is not None]
    assert syndicated == ["Some 15,000 North Korean troops have been sent to Russia"]


def test_shells_group_has_two_independent_sources_that_differ(ledger: Ledger) -> None:
    shells = _group(ledger, SHELLS)
    # Reuters' investigation, the seed's "Reuters reported", two outlets repeating Reuters,
    # and the defence minister's figure: five reports, two sources.
    assert shells["members"] == 5
    assert shells["independent_sources"] == 2
    assert shells["sources"] == "Reuters; Shin Won Sik"
    assert (shells["first_report"], shells["last_report"]) == ("2025-04-01", "2025-06-14")
    assert shells["event_start"] == "2023-06-01"  # "since the summer of 2023"
    [conflict] = [c for c in ledger.conflicts() if c["group"] == shells["group"]]
    assert conflict["kind"] == "conflict"
    assert conflict["sides"] == (
        "up to 6 million shells — Reuters, reported 2025-04; "
        "nearly 5 million artillery shells — Shin Won Sik, reported 2025-06-14"
    )


def test_troop_figures_add_up_and_a_later_total_conflicts(ledger: Ledger) -> None:
    troops = _group(ledger, TROOPS)
    findings = {
        (c["kind"], c["detail"]) for c in ledger.conflicts() if c["group"] == troops["group"]
    }
    assert (
        "cumulative",
        "about 12 thousand people (2024-10) + 3 thousand soldiers (2025-03) = 15 000 fighters",
    ) in findings
    assert (
        "conflict",
        "15 000 fighters (South Korean lawmakers) vs about 30,000 troops"
        " (National Intelligence Service)",
    ) in findings
    # the syndicated copy speaks with its original's voice: one source, not two
    sources = troops["sources"].split("; ")
    assert sources.count("article e7d83c43 of 2025-07-01") == 1
    assert troops["independent_sources"] == len(sources)


def test_planned_workers_differ_between_reports(ledger: Ledger) -> None:
    workers = _group(ledger, "AID North Korea: worker @ Alabuga Special Economic Zone")
    assert (workers["members"], workers["independent_sources"]) == (2, 1)
    [conflict] = [c for c in ledger.conflicts() if c["group"] == workers["group"]]
    assert conflict["detail"] == "as many as 20,000 workers (NHK) vs 25 000 workers (NHK)"


def test_claims_query_filters(ledger: Ledger) -> None:
    # "DPRK" is a name North Korea was written as; dates filter on event time, else report time
    rows = ledger.claims(ClaimQuery(about="shells", entity="DPRK", date_from="2025-04"))
    assert [(r["source"], r["figure"], r["reported"]) for r in rows] == [
        ("Reuters", "up to 6 million shells", "2025-04"),
        ("Reuters", "up to 6 million artillery shells", "2025-04-15"),
        ("Reuters", "As many as 6 million artillery shells", "2025-04-17"),
        ("Shin Won Sik", "nearly 5 million artillery shells", "2025-06-14"),
    ]
    assert ledger.claims(ClaimQuery(type="AID", source="Reuters", date_to="2023-12")) == [
        row for row in ledger.claims(ClaimQuery(source="org:reuters")) if row["event"] == "2023-SU"
    ]


def test_timeline_of_an_entity_by_event_and_by_report(ledger: Ledger) -> None:
    by_event = ledger.timeline("Reuters")
    assert [r["role"] for r in by_event] == ["speaker"] * len(by_event)
    assert by_event[0]["when"] == "2023-06-01"
    by_report = ledger.timeline("Reuters", by="report")
    assert [r["reported"] for r in by_report] == sorted(r["reported"] for r in by_report)
    with pytest.raises(EntityEditError, match="no entity 'Atlantis'"):
        ledger.timeline("Atlantis")


def test_sources_say_what_about_an_entity(ledger: Ledger) -> None:
    rows = {r["source"]: r for r in ledger.sources("North Korea")}
    assert rows["Reuters"]["claims"] == 4
    assert rows["Reuters"]["types"] == "AID"
    assert rows["Shin Won Sik"]["figures"] == (
        "about 28,000 containers; nearly 5 million artillery shells"
    )


def test_adding_an_article_recomputes_only_its_groups(corpus: list[str]) -> None:
    with Ledger(":memory:") as ledger:
        ledger.ingest(corpus)
        before = {g.id: g.summary for g in ledger.index.groups()}
        document = ledger.store.get_document(ledger.add(_article(LATER)).article_id)
        assert document is not None
        after = {g.id: g.summary for g in ledger.index.groups()}
    changed = {gid for gid in after if before.get(gid) != after[gid]}
    # the new article's two claims: builders (an existing group) and the talks (a new one)
    assert len(changed) == 2
    assert {after[g]["item"] for g in changed} == {"builder", ""}


def content_id_of(path: Path) -> str:
    return str(_article(path).id)


def _article(path: Path) -> Any:
    from claimledger.ingest import ReadOptions, read_input

    [article] = read_input(str(path), ReadOptions()).articles
    return article


def test_user_edits_survive_reopening_and_later_ingests(corpus: list[str], tmp_path: Path) -> None:
    db = tmp_path / "edits.db"
    with Ledger(db) as ledger:
        ledger.ingest(corpus)
        ledger.ingest([str(LATER)])
        # "Sergey Shoygu" is too far from "Sergei Shoigu" to be matched automatically
        assert ledger.index.resolver.canonical("person:sergey-shoygu") == "person:sergey-shoygu"
        later = content_id_of(LATER)
        assert later not in {r["article_id"] for r in ledger.timeline("person:sergei-shoigu")}
        ledger.merge_entities("Sergei Shoigu", "Sergey Shoygu")
        ledger.alias_entity("Sergei Shoigu", "S. Shoigu")
    with Ledger(db) as ledger:
        report = ledger.ingest([*corpus, str(LATER)])  # everything again: nothing new
        assert report.count("duplicate") == len(report.results)
        entity = {e["id"]: e for e in ledger.entities()}["person:sergei-shoigu"]
        assert entity["aliases"] == "S. Shoigu; Sergey Shoygu; Shoigu; Shoygu"
        # claims naming "Sergey Shoygu" now show in Sergei Shoigu's timeline
        assert later in {r["article_id"] for r in ledger.timeline("person:sergei-shoigu")}
        ledger.split_entity("person:sergei-shoigu", "person:sergey-shoygu")
    with Ledger(db) as ledger:
        assert ledger.index.resolver.canonical("person:sergey-shoygu") == "person:sergey-shoygu"
        with pytest.raises(EntityEditError, match="already one entity"):
            ledger.merge_entities("Sergei Shoigu", "Sergei Shoigu")


def test_regroup_rebuilds_the_same_groups(corpus: list[str]) -> None:
    with Ledger(":memory:") as ledger:
        ledger.ingest(corpus)
        before = sorted((g["label"], g["members"], g["conflicts"]) for g in ledger.groups())
        assert ledger.regroup() == len(ledger.articles())
        after = sorted((g["label"], g["members"], g["conflicts"]) for g in ledger.groups())
    assert after == before


def test_groups_without_actor_or_place_are_not_compared(ledger: Ledger) -> None:
    unanchored = [g for g in ledger.groups() if g["label"].startswith("ASSAULT ?:")]
    assert unanchored and all(g["conflicts"] == 0 for g in unanchored)


def test_timeline_of_a_group_by_event_and_by_report(ledger: Ledger) -> None:
    shells = _group(ledger, SHELLS)["group"]
    by_event = ledger.group_timeline(shells)
    # the investigation's "since the summer of 2023" comes first by event time ...
    assert [(r["when"], r["source"], r["figure"]) for r in by_event] == [
        ("2023-06-01", "Reuters", "up to 6 million artillery shells"),
        ("2025-04-01", "Reuters", "up to 6 million shells"),
        ("2025-04-15", "Reuters", "up to 6 million artillery shells"),
        ("2025-04-17", "Reuters", "As many as 6 million artillery shells"),
        ("2025-06-14", "Shin Won Sik", "nearly 5 million artillery shells"),
    ]
    # ... and by report time every report is at the day (or month) it was made
    assert [r["when"] for r in ledger.group_timeline(shells, by="report")] == [
        "2025-04-01",
        "2025-04-15",
        "2025-04-15",
        "2025-04-17",
        "2025-06-14",
    ]
