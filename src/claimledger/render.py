"""Terminal rendering of documents and listings with rich (used by the CLI)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimledger.model import LAYERS, Attribution, Claim, Document

# Highlight style per layer in the article text; later layers paint over earlier ones.
LAYER_STYLES: dict[str, str] = {
    "mentions": "bold cyan",
    "timexes": "green",
    "quantities": "bold magenta",
    "cues": "yellow underline",
}

MAX_CELL = 80


def highlighted_text(document: Document) -> Text:
    """The article text with mentions, times, quantities and attribution cues highlighted."""
    text = Text(document.article.text)
    for record in document.mentions:
        text.stylize(LAYER_STYLES["mentions"], record.start, record.end)
    for timex in document.timexes:
        text.stylize(LAYER_STYLES["timexes"], timex.start, timex.end)
    for quantity in document.quantities:
        text.stylize(LAYER_STYLES["quantities"], quantity.start, quantity.end)
    for attribution in document.attributions:
        text.stylize(LAYER_STYLES["cues"], attribution.cue.start, attribution.cue.end)
    return text


def legend() -> Text:
    out = Text("highlights: ")
    for name, style in LAYER_STYLES.items():
        out.append(name, style=style)
        out.append("  ")
    return out


def render_document(document: Document, with_text: bool = True) -> RenderableType:
    """A readable view: header, highlighted text, then one table per non-empty layer."""
    article = document.article
    header = Text()
    header.append(article.title or "(untitled)", style="bold")
    header.append(f"\nid {article.id}  published {article.published or 'unknown'}")
    header.append(f" ({article.published_source})")
    if article.published_guess:
        header.append(f"  guessed date {article.published_guess}")
    if article.source:
        header.append(f"  source {article.source}")
    if article.url:
        header.append(f"\n{article.url}")
    parts: list[RenderableType] = [header]
    if with_text:
        parts += [legend(), Panel(highlighted_text(document), expand=True)]
    parts.append(Text(_counts_line(document)))
    for table in layer_tables(document):
        parts.append(table)
    return Group(*parts)


def _counts_line(document: Document) -> str:
    return "  ".join(f"{len(document.layer(name))} {name}" for name in LAYERS)


def layer_tables(document: Document) -> list[RenderableType]:
    tables: list[RenderableType] = []
    if document.claims:
        tables.append(claims_view(document))
    if document.attributions:
        tables.append(
            text_table(
                "Attributions",
                ("id", "source", "cue", "stance", "type", "cites", "content"),
                (
                    (
                        a.id,
                        _source_label(a),
                        a.cue.text,
                        a.stance,
                        a.source_type or "",
                        a.cites or "",
                        _cut(a.content.text if a.content else ""),
                    )
                    for a in document.attributions
                ),
            )
        )
    if document.mentions:
        tables.append(
            text_table(
                "Mentions",
                ("text", "label", "entity", "role"),
                ((m.text, m.label, m.entity or "", m.role or "") for m in document.mentions),
            )
        )
    if document.timexes:
        tables.append(
            text_table(
                "Time expressions",
                ("text", "type", "value", "anchor"),
                ((t.text, t.type, t.value, t.anchor or "") for t in document.timexes),
            )
        )
    if document.quantities:
        tables.append(
            text_table(
                "Quantities",
                ("text", "value", "interval", "bound", "unit", "item", "change"),
                (
                    (
                        q.text,
                        _num(q.value),
                        f"{_num(q.low)} – {_num(q.high)}",
                        q.bound + (" ~" if q.approx and q.bound != "~" else ""),
                        q.normalized_unit or q.unit or "",
                        q.item or "",
                        q.change or "",
                    )
                    for q in document.quantities
                ),
            )
        )
    return tables


def _source_label(attribution: Attribution) -> str:
    source = attribution.source
    if source is None:
        return "—"
    return f"{source.text} [{source.entity}]" if source.entity else source.text


def claims_view(document: Document) -> RenderableType:
    """Claims readably, one block each: who, what, how many, when, where, according to whom."""
    names = entity_names(document)
    blocks: list[RenderableType] = [Text("Claims", style="bold underline")]
    for claim in document.claims:
        blocks.append(claim_block(document, claim, names))
    return Group(*blocks)


def entity_names(document: Document) -> dict[str, str]:
    """Canonical name of each entity id mentioned in the document."""
    return {m.entity: m.name or m.text for m in document.mentions if m.entity}


def claim_block(document: Document, claim: Claim, names: dict[str, str]) -> Text:
    out = Text()
    out.append(f"{claim.id} ", style="dim")
    out.append(claim.type, style="bold")
    out.append(f" ({claim.modality})  ")
    if claim.quantity is not None and claim.quantity < len(document.quantities):
        out.append(document.quantities[claim.quantity].text, style=LAYER_STYLES["quantities"])
        out.append(" ")
    if claim.item:
        out.append(f"[{claim.item}]")
    for role in ("agent", "source", "recipient", "target"):
        actors = [names.get(a.entity, a.entity) for a in claim.actors if a.role == role]
        if actors:
            out.append(f"\n    {role}: ")
            out.append(", ".join(actors), style=LAYER_STYLES["mentions"])
    when = _timex_text(document, claim.time)
    if when:
        out.append("\n    when: ")
        out.append(when, style=LAYER_STYLES["timexes"])
    said = _timex_text(document, claim.report_time)
    if said:
        out.append(f"\n    reported: {said}")
    if claim.place:
        out.append(f"\n    where: {names.get(claim.place, claim.place)}")
    chain = attribution_chain(document, claim.attribution, names)
    if chain:
        out.append(f"\n    according to: {chain}")
    for piece in claim.evidence:
        quote = _cut(document.article.text[piece.start : piece.end], 160)
        out.append(f"\n    evidence: “{quote}”")
    return out


def attribution_chain(
    document: Document, attribution_id: str | None, names: dict[str, str] | None = None
) -> str:
    """'NHK, citing diplomatic sources' for an attribution and the ones it cites."""
    names = names if names is not None else entity_names(document)
    by_id = {a.id: a for a in document.attributions}
    parts: list[str] = []
    seen: set[str] = set()
    current = by_id.get(attribution_id or "")
    while current is not None and current.id not in seen:
        seen.add(current.id)
        source = current.source
        if source is None:
            parts.append("(unnamed source)")
        elif source.entity and source.entity in names and names[source.entity] != source.text:
            parts.append(f"{source.text} ({names[source.entity]})")
        else:
            parts.append(source.text)
        current = by_id.get(current.cites or "")
    return ", citing ".join(parts)


def _timex_text(document: Document, index: int | None) -> str:
    if index is None or index >= len(document.timexes):
        return ""
    timex = document.timexes[index]
    return f"{timex.text} = {timex.value}"


def listing_table(title: str, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> Table:
    return text_table(
        title, columns, ((_cut(_cell(row.get(col))) for col in columns) for row in rows)
    )


def text_table(title: str, columns: Sequence[str], rows: Iterable[Iterable[str]]) -> Table:
    """A table of plain-text cells: article text such as "[/b]" or "[country:PRK]" is not
    rich markup."""
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def _cut(value: str, limit: int = MAX_CELL) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
