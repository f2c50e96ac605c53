"""Claim groups across articles, kept up to date incrementally.

A claim becomes a `Fact`; its group key is (type family, item class, giving actors, place) with
entity ids made canonical by the `Resolver`. Adding an article stores its facts and marks only
the groups they join as stale; `refresh` recomputes those groups' summaries and findings from
their own members. Nothing else is recomputed, except after a user's entity edit, which moves
the facts whose key changed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from claimledger.ledger.conflicts import find_conflicts, find_cumulative, independent_sources
from claimledger.ledger.facts import GIVER_ROLES, Fact, FactBuilder
from claimledger.ledger.resolve import (
    Edit,
    EntityEditError,
    EntityInfo,
    Resolver,
    normalize_name,
    raw_id_for,
)
from claimledger.model import Document
from claimledger.store import Store
from claimledger.store.ledger_tables import GroupRow

CONFLICT_KINDS = frozenset({"conflict", "cumulative_mismatch"})


class LedgerIndex:
    """The cross-article part of a ledger: entities, facts and groups in the store's tables."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.tables = store.ledger_tables()
        self._resolver: Resolver | None = None

    @property
    def resolver(self) -> Resolver:
        # Loaded once per session and then kept in step with what this process writes.
        if self._resolver is None:
            self._resolver = Resolver(
                (EntityInfo(row.id, row.name, row.label) for row in self.tables.entities()),
                links=self.tables.links(),
                edits=[Edit(*edit) for edit in self.tables.edits()],
                names=self.tables.entity_names(),
            )
        return self._resolver

    # --- keys --------------------------------------------------------------------------------

    def _key_parts(self, fact: Fact) -> tuple[str, str, str]:
        """(family and item, actors, place) of a fact's group key."""
        canonical = self.resolver.canonical
        givers = sorted({canonical(e) for e, role in fact.actors if role in GIVER_ROLES})
        actors = "+".join(givers)
        if not givers:
            targets = sorted({canonical(e) for e, role in fact.actors if role == "target"})
            actors = "@" + "+".join(targets) if targets else ""
        place = canonical(fact.place) if fact.place else ""
        return f"{fact.family}|{fact.item_class}", actors, place

    def group_key(self, fact: Fact) -> str:
        return "|".join(self._key_parts(fact))

    def source_key(self, fact: Fact) -> tuple[str, str]:
        """Who a fact comes from, as (key, name): the cited origin's canonical entity; an
        unnamed source within its outlet; else the outlet (copies share their original's)."""
        if fact.source_entity:
            entity = self.resolver.canonical(fact.source_entity)
            return entity, self.resolver.name(entity)
        if fact.source:
            return f"{fact.outlet}|{normalize_name(fact.source)}", fact.source
        return fact.outlet, fact.outlet_name

    # --- indexing ----------------------------------------------------------------------------

    def outlet_of(self, document: Document) -> tuple[str, str]:
        """The key and name of the article's own voice; a near-duplicate speaks as its original."""
        article = document.article
        root, seen = article.id, {article.id}
        while (earlier := self.tables.duplicate_of(root)) is not None and earlier not in seen:
            root = earlier
            seen.add(root)
        original = self.store.get_article(root) if root != article.id else None
        source = original.source if original else article.source
        published = original.published if original else article.published
        if source:
            return f"outlet:{normalize_name(source)}", source
        return f"article:{root}", f"article {root[:8]} of {published or 'unknown date'}"

    def index_document(self, document: Document) -> int:
        """Add one stored article's entities and claims; returns the number of facts.

        Indexing an article twice is a no-op: another process (a query during an ingest) may
        have indexed it between its storing and this call."""
        if self.tables.is_indexed(document.article.id):
            return 0
        outlet, outlet_name = self.outlet_of(document)
        facts = FactBuilder(document, outlet, outlet_name).build()
        try:
            with self.tables.transaction():
                self._index_entities(document)
                rows = [
                    (fact.claim_id, self.tables.group_id(self.group_key(fact)), fact.to_dict())
                    for fact in facts
                ]
                self.tables.add_facts(document.article.id, rows)
                self.tables.mark_indexed(document.article.id)
        except BaseException:
            self._resolver = None  # memory may be ahead of the rolled-back tables
            raise
        return len(facts)

    def _index_entities(self, document: Document) -> None:
        counts: Counter[str] = Counter()
        infos: dict[str, EntityInfo] = {}
        names: set[tuple[str, str, str]] = set()
        for mention in document.mentions:
            raw = mention.entity or raw_id_for(mention.text, mention.label)
            counts[raw] += 1
            infos.setdefault(raw, EntityInfo(raw, mention.name or mention.text, mention.label))
            surface = " ".join(mention.text.split())
            if self.resolver.add_name(surface, raw):
                names.add((normalize_name(surface), raw, surface))
        self.tables.add_entity_names(sorted(names))
        for raw, info in infos.items():
            linked = self.resolver.observe(info)
            if linked is not None:
                self.tables.add_link(raw, *linked)
        self.tables.count_entities(
            (raw, info.name, info.label, counts[raw]) for raw, info in infos.items()
        )

    def index_pending(self) -> int:
        """Index stored articles not in the ledger yet (stored directly, or before v3).

        An article whose indexing fails is left out (and tried again next time), so one bad
        record never blocks the ledger's queries."""
        n = 0
        for article_id in self.tables.unindexed_articles():
            document = self.store.get_document(article_id)
            if document is None:
                continue
            try:
                self.index_document(document)
            except Exception:
                continue
            n += 1
        return n

    def refresh(self) -> int:
        """Recompute the summary and findings of every stale group; returns how many."""
        stale = self.tables.stale_groups()
        if not stale:
            return 0
        with self.tables.transaction():
            for group_id in stale:
                facts = [Fact.from_dict(d) for d in self.tables.group_facts(group_id)]
                summary, findings = self.summarize(group_id, facts)
                conflicts = sum(1 for f in findings if f["kind"] in CONFLICT_KINDS)
                self.tables.save_group(group_id, summary, findings, conflicts)
            self.tables.delete_empty_groups()
        return len(stale)

    def rebuild(self) -> int:
        """Index every stored article again (after a change of rules); user edits are kept.
        Returns the number of articles indexed."""
        with self.tables.transaction():
            self.tables.clear_index()
        self._resolver = None
        n = self.index_pending()
        self.refresh()
        return n

    def update(self) -> None:
        """Bring the ledger up to date with the store (cheap when nothing changed)."""
        self.index_pending()
        self.refresh()

    # --- user edits --------------------------------------------------------------------------

    def edit(self, op: str, a: str, b: str) -> None:
        """Record a merge, split or alias and move the facts whose group changes."""
        self.update()
        if op == "merge":
            a, b = self.entity_ref(a), self.entity_ref(b)
            if a == b:
                raise EntityEditError(f"{a} and {b} are already one entity")
        elif op == "split":
            a, b = self.entity_ref(a, raw=True), self.entity_ref(b, raw=True)
        elif op == "alias":
            a = self.entity_ref(a)
            if not normalize_name(b):
                raise EntityEditError(f"alias {b!r} has no letters or digits; give a name")
        self.resolver.add_edit(Edit(op, a, b))
        with self.tables.transaction():
            self.tables.add_edit(op, a, b)
            for group_id, data in list(self.tables.facts()):
                fact = Fact.from_dict(data)
                new_group = self.tables.group_id(self.group_key(fact))
                if new_group != group_id:
                    self.tables.move_fact(fact.article_id, fact.claim_id, new_group)
                    self.tables.mark_stale([group_id, new_group])
                elif fact.source_entity:  # a source may have merged with another
                    self.tables.mark_stale([group_id])
        self.refresh()

    def entity_ref(self, ref: str, raw: bool = False) -> str:
        """The entity a user names by id, name or alias (``raw``: the id itself, not canonical)."""
        resolver = self.resolver
        if raw and ref in resolver.entities:
            return ref
        found = resolver.lookup(ref)
        if found is None:
            raise EntityEditError(
                f"no entity {ref!r} in the ledger; list them with `claimledger entities`"
            )
        return found

    # --- summaries ---------------------------------------------------------------------------

    def summarize(
        self, group_id: int, facts: list[Fact]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A group's members, sources, dates and figures; its conflicts and running totals."""
        resolver = self.resolver
        if not facts:
            return {}, []
        first = facts[0]
        givers = sorted(
            {resolver.canonical(e) for f in facts for e, role in f.actors if role in GIVER_ROLES}
        )
        recipients = Counter(
            resolver.canonical(e) for f in facts for e, role in f.actors if role == "recipient"
        )
        sources: dict[str, dict[str, Any]] = {}
        for fact in sorted(facts, key=lambda f: (f.report_start or "", f.article_id)):
            key, name = self.source_key(fact)
            entry = sources.setdefault(
                key, {"key": key, "name": name, "members": 0, "first_report": fact.report}
            )
            entry["members"] += 1
        reports = [f.report_start for f in facts if f.report_start]
        report_ends = [f.report_end for f in facts if f.report_end]
        events = [f.event_start for f in facts if f.event_start]
        event_ends = [f.event_end for f in facts if f.event_end]
        place = resolver.canonical(first.place) if first.place else None
        summary: dict[str, Any] = {
            "id": group_id,
            "type": Counter(f.type for f in facts).most_common(1)[0][0],
            "family": first.family,
            "item": first.item_class,
            "actors": givers,
            "recipients": [e for e, _ in recipients.most_common()],
            "targets": sorted(
                {resolver.canonical(e) for f in facts for e, role in f.actors if role == "target"}
            ),
            "place": place,
            "members": len(facts),
            "articles": len({f.article_id for f in facts}),
            "independent_sources": len(independent_sources(facts, self.source_key)),
            "sources": list(sources.values()),
            "first_report": min(reports) if reports else None,
            "last_report": max(report_ends) if report_ends else None,
            "event_start": min(events) if events else None,
            "event_end": max(event_ends) if event_ends else None,
            "figures": sorted({f.quantity_text for f in facts if f.quantity_text}),
        }
        summary["label"] = self._label(summary)
        # A group with neither actor nor place ("five people were killed") may mix unrelated
        # events: its figures are listed but never compared.
        _, actors, keyed_place = self._key_parts(first)
        if not (actors or keyed_place):
            return summary, []
        findings = find_conflicts(facts, self.source_key) + find_cumulative(facts, self.source_key)
        return summary, [finding.to_dict() for finding in findings]

    def _label(self, summary: dict[str, Any]) -> str:
        name = self.resolver.name
        who = " + ".join(name(e) for e in summary["actors"])
        if not who:  # "ASSAULT on North Korea", or "ASSAULT ?" when nobody is named
            targets = summary.get("targets", [])
            who = "on " + " + ".join(name(e) for e in targets) if targets else "?"
        to = ", ".join(name(e) for e in summary["recipients"][:2])
        words = [summary["type"], who]
        if to:
            words.append(f"→ {to}")
        if summary["item"]:
            words.append(f": {summary['item']}")
        if summary["place"]:
            words.append(f"@ {name(summary['place'])}")
        return " ".join(words).replace(" :", ":")

    def groups(self, with_conflicts: bool = False) -> list[GroupRow]:
        self.update()
        return self.tables.groups(with_conflicts=with_conflicts)

    def facts(self) -> list[tuple[int, Fact]]:
        self.update()
        return [(group, Fact.from_dict(data)) for group, data in self.tables.facts()]
