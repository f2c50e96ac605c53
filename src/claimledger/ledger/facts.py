"""Claim facts: one flat record per claim (or stated total) with everything grouping needs.

A fact keeps raw entity ids as the article's analysis found them; canonical ids (after
cross-article resolution and user merges) are applied when facts are grouped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

from claimledger.ledger.rules import LedgerRules, ledger_rules
from claimledger.model import Attribution, Claim, Document, Mention, Quantity, SpanRef

# Roles that give (or act); recipients and targets are shown but do not key a group.
GIVER_ROLES = frozenset({"agent", "source"})
SOURCE_LABELS = frozenset({"PERSON", "ORG"})
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_TIMEX_DATE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|(?P<season>SP|SU|FA|WI)"
    r"|Q(?P<quarter>[1-4])|W(?P<week>\d{2})))?(?:T.*)?$"
)


@dataclass(slots=True)
class Fact:
    """A claim as the ledger sees it, flat and JSON-serialisable."""

    article_id: str
    claim_id: str
    kind: str  # "claim", or "total" for a stated total no claim carries
    type: str
    family: str
    actors: list[tuple[str, str]]
    item: str | None
    item_class: str
    place: str | None
    modality: str
    planned: bool
    text: str
    published: str | None
    title: str | None
    outlet: str  # the article's own source key: its outlet, or the article it copies
    outlet_name: str
    quantity_text: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    increment: bool = False
    total: bool = False
    measure: str | None = None  # what the figure counts: killed, wounded, displaced ...
    rate: bool = False  # a figure per day, week, month or year
    event: str | None = None
    event_text: str | None = None
    event_start: str | None = None
    event_end: str | None = None
    report: str | None = None
    report_start: str | None = None
    report_end: str | None = None
    source: str | None = None  # who says it, as written or as the entity's name
    source_entity: str | None = None
    cited_by: str | None = None  # the intermediary that cites the source, if any

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["actors"] = [list(pair) for pair in self.actors]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        data = dict(data)
        data["actors"] = [(str(e), str(r)) for e, r in data.get("actors", [])]
        return cls(**data)

    @property
    def has_figure(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def date(self) -> str | None:
        """When it happened if known, else when it was reported (for ordering and filters)."""
        return self.event_start or self.report_start


def timex_interval(value: str | None) -> tuple[str, str] | None:
    """First and last day an ISO-like TIMEX3 date value covers; None for what is not a date."""
    if not value:
        return None
    match = _TIMEX_DATE.match(value)
    if not match:
        return None
    year = int(match["year"])
    if match["day"]:
        day = dt.date(year, int(match["month"]), int(match["day"]))
        return day.isoformat(), day.isoformat()
    if match["month"]:
        month = int(match["month"])
        return _months(year, month, month)
    if match["season"]:
        first, last = _SEASONS[match["season"]]
        return _months(year, first, last)
    if match["quarter"]:
        quarter = int(match["quarter"])
        return _months(year, 3 * quarter - 2, 3 * quarter)
    if match["week"]:
        monday = dt.date.fromisocalendar(year, int(match["week"]), 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def _months(year: int, first: int, last: int) -> tuple[str, str]:
    # Month 13+ runs into the next year (winter is December to February).
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    last_day = calendar.monthrange(end_year, end_month)[1]
    return dt.date(year, first, 1).isoformat(), dt.date(end_year, end_month, last_day).isoformat()


def singular(word: str) -> str:
    """A plain English singular for counted nouns (enough for the item table's keys)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def item_class(item: str | None, rules: LedgerRules | None = None) -> str:
    """The class of a counted thing: its longest word suffix in the item table, else itself."""
    if not item:
        return ""
    table = (rules or ledger_rules()).item_classes
    words = re.findall(r"[a-z0-9]+", item.casefold())
    if not words:
        return ""
    words[-1] = words[-1] if words[-1] in table else singular(words[-1])
    for size in range(len(words), 0, -1):
        found = table.get(" ".join(words[-size:]))
        if found:
            return found
    return " ".join(words)


_WORD_OR_MARK = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[,;:.!?()\[\]—–-]")
_CLAUSE_JOINS = frozenset({"and", "or", "but", "while", "whereas", "as"})
# "a year ago", "a day earlier": a time before or after, not a rate
_NOT_RATE_AFTER = frozenset({"ago", "earlier", "later", "after", "before", "prior", "since"})


def figure_measure(before: str, after: str, measures: dict[str, str]) -> str | None:
    """What a figure counts, from an outcome word beside it in its clause: after it first
    ("two soldiers killed and three wounded", "forced 1.5 million people to flee"), else before
    it ("killed an estimated five million people", "claimed the lives of about 14,000"). A
    mark, another figure or a clause join ("killed 5 and damaged 20 buildings") ends the look."""
    for word in _WORD_OR_MARK.findall(after)[:4]:
        lower = word.casefold()
        if not lower[0].isalpha() or lower in _CLAUSE_JOINS:
            break
        if lower in measures:
            return measures[lower]
    for word in reversed(_WORD_OR_MARK.findall(before)[-6:]):
        lower = word.casefold()
        if not lower[0].isalpha() or lower in _CLAUSE_JOINS:
            break
        if lower in measures:
            return measures[lower]
    return None


def is_rate(after: str, rate_words: tuple[str, ...]) -> bool:
    """A figure per unit of time: "1,000 Russian troops every day", "$1 billion a month"; not
    "40 people a year ago"."""
    words: list[str] = []
    for word in _WORD_OR_MARK.findall(after)[:7]:
        if not word[0].isalpha():
            break
        words.append(word.casefold())
    clause = f" {' '.join(words)} "
    for phrase in rate_words:
        at = clause.find(f" {phrase} ")
        if at >= 0:
            following = clause[at + len(phrase) + 2 :].split()
            if not following or following[0] not in _NOT_RATE_AFTER:
                return True
    return False


def _ends_with_cue(before: str, cues: tuple[str, ...]) -> bool:
    lowered = before.casefold().rstrip()
    return any(re.search(rf"(?:^|\W){re.escape(cue)}$", lowered) for cue in cues)


def _contains_cue(text: str, cues: tuple[str, ...]) -> bool:
    lowered = text.casefold()
    return any(re.search(rf"(?:^|\W){re.escape(cue)}(?:\W|$)", lowered) for cue in cues)


class FactBuilder:
    """Builds the facts of one document; ``outlet`` is its source key when nobody is cited."""

    def __init__(
        self,
        document: Document,
        outlet: str,
        outlet_name: str,
        rules: LedgerRules | None = None,
    ) -> None:
        self.document = document
        self.outlet, self.outlet_name = outlet, outlet_name
        self.rules = rules or ledger_rules()
        self._attributions = {a.id: a for a in document.attributions}

    def build(self) -> list[Fact]:
        facts = [self._claim_fact(claim) for claim in self.document.claims]
        facts += self._stated_totals(facts)
        return facts

    # --- one claim -----------------------------------------------------------------------------

    def _claim_fact(self, claim: Claim) -> Fact:
        article = self.document.article
        fact = Fact(
            article_id=article.id,
            claim_id=claim.id,
            kind="claim",
            type=claim.type,
            family=self.rules.type_families.get(claim.type, claim.type),
            actors=[(actor.entity, actor.role) for actor in claim.actors],
            item=claim.item,
            item_class=item_class(claim.item, self.rules),
            place=claim.place,
            modality=claim.modality,
            planned=claim.modality in self.rules.planned_modalities,
            text=claim.text,
            published=article.published,
            title=article.title,
            outlet=self.outlet,
            outlet_name=self.outlet_name,
        )
        if claim.quantity is not None and 0 <= claim.quantity < len(self.document.quantities):
            self._set_figure(fact, self.document.quantities[claim.quantity])
        if claim.time is not None and 0 <= claim.time < len(self.document.timexes):
            self._set_event(fact, claim.time)
        self._set_report(fact, claim.report_time)
        self._set_source(fact, self._attributions.get(claim.attribution or ""))
        return fact

    def _set_figure(self, fact: Fact, quantity: Quantity) -> None:
        fact.quantity_text = quantity.text
        fact.value = quantity.value
        fact.unit = quantity.normalized_unit or quantity.unit
        fact.low, fact.high = self.interval(quantity)
        sentence = self._sentence_of(quantity.start)
        before = self.document.article.text[sentence[0] : quantity.start]
        after = self.document.article.text[quantity.end : sentence[1]]
        fact.measure = figure_measure(before, after, self.rules.measures)
        fact.rate = is_rate(after, self.rules.rate_after)
        fact.increment = _ends_with_cue(before, self.rules.increment_before)
        fact.total = not fact.increment and (
            _ends_with_cue(before, self.rules.total_before)
            or _contains_cue(
                self.document.article.text[sentence[0] : sentence[1]],
                self.rules.total_in_sentence,
            )
        )

    def interval(self, quantity: Quantity) -> tuple[float | None, float | None]:
        """The figure as an interval: a range as given, a hedged figure widened as documented."""
        if quantity.bound == "range" and quantity.low is not None and quantity.high is not None:
            return quantity.low, quantity.high
        if quantity.value is None:
            return quantity.low, quantity.high
        bound = "~" if quantity.approx and quantity.bound == "=" else quantity.bound
        low_factor, high_factor = self.rules.hedge_intervals.get(bound, (1.0, 1.0))
        return quantity.value * low_factor, quantity.value * high_factor

    def _set_event(self, fact: Fact, index: int) -> None:
        timex = self.document.timexes[index]
        fact.event, fact.event_text = timex.value, timex.text
        span = timex_interval(timex.value) if timex.type == "DATE" else None
        if span:
            fact.event_start, fact.event_end = span

    def _set_report(self, fact: Fact, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.document.timexes):
            span = timex_interval(self.document.timexes[index].value)
            if span:
                fact.report = self.document.timexes[index].value
                fact.report_start, fact.report_end = span
                return
        published = self.document.article.published
        if published:
            fact.report = published[:10]
            fact.report_start = fact.report_end = published[:10]

    # --- who says it -------------------------------------------------------------------------

    def _set_source(self, fact: Fact, attribution: Attribution | None) -> None:
        if attribution is None or attribution.source is None:
            return
        name, entity = self._source_of(attribution)
        cited = self._attributions.get(attribution.cites or "")
        if cited is not None and cited.source is not None:
            cited_name, cited_entity = self._source_of(cited)
            # A named origin ("citing the National Intelligence Service") is the source;
            # an unnamed one ("citing intelligence") adds nothing the citer does not say.
            if cited_entity is not None:
                fact.cited_by = name
                name, entity = cited_name, cited_entity
        fact.source, fact.source_entity = name, entity

    def _source_of(self, attribution: Attribution) -> tuple[str, str | None]:
        source = attribution.source
        assert source is not None
        entity = source.entity
        mention = self._named_in(source) if entity is None else None
        if entity is None and mention is None:
            mention = self._named_near(attribution)
        if mention is not None:
            return mention.name or mention.text, mention.entity
        name = next((m.name for m in self.document.mentions if m.entity == entity), None)
        return name or source.text, entity

    def _named_in(self, span: SpanRef) -> Mention | None:
        return next(
            (
                m
                for m in self.document.mentions
                if m.entity and m.label in SOURCE_LABELS and span.start <= m.start < span.end
            ),
            None,
        )

    def _named_near(self, attribution: Attribution) -> Mention | None:
        """A person or organisation in the cue's sentence outside the content ("..., according
        to an investigation published by Reuters")."""
        start, end = self._sentence_of(attribution.cue.start)
        content = attribution.content
        for mention in self.document.mentions:
            if not (mention.entity and mention.label in SOURCE_LABELS):
                continue
            if not start <= mention.start < end:
                continue
            if content is not None and content.start <= mention.start < content.end:
                continue
            return mention
        return None

    # --- totals no claim carries -------------------------------------------------------------

    def _stated_totals(self, facts: list[Fact]) -> list[Fact]:
        """Figures stated as totals ("out of 15 000 fighters") of a thing the article's claims
        count: they join the claims' group so running sums can be checked against them."""
        used = {c.quantity for c in self.document.claims if c.quantity is not None}
        out: list[Fact] = []
        for index, quantity in enumerate(self.document.quantities):
            if index in used or not quantity.item:
                continue
            klass = item_class(quantity.item, self.rules)
            model = next((f for f in facts if f.item_class == klass and f.has_figure), None)
            if model is None:
                continue
            total = Fact.from_dict(model.to_dict())
            total.kind, total.claim_id = "total", f"{model.claim_id}.q{index}"
            total.item, total.event = quantity.item, None
            total.event_text = total.event_start = total.event_end = None
            self._set_figure(total, quantity)
            if not total.total:
                continue
            start, end = self._sentence_of(quantity.start)
            total.text = self.document.article.text[start:end]
            timex = next(
                (
                    i
                    for i, t in enumerate(self.document.timexes)
                    if start <= t.start < end and t.type == "DATE"
                ),
                None,
            )
            if timex is not None:
                self._set_event(total, timex)
            attribution = next(
                (
                    a
                    for a in self.document.attributions
                    if a.content and a.content.start <= quantity.start < a.content.end
                ),
                None,
            )
            total.source = total.source_entity = total.cited_by = None
            self._set_source(total, attribution)
            out.append(total)
        return out

    def _sentence_of(self, offset: int) -> tuple[int, int]:
        for sentence in self.document.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence.start, sentence.end
        return 0, len(self.document.article.text)
