"""Questions an analyst asks the ledger, answered as flat rows (for tables, JSON and CSV)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from claimledger.ledger.facts import Fact
from claimledger.ledger.groups import LedgerIndex
from claimledger.ledger.resolve import normalize_name

CLAIM_COLUMNS = (
    "group",
    "type",
    "actors",
    "item",
    "figure",
    "event",
    "reported",
    "source",
    "modality",
    "article_id",
    "claim_id",
    "text",
)
GROUP_COLUMNS = (
    "group",
    "label",
    "members",
    "articles",
    "independent_sources",
    "sources",
    "first_report",
    "last_report",
    "event_start",
    "event_end",
    "figures",
    "conflicts",
)
FINDING_COLUMNS = ("group", "label", "kind", "detail", "sides")
SOURCE_COLUMNS = ("source", "claims", "roles", "types", "figures", "first_report", "last_report")
ENTITY_COLUMNS = ("id", "name", "label", "aliases", "mentions", "articles")


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """Filters of `claims`; every one given must hold. Dates are ISO (YYYY, YYYY-MM, ...)."""

    about: str | None = None  # words in the claim's text or item
    entity: str | None = None  # an actor, place or source (id, name or alias)
    type: str | None = None  # claim type, e.g. AID
    source: str | None = None  # who says it (id, name or words of the name)
    date_from: str | None = None  # the claim's event time (else its report time) overlaps
    date_to: str | None = None


def claim_row(index: LedgerIndex, group: int, fact: Fact) -> dict[str, Any]:
    name = index.resolver.name
    canonical = index.resolver.canonical
    return {
        "group": group,
        "type": fact.type,
        "actors": ", ".join(f"{name(canonical(e))} ({role})" for e, role in fact.actors),
        "item": fact.item,
        "figure": fact.quantity_text,
        "event": fact.event,
        "reported": fact.report,
        "source": index.source_key(fact)[1],
        "modality": fact.modality,
        "article_id": fact.article_id,
        "claim_id": fact.claim_id,
        "text": fact.text,
    }


def entities_of(index: LedgerIndex, fact: Fact) -> dict[str, str]:
    """Canonical entity -> how the fact involves it: its actor role, "place" or "speaker"."""
    canonical = index.resolver.canonical
    out: dict[str, str] = {}
    for entity, role in fact.actors:
        out.setdefault(canonical(entity), role)
    if fact.place:
        out.setdefault(canonical(fact.place), "place")
    if fact.source_entity:
        out.setdefault(canonical(fact.source_entity), "speaker")
    return out


def _span(fact: Fact) -> tuple[str, str] | None:
    if fact.event_start and fact.event_end:
        return fact.event_start, fact.event_end
    if fact.report_start and fact.report_end:
        return fact.report_start, fact.report_end
    return None


_DATE_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _date_bounds(date_from: str | None, date_to: str | None) -> tuple[str, str]:
    for name, value in (("from", date_from), ("to", date_to)):
        if value is not None and not _DATE_PREFIX.fullmatch(value):
            raise ValueError(f"--{name} {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    # ISO prefixes compare as strings: "2025-04" <= "2025-04-30" <= "2025-04\uffff".
    return date_from or "", (date_to + "\uffff") if date_to else "\uffff"


def find_claims(index: LedgerIndex, query: ClaimQuery) -> list[dict[str, Any]]:
    """Claims (and stated totals) matching every filter, by date then article."""
    entity = index.entity_ref(query.entity) if query.entity else None
    source = index.resolver.lookup(query.source) if query.source else None
    low, high = _date_bounds(query.date_from, query.date_to)
    about = normalize_name(query.about) if query.about else None
    rows: list[tuple[str, dict[str, Any]]] = []
    for group, fact in index.facts():
        if query.type and fact.type.casefold() != query.type.casefold():
            continue
        if entity and entity not in entities_of(index, fact):
            continue
        if about and about not in normalize_name(f"{fact.text} {fact.item or ''}"):
            continue
        if query.source:
            key, name = index.source_key(fact)
            wanted = normalize_name(query.source)
            if key != source and wanted not in normalize_name(name):
                continue
        if query.date_from or query.date_to:
            span = _span(fact)
            if span is None or span[0] > high or span[1] < low:
                continue
        rows.append((fact.date or "\uffff", claim_row(index, group, fact)))
    rows.sort(key=lambda pair: (pair[0], pair[1]["article_id"], pair[1]["claim_id"]))
    return [row for _, row in rows]


def group_rows(index: LedgerIndex, min_members: int = 1) -> list[dict[str, Any]]:
    """Claim groups, largest first: members, independent sources, report and event spans."""
    rows = []
    for group in index.groups():
        summary = group.summary
        if not summary or summary["members"] < min_members:
            continue
        rows.append(
            {
                "group": group.id,
                "label": summary["label"],
                "members": summary["members"],
                "articles": summary["articles"],
                "independent_sources": summary["independent_sources"],
                "sources": "; ".join(s["name"] for s in summary["sources"]),
                "first_report": summary["first_report"],
                "last_report": summary["last_report"],
                "event_start": summary["event_start"],
                "event_end": summary["event_end"],
                "figures": "; ".join(summary["figures"]),
                "conflicts": group.conflicts,
            }
        )
    rows.sort(key=lambda r: (-r["members"], -r["independent_sources"], r["group"]))
    return rows


def finding_rows(index: LedgerIndex, kinds: frozenset[str] | None = None) -> list[dict[str, Any]]:
    """Conflicting figures and running totals, each with both sides' sources and dates."""
    rows = []
    for group in index.groups():
        for finding in group.findings:
            if kinds is not None and finding["kind"] not in kinds:
                continue
            sides = [*finding["sides"], *([finding["total"]] if finding["total"] else [])]
            rows.append(
                {
                    "group": group.id,
                    "label": group.summary.get("label", ""),
                    "kind": finding["kind"],
                    "detail": finding["detail"],
                    "sides": "; ".join(
                        f"{s['figure']} — {s['source']}, reported {s['report'] or '?'}"
                        + (f", event {s['event']}" if s["event"] else "")
                        for s in sides
                    ),
                    "findings": finding,
                }
            )
    return rows


