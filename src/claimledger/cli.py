"""The `claimledger` command: parses arguments, calls the library, prints results."""

from __future__ import annotations

import csv
import importlib
import json
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from claimledger import __version__
from claimledger.api import parse_iso_date
from claimledger.ingest import ReadError, ReadOptions, expand_inputs, read_input
from claimledger.ledger import Ledger
from claimledger.ledger.core import ARTICLE_CSV_FIELDS, article_row_dict, write_article_csv
from claimledger.model import LAYERS
from claimledger.nlp.pipeline import process
from claimledger.render import listing_table, render_document
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
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def _read_options(date: str | None, columns: list[str] | None) -> ReadOptions:
    try:
        checked = parse_iso_date(date) if date else None
    except ValueError as error:
        raise fail(f"--date: {error}", 2) from None
    mapping: dict[str, str] = dict(ReadOptions().columns)
    for pair in columns or []:
        field, sep, column = pair.partition("=")
        if not sep or field not in {"title", "date", "text", "url", "source"}:
            raise fail(
                f"--column {pair!r}: expected FIELD=COLUMN with FIELD one of"
                " title, date, text, url, source",
                2,
            )
        mapping[field] = column
    return ReadOptions(date=checked, columns=mapping)


def _open_ledger(db: Path, must_exist: bool = True) -> Ledger:
    if must_exist and str(db) != ":memory:" and not db.exists():
        raise fail(f"no ledger at {db}: create one with `claimledger ingest PATH --db {db}`")
    try:
        return Ledger(db)
    except StoreError as error:
        raise fail(str(error)) from None


DateOption = Annotated[
    str | None,
    typer.Option(help="Publication date (YYYY-MM-DD) for inputs that do not state one."),
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
) -> None:
    """Analyse articles without storing them; JSON Lines, one claimledger/1 object per article.

    Example: claimledger analyze article.txt --date 2025-06-19 --format text
    """
    options = _read_options(date, column)
    failed = False
    for item in expand_inputs(paths):
        try:
            result = read_input(item, options)
        except ReadError as error:
            err.print(f"[red]error:[/red] {error}", highlight=False)
            failed = True
            continue
        for problem in result.problems:
            err.print(f"[yellow]skipped:[/yellow] {problem}", highlight=False)
            failed = True
        for article in result.articles:
            document = process(article)
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
) -> None:
    """Read, analyse and store articles in the ledger; bad inputs are listed at the end.

    Example: claimledger ingest ../shared/corpus/ukraine-news --db ledger.db --jobs 2
    """
    options = _read_options(date, column)
    items = expand_inputs(paths)
    ledger = _open_ledger(db, must_exist=False)
    with ledger, _progress() as progress:
        task = progress.add_task("ingesting", total=len(items))
        report = ledger.ingest(
            items, options, jobs=jobs, on_item=lambda _item: progress.advance(task)
        )
    out.print(
        f"{report.count('added')} added, {report.count('near_duplicate')} near-duplicates linked,"
        f" {report.count('duplicate')} already in the ledger, {len(report.problems)} failed"
        f" → {db}"
    )
    if report.problems:
        err.print(f"[red]{len(report.problems)} input(s) failed:[/red]")
        for problem in report.problems:
            err.print(f"  {problem}", highlight=False)
        raise typer.Exit(1)


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
            with output.open("w", encoding="utf-8", newline="") as handle:
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
        documents = [ledger.document(row.id) for row in rows[:5]]
    out.print(f"[bold]{db}[/bold]: " + ", ".join(f"{n} {name}" for name, n in stats.items()))
    dicts = [article_row_dict(row) for row in rows]
    columns = ["published", "source", "title", *LAYERS]
    out.print(listing_table(f"{len(rows)} articles", dicts, columns))
    for document in documents:
        if document is not None:
            out.print(render_document(document, with_text=False))


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


__all__ = ["ARTICLE_CSV_FIELDS", "app", "main"]
