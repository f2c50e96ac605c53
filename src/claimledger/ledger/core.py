"""`Ledger`: read, analyse and store articles; query what is stored."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from claimledger.ingest import ReadError, ReadOptions, expand_inputs, read_input
from claimledger.ledger.exports import export_tables, plover_events
from claimledger.ledger.groups import CONFLICT_KINDS, LedgerIndex
from claimledger.ledger.queries import (
    ClaimQuery,
    entity_rows,
    find_claims,
    finding_rows,
    group_rows,
    source_rows,
)
from claimledger.ledger.timeline import entity_timeline, group_timeline
from claimledger.model import LAYERS, Article, Document
from claimledger.nlp.pipeline import default_pipeline, process
from claimledger.store import AddResult, ArticleRow, SearchHit, Store, StoreError
from claimledger.store.near_duplicates import NEAR_DUPLICATE

# Statuses of Store.add that stored a new article (a "duplicate" only records a sighting).
_STORED = frozenset({"added", NEAR_DUPLICATE})

ProgressCallback = Callable[[str], None]

ARTICLE_CSV_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "published",
    "published_source",
    "source",
    "url",
    "reader",
    "origin",
    "seen",
    "duplicate_of",
)


class LedgerIndexError(RuntimeError):
    """An article was stored but its claims could not be added to the cross-article ledger."""


@dataclass(frozen=True, slots=True)
class IngestProblem:
    """One input (file, row, entry or URL) that could not be ingested, and why."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass(slots=True)
class IngestReport:
    """What one `Ledger.ingest` call did."""

    results: list[AddResult] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


@dataclass(slots=True)
class _ItemOutcome:
    item: str
    documents: list[Document]
    problems: list[IngestProblem]


def analyse_input(item: str, options: ReadOptions, gazetteer: str | None = None) -> _ItemOutcome:
    """Read one input and analyse each article in it; problems are returned, not raised."""
    nlp = default_pipeline(gazetteer)
    try:
        result = read_input(item, options)
    except ReadError as error:
        return _ItemOutcome(item, [], [IngestProblem(error.item, error.reason)])
    problems = [IngestProblem(p.item, p.reason) for p in result.problems]
    documents: list[Document] = []
    for article in result.articles:
        try:
            documents.append(process(article, nlp))
        except Exception as error:  # a bug on one article must not stop the batch
            where = article.origin or item
            problems.append(
                IngestProblem(where, f"analysis failed: {type(error).__name__}: {error}")
            )
    return _ItemOutcome(item, documents, problems)


