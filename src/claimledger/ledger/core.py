"""`Ledger`: read, analyse and store articles; query what is stored."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from claimledger.ingest import ReadError, ReadOptions, expand_inputs, read_input
from claimledger.model import LAYERS, Article, Document
from claimledger.nlp.pipeline import process
from claimledger.store import AddResult, ArticleRow, SearchHit, Store

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

    @property
    def failed(self) -> bool:
        return bool(self.problems)


@dataclass(slots=True)
class _ItemOutcome:
    item: str
    documents: list[Document]
    problems: list[IngestProblem]


def analyse_input(item: str, options: ReadOptions) -> _ItemOutcome:
    """Read one input and analyse each article in it; problems are returned, not raised."""
    try:
        result = read_input(item, options)
    except ReadError as error:
        return _ItemOutcome(item, [], [IngestProblem(error.item, error.reason)])
    problems = [IngestProblem(p.item, p.reason) for p in result.problems]
    documents: list[Document] = []
    for article in result.articles:
        try:
            documents.append(process(article))
        except Exception as error:  # a bug on one article must not stop the batch
            where = article.origin or item
            problems.append(
                IngestProblem(where, f"analysis failed: {type(error).__name__}: {error}")
            )
    return _ItemOutcome(item, documents, problems)


class Ledger:
    """A claim ledger stored in one SQLite file (or ":memory:")."""

    def __init__(self, path: str | Path = "ledger.db") -> None:
        self.path = path
        self.store = Store(path)

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
    ) -> IngestReport:
        """Read, analyse and store every input; one bad input never stops the rest.

        `inputs` are files, directories (recursive), globs and URLs. With `jobs` > 1, reading
        and analysis run in worker processes; this process alone writes to the database.
        `on_item` is called with each input once it is done (for progress bars).
        """
        options = options or ReadOptions()
        items = expand_inputs(inputs)
        report = IngestReport()
        for outcome in self._outcomes(items, options, jobs):
            for document in outcome.documents:
                report.results.append(self.store.add(document))
            report.problems.extend(outcome.problems)
            if on_item:
                on_item(outcome.item)
        return report

    def _outcomes(
        self, items: list[str], options: ReadOptions, jobs: int
    ) -> Iterator[_ItemOutcome]:
        if jobs <= 1 or len(items) <= 1:
            for item in items:
                yield analyse_input(item, options)
            return
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            # chunks keep the per-task overhead small next to parsing one article
            yield from pool.map(
                analyse_input, items, [options] * len(items), chunksize=_chunksize(len(items), jobs)
            )

    def add(self, article: Article) -> AddResult:
        """Analyse one article and store it."""
        return self.store.add(process(article))

    def add_document(self, document: Document) -> AddResult:
        """Store an already analysed document."""
        return self.store.add(document)

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


def articles_csv(rows: Sequence[ArticleRow]) -> str:
    buffer = io.StringIO()
    write_article_csv(buffer, rows)
    return buffer.getvalue()


def _chunksize(n_items: int, jobs: int) -> int:
    return max(1, min(16, n_items // (jobs * 8)))
