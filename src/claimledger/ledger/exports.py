"""Exports: CSV/Parquet tables, TimeML for one article, brat for attributions, PLOVER-style events.

Parquet needs the optional ``pyarrow`` (``pip install 'claimledger[parquet]'``); it is imported
only when Parquet is asked for. CSV always works.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict
from html import escape
from pathlib import Path
from typing import Any

from claimledger.eval.polnear import to_brat
from claimledger.ledger.facts import Fact
from claimledger.ledger.groups import LedgerIndex
from claimledger.ledger.queries import finding_rows, group_rows
from claimledger.model import Attribution, Document
from claimledger.store import Store

TABLES = (
    "articles",
    "mentions",
    "timexes",
    "quantities",
    "attributions",
    "claims",
    "groups",
    "findings",
)
TABLE_FORMATS = ("csv", "parquet")
_ARTICLE_FIELDS = ("id", "title", "published", "published_source", "source", "url", "reader")


class ExportError(RuntimeError):
    """An export that cannot be written (unknown format, missing optional dependency)."""


def _flat(record: Any) -> dict[str, Any]:
    """A record as one flat row: span parts get a prefix, tuples become JSON."""
    row: dict[str, Any] = {}
    for key, value in asdict(record).items():
        if isinstance(value, dict):  # a SpanRef of an attribution
            for part, inner in value.items():
                row[f"{key}_{part}"] = inner
        elif isinstance(value, list | tuple):
            row[key] = json.dumps(value, ensure_ascii=False)
        else:
            row[key] = value
    return row


def _attribution_row(attribution: Attribution) -> dict[str, Any]:
    row = _flat(attribution)
    for part in ("source", "content"):
        if getattr(attribution, part) is None:  # keep the columns of absent parts
            for name in ("start", "end", "text", "entity", "lemma"):
                row[f"{part}_{name}"] = None
            row.pop(part, None)
    return row


def table_rows(store: Store, index: LedgerIndex) -> dict[str, list[dict[str, Any]]]:
    """Every export table as a list of flat rows."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    groups = {(f.article_id, f.claim_id): g for g, f in index.facts()}
    canonical = index.resolver.canonical
    for document in store.iter_documents():
        article = document.article
        tables["articles"].append(
            {
                k: str(v) if k == "published_source" else v
                for k, v in ((name, getattr(article, name)) for name in _ARTICLE_FIELDS)
            }
        )
        for layer in ("mentions", "timexes", "quantities"):
            for i, record in enumerate(document.layer(layer)):
                row = {"article_id": article.id, "idx": i, **_flat(record)}
                if layer == "mentions":
                    row["canonical"] = canonical(record.entity) if record.entity else None
                tables[layer].append(row)
        for i, attribution in enumerate(document.attributions):
            tables["attributions"].append(
                {"article_id": article.id, "idx": i, **_attribution_row(attribution)}
            )
        for i, claim in enumerate(document.claims):
            row = {"article_id": article.id, "idx": i, **_flat(claim)}
            row["group"] = groups.get((article.id, claim.id))
            tables["claims"].append(row)
    tables["groups"] = group_rows(index)
    tables["findings"] = [
        {k: v for k, v in row.items() if k != "findings"} for row in finding_rows(index)
    ]
    return tables


def export_tables(store: Store, index: LedgerIndex, folder: Path, fmt: str = "csv") -> list[Path]:
    """Write one file per table into ``folder`` (created); returns the files written."""
    if fmt not in TABLE_FORMATS:
        raise ExportError(f"unknown table format {fmt!r}; use {' or '.join(TABLE_FORMATS)}")
    writer = _parquet_writer() if fmt == "parquet" else _write_csv
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in table_rows(store, index).items():
        path = folder / f"{name}.{fmt}"
        writer(path, rows)
        written.append(path)
    return written


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=_columns(rows))
        writer.writeheader()
        writer.writerows(rows)


