"""The `claimledger` command: parses arguments, calls the library, prints results."""

from __future__ import annotations

import csv
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from spacy.language import Language

from claimledger import __version__
from claimledger.ingest import ReadOptions, expand_inputs, parse_iso_date
from claimledger.ingest.base import COLUMN_FIELDS
from claimledger.ledger import Ledger
from claimledger.ledger.core import analyse_input, article_row_dict, write_article_csv
from claimledger.ledger.exports import ExportError
from claimledger.ledger.exports import brat as brat_files
from claimledger.ledger.exports import timeml as timeml_text
from claimledger.ledger.queries import (
    CLAIM_COLUMNS,
    ENTITY_COLUMNS,
    FINDING_COLUMNS,
    GROUP_COLUMNS,
    SOURCE_COLUMNS,
    ClaimQuery,
)
from claimledger.ledger.resolve import EntityEditError
from claimledger.ledger.timeline import TIMELINE_COLUMNS
from claimledger.model import LAYERS, Document
from claimledger.nlp.pipeline import default_pipeline
from claimledger.render import claims_view, listing_table, render_document
from claimledger.store import StoreError

app = typer.Typer(
    name="claimledger",
    help="Turn news reports into a sourced, time-stamped ledger of claims.\n\n"
    "Example: claimledger ingest examples/ --db ledger.db && claimledger report --db ledger.db",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Score the taggers on development corpora (TimeML, NewsQuant, PolNeAR).\n\n"
    "Example: claimledger eval timeml ../shared/data/tempeval3/TimeBank --out out/timebank",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")

out = Console()
err = Console(stderr=True)

REPORT_ARTICLES = 10  # articles whose claims `report` prints
DEFAULT_DB = os.environ.get("CLAIMLEDGER_DB", "ledger.db")
DbOption = Annotated[
    Path, typer.Option("--db", help="Ledger file (SQLite); default $CLAIMLEDGER_DB or ledger.db.")
]


class DocFormat(StrEnum):
    json = "json"
    text = "text"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


def _version(value: bool) -> None:
    if value:
        out.print(f"claimledger {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Turn news reports into a sourced, time-stamped ledger of claims."""


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    return typer.Exit(code)


def _read_options(date: str | None, columns: list[str] | None) -> ReadOptions:
    try:
        checked = parse_iso_date(date) if date else None
    except ValueError as error:
        raise fail(f"--date: {error}", 2) from None
    mapping: dict[str, str] = dict(ReadOptions().columns)
    for pair in columns or []:
        field, sep, column = pair.partition("=")
        if not sep or field not in COLUMN_FIELDS:
            fields = ", ".join(COLUMN_FIELDS)
            raise fail(f"--column {pair!r}: expected FIELD=COLUMN with FIELD one of {fields}", 2)
        mapping[field] = column
    return ReadOptions(date=checked, columns=mapping)


def _open_ledger(db: Path, must_exist: bool = True, gazetteer: Path | None = None) -> Ledger:
    if must_exist and str(db) != ":memory:" and not db.exists():
        raise fail(f"no ledger at {db}: create one with `claimledger ingest PATH --db {db}`")
    try:
        return Ledger(db, gazetteer=gazetteer)
    except StoreError as error:
        raise fail(str(error)) from None


DateOption = Annotated[
    str | None,
    typer.Option(help="Publication date (YYYY-MM-DD) for inputs that do not state one."),
]
GazetteerOption = Annotated[
    Path | None,
    typer.Option(
        help="YAML file of extra or corrected entities and aliases (see docs/entities.md)."
    ),
]
ColumnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--column",
        help="CSV/JSONL column mapping FIELD=COLUMN (fields: title, date, text, url, source);"
        " defaults: title=headline date=date text=body url=link.",
    ),
]


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs or URLs.")],
    date: DateOption = None,
    fmt: Annotated[DocFormat, typer.Option("--format", help="json or text.")] = DocFormat.json,
    column: ColumnOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Analyse articles without storing them; JSON Lines, one claimledger/1 object per article.

    Example: claimledger analyze article.txt --date 2025-06-19 --format text
    """
    options = _read_options(date, column)
    _pipeline(gazetteer)  # a bad gazetteer fails here, before any file is read
    failed = False
    for item in expand_inputs(paths):
        outcome = analyse_input(item, options, str(gazetteer) if gazetteer else None)
        for problem in outcome.problems:
            err.print(f"[red]error:[/red] {escape(str(problem))}", highlight=False)
            failed = True
        for document in outcome.documents:
            if fmt is DocFormat.json:
                sys.stdout.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
            else:
                out.print(render_document(document))
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs or URLs.")],
    db: DbOption = Path(DEFAULT_DB),
    jobs: Annotated[
        int, typer.Option(min=1, help="Worker processes for reading and analysis.")
    ] = 1,
    date: DateOption = None,
    column: ColumnOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Read, analyse and store articles in the ledger; bad inputs are listed at the end.

    Example: claimledger ingest ../shared/corpus/ukraine-news --db ledger.db --jobs 2
    """
    options = _read_options(date, column)
    _pipeline(gazetteer)  # a bad gazetteer fails here, before any file is read
    ledger = _open_ledger(db, must_exist=False, gazetteer=gazetteer)
    with ledger, _progress() as progress:
        task = progress.add_task("ingesting", total=None)
        report = ledger.ingest(
            paths,
            options,
            jobs=jobs,
            on_start=lambda total: progress.update(task, total=total),
            on_item=lambda _item: progress.advance(task),
        )
    summary = (
        f"{report.count('added')} added, {report.count('near_duplicate')} near-duplicates linked,"
        f" {report.count('duplicate')} already in the ledger, {len(report.problems)} failed"
        f" → {db}"
    )
    out.print(escape(summary), highlight=False)
    if report.problems:
        err.print(f"[red]{len(report.problems)} input(s) failed:[/red]")
        for problem in report.problems:
            err.print(f"  {escape(str(problem))}", highlight=False)
        raise typer.Exit(1)