class Ledger:
    """A claim ledger stored in one SQLite file (or ":memory:")."""

    def __init__(self, path: str | Path = "ledger.db", gazetteer: str | Path | None = None) -> None:
        """Open (or create) the ledger at `path`; `gazetteer` is a user YAML of extra entities."""
        self.path = path
        self.gazetteer = str(gazetteer) if gazetteer else None
        self.store = Store(path)
        self.index = LedgerIndex(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def ingest(
        self,
        inputs: Sequence[str],
        options: ReadOptions | None = None,
        jobs: int = 1,
        on_item: ProgressCallback | None = None,
        on_start: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Read, analyse and store every input; one bad input never stops the rest.

        `inputs` are files, directories (recursive), globs and URLs. With `jobs` > 1, reading
        and analysis run in worker processes; this process alone writes to the database.
        `on_start` gets the number of inputs once they are expanded and `on_item` each input
        once it is done (for progress bars).
        """
        options = options or ReadOptions()
        items = expand_inputs(inputs)
        if on_start:
            on_start(len(items))
        report = IngestReport()
        for outcome in self._outcomes(items, options, jobs):
            for document in outcome.documents:
                try:
                    report.results.append(self._store(document))
                except (LedgerIndexError, StoreError) as error:  # the rest of the batch goes on
                    report.problems.append(
                        IngestProblem(document.article.origin or outcome.item, str(error))
                    )
            report.problems.extend(outcome.problems)
            if on_item:
                on_item(outcome.item)
        # Groups touched by the whole batch are summarised once, at the end.
        self.index.refresh()
        return report

    def _store(self, document: Document) -> AddResult:
        """Store a document and add its claims to the ledger's groups (marked stale)."""
        result = self.store.add(document)
        if result.status in _STORED:
            try:
                self.index.index_document(document)
            except Exception as error:  # a bug on one article must not stop the batch
                raise LedgerIndexError(
                    f"article {document.article.id}: stored, but its claims could not be added"
                    f" to the ledger: {type(error).__name__}: {error}"
                ) from error
        return result

    def _outcomes(
        self, items: list[str], options: ReadOptions, jobs: int
    ) -> Iterator[_ItemOutcome]:
        if jobs <= 1 or len(items) <= 1:
            for item in items:
                yield analyse_input(item, options, self.gazetteer)
            return
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            # one input per task: an input (a file, or a whole CSV corpus) is far more work than
            # the task overhead, and larger chunks can leave one worker with most of the corpus
            yield from pool.map(
                analyse_input, items, [options] * len(items), [self.gazetteer] * len(items)
            )

    def add(self, article: Article) -> AddResult:
        """Analyse one article and store it."""
        result = self._store(process(article, default_pipeline(self.gazetteer)))
        self.index.refresh()
        return result

    def add_document(self, document: Document) -> AddResult:
        """Store an already analysed document."""
        result = self._store(document)
        self.index.refresh()
        return result

    def articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleRow]:
        return self.store.articles(limit=limit, offset=offset)

    def document(self, ref: str) -> Document | None:
        """The stored document with this id or unique id prefix."""
        return self.store.get_document(ref)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit=limit)

    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def documents(self) -> Iterator[Document]:
        return self.store.iter_documents()

    def export(self, out: TextIO, fmt: str = "jsonl") -> int:
        """Write every article to `out` (jsonl: claimledger/1 documents; csv: article rows)."""
        if fmt == "jsonl":
            n = 0
            for document in self.documents():
                out.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
                n += 1
            return n
        if fmt == "csv":
            rows = self.articles()
            write_article_csv(out, rows)
            return len(rows)
        raise ValueError(f"unknown export format {fmt!r}; use jsonl or csv")

    # --- across articles (issue 7): see docs/ledger.md -----------------------------------------

    def claims(self, query: ClaimQuery | None = None) -> list[dict[str, Any]]:
        """Claims matching the query's filters (all claims without one), by date."""
        return find_claims(self.index, query or ClaimQuery())

    def groups(self, min_members: int = 1) -> list[dict[str, Any]]:
        """Claim groups with members, independent sources, report and event spans."""
        return group_rows(self.index, min_members=min_members)

    def conflicts(self, include_sums: bool = True) -> list[dict[str, Any]]:
        """Conflicting figures (and, with ``include_sums``, running totals that add up)."""
        kinds = None if include_sums else CONFLICT_KINDS
        return finding_rows(self.index, kinds)

    def timeline(self, entity: str, by: str = "event") -> list[dict[str, Any]]:
        """Claims involving an entity by event time ("event") or report time ("report")."""
        return entity_timeline(self.index, entity, by)

    def group_timeline(self, group: int, by: str = "event") -> list[dict[str, Any]]:
        return group_timeline(self.index, group, by)

    def sources(self, entity: str) -> list[dict[str, Any]]:
        """Who says what about an entity, one row per source."""
        return source_rows(self.index, entity)

    def entities(self) -> list[dict[str, Any]]:
        """Canonical entities with aliases and mention counts."""
        return entity_rows(self.index)

    def merge_entities(self, keep: str, other: str) -> None:
        """Make ``other`` the same entity as ``keep``; kept across later ingests."""
        self.index.edit("merge", keep, other)

    def split_entity(self, entity: str, other: str) -> None:
        """Undo a merge: ``other`` is not ``entity``, and is never matched to it again."""
        self.index.edit("split", entity, other)

    def alias_entity(self, entity: str, alias: str) -> None:
        """Make a surface form (e.g. a transliteration) name ``entity`` in every article."""
        self.index.edit("alias", entity, alias)

    def regroup(self) -> int:
        """Rebuild entities, facts and groups from the stored articles (after a rules change);
        user edits are kept. Returns the number of articles indexed."""
        return self.index.rebuild()

    def export_tables(self, folder: Path, fmt: str = "csv") -> list[Path]:
        """One CSV or Parquet file per table (articles, mentions, ..., claims, groups)."""
        return export_tables(self.store, self.index, folder, fmt)

    def events(self) -> list[dict[str, Any]]:
        """Every claim as a PLOVER-style event record."""
        return list(plover_events(self.index))


def article_row_dict(row: ArticleRow) -> dict[str, Any]:
    """A flat dict of an article row: its fields plus one count column per layer."""
    data = {name: getattr(row, name) for name in ARTICLE_CSV_FIELDS}
    data["ingested_at"] = row.ingested_at
    for layer in LAYERS:
        data[layer] = row.counts.get(layer, 0)
    return data


def write_article_csv(out: TextIO, rows: Sequence[ArticleRow]) -> None:
    fields = [*ARTICLE_CSV_FIELDS, "ingested_at", *LAYERS]
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(article_row_dict(row))