def source_rows(index: LedgerIndex, entity_ref: str) -> list[dict[str, Any]]:
    """Who says what about an entity: one row per source, most claims first."""
    entity = index.entity_ref(entity_ref)
    by_source: dict[str, list[tuple[Fact, str]]] = defaultdict(list)
    names: dict[str, str] = {}
    for _, fact in index.facts():
        role = entities_of(index, fact).get(entity)
        if role is None or role == "speaker":
            continue
        key, name = index.source_key(fact)
        by_source[key].append((fact, role))
        names[key] = name
    rows: list[dict[str, Any]] = []
    for key, facts in by_source.items():
        reports = sorted(f.report_start for f, _ in facts if f.report_start)
        rows.append(
            {
                "source": names[key],
                "claims": len(facts),
                "roles": ", ".join(sorted({role for _, role in facts})),
                "types": ", ".join(sorted({f.type for f, _ in facts})),
                "figures": "; ".join(sorted({f.quantity_text or "" for f, _ in facts} - {""})),
                "first_report": reports[0] if reports else None,
                "last_report": reports[-1] if reports else None,
            }
        )
    rows.sort(key=lambda r: (-r["claims"], r["source"]))
    return rows


def entity_rows(index: LedgerIndex) -> list[dict[str, Any]]:
    """Canonical entities with their aliases and how often they are mentioned."""
    index.update()
    resolver = index.resolver
    totals: dict[str, dict[str, Any]] = {}
    for row in index.tables.entities():
        canonical = resolver.canonical(row.id)
        entry = totals.setdefault(
            canonical,
            {
                "id": canonical,
                "name": resolver.name(canonical),
                "label": row.label,
                "aliases": "; ".join(resolver.aliases_of(canonical)),
                "mentions": 0,
                "articles": 0,
            },
        )
        entry["mentions"] += row.mentions
        # articles naming two merged ids count twice: an upper bound, noted in docs/ledger.md
        entry["articles"] += row.articles
    return sorted(totals.values(), key=lambda r: (-r["mentions"], r["id"]))