def _pipeline(gazetteer: Path | None) -> Language:
    if gazetteer is not None and not gazetteer.is_file():
        raise fail(f"--gazetteer {gazetteer}: no such file", 2)
    try:
        return default_pipeline(str(gazetteer) if gazetteer else None)
    except ValueError as error:
        raise fail(f"--gazetteer {gazetteer}: {error}", 2) from None


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


@app.command()
def articles(
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List the articles in the ledger.

    Example: claimledger articles --db ledger.db --format csv
    """
    with _open_ledger(db) as ledger:
        rows = ledger.articles(limit=limit)
    if fmt is ListFormat.csv:
        write_article_csv(sys.stdout, rows)
        return
    dicts = [article_row_dict(row) for row in rows]
    if fmt is ListFormat.json:
        _print_json(dicts)
        return
    columns = ["id", "published", "source", "title", "reader", *LAYERS]
    for d in dicts:
        d["title"] = d["title"] or "(untitled)"
        d["id"] = str(d["id"])[:10]
    out.print(listing_table(f"{len(rows)} articles in {db}", dicts, columns))


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id or a unique prefix of it.")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[DocFormat, typer.Option("--format")] = DocFormat.text,
) -> None:
    """Show one stored article with its annotations highlighted.

    Example: claimledger show 3a7b3f --db ledger.db
    """
    with _open_ledger(db) as ledger:
        try:
            document = ledger.document(article)
        except StoreError as error:
            raise fail(str(error)) from None
    if document is None:
        raise fail(f"no article {article!r} in {db}; list them with `claimledger articles`")
    if fmt is DocFormat.json:
        sys.stdout.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.print(render_document(document))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Full-text query (SQLite FTS5 syntax).")],
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option(min=1)] = 20,
    fmt: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """Full-text search over stored articles, with snippets.

    Example: claimledger search "artillery shells" --db ledger.db
    """
    with _open_ledger(db) as ledger:
        try:
            hits = ledger.search(query, limit=limit)
        except StoreError as error:
            raise fail(str(error)) from None
    rows = [
        {"article_id": h.article_id, "title": h.title, "snippet": h.snippet, "rank": h.rank}
        for h in hits
    ]
    _print_rows(rows, ["article_id", "title", "snippet", "rank"], fmt, f"{len(rows)} hits")


@app.command()
def export(
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--out", help="Write here instead of standard output.")
    ] = None,
) -> None:
    """Export the ledger: jsonl (one claimledger/1 document per line) or csv (article rows).

    Example: claimledger export --format jsonl --out ledger.jsonl --db ledger.db
    """
    with _open_ledger(db) as ledger:
        if output is None:
            n = ledger.export(sys.stdout, fmt.value)
        else:
            with _file_errors(), output.open("w", encoding="utf-8", newline="") as handle:
                n = ledger.export(handle, fmt.value)
            err.print(f"{n} articles → {output}")


@app.command()
def report(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Print a short report of what the ledger holds: articles and what was found in them.

    Example: claimledger report --db ledger.db
    """
    with _open_ledger(db) as ledger:
        stats = ledger.stats()
        rows = ledger.articles()
        documents = [ledger.document(row.id) for row in rows[:REPORT_ARTICLES]]
        groups = [g for g in ledger.groups() if g["members"] > 1]
        findings = ledger.conflicts()
    counts = ", ".join(f"{n} {name}" for name, n in stats.items())
    out.print(f"[bold]{escape(str(db))}[/bold]: {counts}")
    dicts = []
    for row in rows:
        d = article_row_dict(row)
        d["published"] = (d["published"] or "unknown")[:10]
        dicts.append(d)
    columns = ["published", "title", "mentions", "timexes", "quantities", "claims"]
    out.print(listing_table(f"{len(rows)} articles", dicts, columns))
    for document in documents:
        if document is not None and document.claims:
            article = document.article
            out.rule(escape(f"{(article.published or '')[:10]} {article.title or article.id}"))
            out.print(claims_view(document))
    if len(rows) > REPORT_ARTICLES:
        out.print(f"(claims of the first {REPORT_ARTICLES} articles; see `claimledger show ID`)")
    out.rule("Across articles")
    out.print(
        listing_table(
            f"{len(groups)} claim groups reported more than once",
            groups,
            ["label", "members", "independent_sources", "sources", "figures"],
        )
    )
    for finding in findings:
        label, detail = escape(str(finding["label"])), escape(str(finding["detail"]))
        out.print(f"[bold]{finding['kind']}[/bold] in {label}: {detail}")


# Ledger commands across articles (issue 7): claims, groups, conflicts, timelines, entities.
FormatOption = Annotated[ListFormat, typer.Option("--format", help="table, json or csv.")]
entities_app = typer.Typer(
    help="List canonical entities, or correct them: merge, split, alias (kept across ingests)."
    "\n\nExample: claimledger entities --db ledger.db --format csv",
    invoke_without_command=True,
)
app.add_typer(entities_app, name="entities")


def _show(rows: list[dict[str, Any]], columns: Sequence[str], fmt: ListFormat, title: str) -> None:
    """JSON gets whole rows; a table or CSV gets the named columns."""
    if fmt is not ListFormat.json:
        rows = [{column: row.get(column) for column in columns} for row in rows]
    _print_rows(rows, columns, fmt, title)


def _ledger_call(db: Path, call: Callable[[Ledger], Any]) -> Any:
    """Run a ledger query, turning the library's errors into one clear message."""
    with _open_ledger(db) as ledger:
        try:
            return call(ledger)
        except (StoreError, EntityEditError, ExportError, ValueError) as error:
            raise fail(str(error)) from None


@app.command()
def claims(
    db: DbOption = Path(DEFAULT_DB),
    about: Annotated[str | None, typer.Option(help="Words in the claim or its item.")] = None,
    entity: Annotated[
        str | None, typer.Option(help="An actor, place or source: id, name or alias.")
    ] = None,
    claim_type: Annotated[str | None, typer.Option("--type", help="Claim type, e.g. AID.")] = None,
    source: Annotated[str | None, typer.Option(help="Who says it (id or name).")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Event (else report) time from: YYYY[-MM[-DD]].")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="... up to: YYYY[-MM[-DD]].")] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Claims across the ledger, filtered; each with its group, figure, times and source.

    Example: claimledger claims --about shells --entity "North Korea" --from 2025 --db ledger.db
    """
    query = ClaimQuery(about, entity, claim_type, source, date_from, date_to)
    rows = _ledger_call(db, lambda ledger: ledger.claims(query))
    _show(rows, CLAIM_COLUMNS, fmt, f"{len(rows)} claims")


@app.command()
def groups(
    db: DbOption = Path(DEFAULT_DB),
    min_members: Annotated[int, typer.Option(min=1, help="Hide smaller groups.")] = 1,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Claims about the same thing grouped across articles, with independent-source counts.

    Example: claimledger groups --min-members 2 --db ledger.db
    """
    rows = _ledger_call(db, lambda ledger: ledger.groups(min_members))
    _show(rows, GROUP_COLUMNS, fmt, f"{len(rows)} claim groups")


@app.command()
def conflicts(
    db: DbOption = Path(DEFAULT_DB),
    sums: Annotated[
        bool, typer.Option("--sums/--no-sums", help="Also list running totals that add up.")
    ] = True,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Figures that disagree across sources, and running totals ("another 3 000") checked.

    Example: claimledger conflicts --no-sums --format json --db ledger.db
    """
    rows = _ledger_call(db, lambda ledger: ledger.conflicts(include_sums=sums))
    _show(rows, FINDING_COLUMNS, fmt, f"{len(rows)} findings")


@app.command()
def timeline(
    target: Annotated[str, typer.Argument(help="An entity (id, name or alias) or group:ID.")],
    db: DbOption = Path(DEFAULT_DB),
    by: Annotated[str, typer.Option(help="Order by 'event' time or 'report' time.")] = "event",
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Claims about an entity, or the members of a claim group, in time order.

    Example: claimledger timeline "North Korea" --by report --db ledger.db
    """
    kind, _, number = target.partition(":")
    if kind == "group" and number.isdigit():
        rows = _ledger_call(db, lambda ledger: ledger.group_timeline(int(number), by))
    else:
        rows = _ledger_call(db, lambda ledger: ledger.timeline(target, by))
    _show(rows, TIMELINE_COLUMNS, fmt, f"{target}: {len(rows)} claims by {by} time")


@app.command()
def sources(
    entity: Annotated[str, typer.Argument(help="An entity: id, name or alias.")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Who says what about an entity: one row per source with its claims and figures.

    Example: claimledger sources "North Korea" --db ledger.db
    """
    rows = _ledger_call(db, lambda ledger: ledger.sources(entity))
    _show(rows, SOURCE_COLUMNS, fmt, f"sources on {entity}")


@app.command()
def regroup(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Rebuild entities, claim groups and conflicts from the stored articles; edits are kept.

    Example: claimledger regroup --db ledger.db
    """
    n = _ledger_call(db, lambda ledger: ledger.regroup())
    out.print(escape(f"{n} articles regrouped in {db}"))


@entities_app.callback()
def entities(
    ctx: typer.Context,
    db: DbOption = Path(DEFAULT_DB),
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List canonical entities with aliases, or correct them with a sub-command.

    Example: claimledger entities --db ledger.db
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = _ledger_call(db, lambda ledger: ledger.entities())
    _show(rows, ENTITY_COLUMNS, fmt, f"{len(rows)} entities")


@entities_app.command("merge")
def entities_merge(
    keep: Annotated[str, typer.Argument(help="The entity to keep (id, name or alias).")],
    other: Annotated[str, typer.Argument(help="The entity that is the same as KEEP.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Merge OTHER into KEEP; groups are updated and the merge survives later ingests.

    Example: claimledger entities merge person:sergei-shoigu person:sergey-shoygu --db ledger.db
    """
    _ledger_call(db, lambda ledger: ledger.merge_entities(keep, other))
    out.print(escape(f"merged {other} into {keep}"))


@entities_app.command("split")
def entities_split(
    entity: Annotated[str, typer.Argument(help="The entity OTHER was merged with.")],
    other: Annotated[str, typer.Argument(help="The entity id to take apart again.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Split OTHER from ENTITY (undo a merge or an automatic match); it is never matched again.

    Example: claimledger entities split person:kim-jong-un person:kim-jong-il --db ledger.db
    """
    _ledger_call(db, lambda ledger: ledger.split_entity(entity, other))
    out.print(escape(f"split {other} from {entity}"))


@entities_app.command("alias")
def entities_alias(
    entity: Annotated[str, typer.Argument(help="The entity (id, name or alias).")],
    alias: Annotated[str, typer.Argument(help="Another name of it, as written in articles.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Add a name for an entity; mentions written that way resolve to it from now on.

    Example: claimledger entities alias person:sergei-shoigu "Sergey Shoygu" --db ledger.db
    """
    _ledger_call(db, lambda ledger: ledger.alias_entity(entity, alias))
    out.print(escape(f"{alias!r} now names {entity}"))


class TableFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"


@app.command()
def tables(
    output: Annotated[Path, typer.Option("--out", help="Folder for one file per table.")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="csv, or parquet (needs claimledger[parquet]).")
    ] = TableFormat.csv,
) -> None:
    """Export tables: articles, mentions, timexes, quantities, attributions, claims, groups.

    Example: claimledger tables --out out/tables --format parquet --db ledger.db
    """
    with _file_errors():
        written = _ledger_call(db, lambda ledger: ledger.export_tables(output, fmt.value))
    err.print(f"{len(written)} tables → {output}")


def _document(ledger: Ledger, article: str) -> Document:
    document = ledger.document(article)
    if document is None:
        raise fail(f"no article {article!r}; list them with `claimledger articles`")
    return document


@app.command()
def timeml(
    article: Annotated[str, typer.Argument(help="Article id or a unique prefix of it.")],
    db: DbOption = Path(DEFAULT_DB),
    output: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
) -> None:
    """Write one article as TimeML: its creation time and TIMEX3-tagged time expressions.

    Example: claimledger timeml 3a7b3f --out seed.tml --db ledger.db
    """
    document = _ledger_call(db, lambda ledger: _document(ledger, article))
    _write_or_print(timeml_text(document), output)


@app.command()
def brat(
    article: Annotated[str, typer.Argument(help="Article id or a unique prefix of it.")],
    output: Annotated[Path, typer.Option("--out", help="Folder for ID.txt and ID.ann.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Write one article's attributions as brat standoff (source, cue, content spans).

    Example: claimledger brat 3a7b3f --out out/brat --db ledger.db
    """
    document = _ledger_call(db, lambda ledger: _document(ledger, article))
    text, ann = brat_files(document)
    stem = output / document.article.id
    with _file_errors():
        output.mkdir(parents=True, exist_ok=True)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
        stem.with_suffix(".ann").write_text(ann, encoding="utf-8")
    err.print(f"{stem}.txt, {stem}.ann")


@app.command()
def events(
    db: DbOption = Path(DEFAULT_DB),
    output: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
) -> None:
    """Every claim as a PLOVER-style event (JSON Lines): type, mode, actors, dates, source.

    Example: claimledger events --out events.jsonl --db ledger.db
    """
    records = _ledger_call(db, lambda ledger: ledger.events())
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    _write_or_print(lines, output)


def _write_or_print(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        with _file_errors():
            output.write_text(text, encoding="utf-8")
        err.print(f"→ {output}")


@contextmanager
def _file_errors() -> Iterator[None]:
    """An output path that cannot be written is a clear error, not a traceback."""
    try:
        yield
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise fail(f"{where}{error.strerror or error}") from None


# Evaluation commands: each scorer module has run(gold, out, errors) -> dict.
def _run_eval(module: str, gold: Path, output: Path, errors: bool) -> None:
    if not gold.exists():
        raise fail(f"{gold}: no such file or directory")
    scorer = importlib.import_module(f"claimledger.eval.{module}")
    result: dict[str, Any] = scorer.run(gold, output, errors=errors)
    _print_json(result)


ErrorsOption = Annotated[bool, typer.Option("--errors", help="List misses and wrong values.")]


@eval_app.command("timeml")
def eval_timeml(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of TimeML .tml files.")],
    output: Annotated[Path, typer.Option("--out", help="Folder for system .tml files.")],
    errors: ErrorsOption = False,
) -> None:
    """Tag TimeML documents and score TIMEX3 spans, types and values (TempEval-3).

    Example: claimledger eval timeml ../shared/data/tempeval3/TimeBank --out out/tb
    """
    _run_eval("timeml", gold_dir, output, errors)


@eval_app.command("newsquant")
def eval_newsquant(
    gold: Annotated[Path, typer.Argument(help="NewsQuant JSON file.")],
    output: Annotated[Path, typer.Option("--out", help="Predictions JSON file to write.")],
    errors: ErrorsOption = False,
) -> None:
    """Tag NewsQuant sentences and score values, units and changes as CQE does.

    Example: claimledger eval newsquant ../shared/data/newsquant/dev.json --out out/pred.json
    """
    _run_eval("newsquant", gold, output, errors)


@eval_app.command("polnear")
def eval_polnear(
    data_dir: Annotated[
        Path, typer.Argument(help="PolNeAR split folder with text/ and attributions/.")
    ],
    output: Annotated[Path, typer.Option("--out", help="Folder for system brat .ann files.")],
    errors: ErrorsOption = False,
) -> None:
    """Tag PolNeAR texts and score cue, source and content spans (exact and overlap).

    Example: claimledger eval polnear ../shared/data/polnear/dev --out out/polnear
    """
    _run_eval("polnear", data_dir, output, errors)


@eval_app.command("polnear-agreement")
def eval_polnear_agreement(
    data_dir: Annotated[
        Path, typer.Argument(help="PolNeAR split folder with text/ and attributions/.")
    ],
) -> None:
    """Score PolNeAR's annotators against each other on its agreement set (a ceiling), and
    this system against each of them.

    Example: claimledger eval polnear-agreement ../shared/data/polnear/train
    """
    from claimledger.eval.polnear import agreement

    if not data_dir.exists():
        raise fail(f"{data_dir}: no such file or directory")
    try:
        result = agreement(data_dir)
    except ValueError as error:
        raise fail(str(error)) from None
    _print_json(result)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _print_rows(
    rows: list[dict[str, Any]], columns: Sequence[str], fmt: ListFormat, title: str
) -> None:
    if fmt is ListFormat.json:
        _print_json(rows)
    elif fmt is ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    else:
        out.print(listing_table(title, rows, columns))


def main() -> None:
    app()


__all__ = ["app", "main"]