def _parquet_writer() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError(
            "Parquet export needs pyarrow: pip install 'claimledger[parquet]' (or use csv)"
        ) from None

    def write(path: Path, rows: list[dict[str, Any]]) -> None:
        columns = _columns(rows)
        full = [{column: row.get(column) for column in columns} for row in rows]
        pq.write_table(pa.Table.from_pylist(full) if full else pa.table({}), path)

    return write


def timeml(document: Document) -> str:
    """The article as TimeML: the creation time as DCT and every time expression as TIMEX3."""
    article = document.article
    tids = {i: f"t{i + 1}" for i in range(len(document.timexes))}
    pieces: list[str] = []
    cursor = 0
    for i, timex in sorted(enumerate(document.timexes), key=lambda pair: pair[1].start):
        if timex.start < cursor:  # TimeML cannot nest or overlap TIMEX3 tags
            continue
        attrs = {"tid": tids[i], "type": timex.type, "value": timex.value}
        for name in ("mod", "quant", "freq"):
            if getattr(timex, name):
                attrs[name] = getattr(timex, name)
        attrs["temporalFunction"] = "true" if timex.anchor else "false"
        if timex.anchor == "dct" and article.published:
            attrs["anchorTimeID"] = "t0"
        elif timex.anchor and timex.anchor.startswith("timex:"):
            attrs["anchorTimeID"] = tids.get(int(timex.anchor.split(":")[1]), "t0")
        attributes = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
        pieces.append(escape(article.text[cursor : timex.start], quote=False))
        pieces.append(f"<TIMEX3 {attributes}>{escape(timex.text, quote=False)}</TIMEX3>")
        cursor = timex.end
    pieces.append(escape(article.text[cursor:], quote=False))
    dct = ""
    if article.published:
        day = escape(article.published[:10])
        dct = (
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{day}" temporalFunction="false"'
            f' functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>\n'
        )
    title = f"<TITLE>{escape(article.title, quote=False)}</TITLE>\n" if article.title else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n'
        f"<DOCID>{article.id}</DOCID>\n{dct}{title}<TEXT>{''.join(pieces)}</TEXT>\n</TimeML>\n"
    )


def brat(document: Document) -> tuple[str, str]:
    """The article's text and brat standoff annotation of its attributions (.txt, .ann)."""
    return document.article.text, to_brat(document.article.text, document.attributions)


def plover_event(index: LedgerIndex, group: int, fact: Fact) -> dict[str, Any]:
    """One claim as a PLOVER-style event record (type, mode, actors, date, place, source)."""
    canonical, name = index.resolver.canonical, index.resolver.name
    actors = [(canonical(e), role) for e, role in fact.actors]
    givers = [e for e, role in actors if role in ("agent", "source")]
    others = [e for e, role in actors if role not in ("agent", "source")]
    return {
        "id": f"{fact.article_id}:{fact.claim_id}",
        "event_type": fact.type,
        "mode": fact.modality,
        "source_actor": [{"id": e, "name": name(e)} for e in givers],
        "target_actor": [{"id": e, "name": name(e)} for e in others],
        "event_date": fact.event,
        "story_date": fact.published[:10] if fact.published else None,
        "report_date": fact.report,
        "location": canonical(fact.place) if fact.place else None,
        "quantity": None
        if fact.quantity_text is None
        else {
            "text": fact.quantity_text,
            "value": fact.value,
            "low": fact.low,
            "high": fact.high,
            "unit": fact.unit,
            "item": fact.item,
            "increment": fact.increment,
            "total": fact.total,
        },
        "attributed_to": index.source_key(fact)[1],
        "article_id": fact.article_id,
        "group": group,
        "text": fact.text,
    }


def plover_events(index: LedgerIndex) -> Iterator[dict[str, Any]]:
    """Every claim (not stated totals) as a PLOVER-style event."""
    for group, fact in index.facts():
        if fact.kind == "claim":
            yield plover_event(index, group, fact)
