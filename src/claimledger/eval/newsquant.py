"""NewsQuant evaluation: tag each sentence, write predictions in the gold's format, score them.

Scoring follows the conventions of CQE's published evaluation (Almasian et al., EMNLP 2023): a
predicted value equals a gold value within a relative tolerance of 1e-5 (absolute 1e-8); a
range "a-b" is a pair compared element-wise and never equals a single value; units are compared
lower-cased on the normalized name; P = correct / predicted and R = correct / gold, pooled over
all sentences. Our matching is one-to-one (each prediction matches at most one gold quantity);
`score` also reports, under "cqe", the counts of CQE's own script, which can credit one
prediction more than once; see docs/quantities.md.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from claimledger.eval import rates
from claimledger.model import Quantity
from claimledger.nlp.quantity import find_quantities
from claimledger.nlp.quantity_lexicon import hedges, newsquant_lemmas, newsquant_unit_names

Value = float | tuple[float, float]

_CHANGES = {"~": "~", "<": "<", "<=": "<", ">": ">", ">=": ">"}


def parse_value(value: Any) -> Value:
    """A NewsQuant value: a number, or 'a-b' for a range (a leading '-' is a sign)."""
    if isinstance(value, (int, float)):
        return float(value)
    written = str(value).strip()
    if "-" in written[1:] and "e" not in written.lower():
        cut = written.index("-", 1)
        return float(written[:cut]), float(written[cut + 1 :])
    return float(written)


def values_match(gold: Value, predicted: Value) -> bool:
    """Equal within rtol 1e-5 / atol 1e-8, pairs element-wise; a pair never equals a number."""
    if isinstance(gold, tuple) != isinstance(predicted, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(predicted, tuple):
        return all(_close(g, p) for g, p in zip(gold, predicted, strict=True))
    assert isinstance(gold, float) and isinstance(predicted, float)
    return _close(gold, predicted)


def _close(gold: float, predicted: float) -> bool:
    # numpy's isclose(gold, predicted) as CQE calls it: the relative part scales the prediction
    return math.isclose(predicted, gold, rel_tol=0.0, abs_tol=1e-8 + 1e-5 * abs(predicted))


def newsquant_unit(normalized: str | None, item: str | None) -> str:
    """Our normalized_unit in NewsQuant's names ('USD per gram' -> 'dollar per gram'); the counted
    thing stands in for a unit, as NewsQuant annotates it; '-' when there is neither."""
    thing = _newsquant_item(item) if item else None
    if normalized and normalized.startswith("per ") and thing:
        return f"{thing} {normalized}"  # "three thousand tests per day"
    if normalized:
        table = newsquant_unit_names()
        return " per ".join(table.get(part, part) for part in normalized.split(" per "))
    return thing or "-"


def _newsquant_item(item: str) -> str:
    lemmas = newsquant_lemmas()
    return " ".join(lemmas.get(word, word) for word in item.lower().split())


def newsquant_change(quantity: Quantity) -> str:
    """NewsQuant folds bound and direction into one field; a bound wins over a direction."""
    if quantity.change and quantity.bound == "<":
        # "up nearly 57%", "rose under 4%": NewsQuant keeps the direction under a strict upper
        # hedge; "up to" and lower bounds ("climbed more than 3%") keep the bound
        return quantity.change
    if quantity.bound in _CHANGES:
        return _CHANGES[quantity.bound]
    if quantity.bound == "range":
        # "~25 - 40min", "about 14-18 mpg": a hedged range is approximate; a "from" range's
        # direction only orders its written value; "dropped by 1 to 1.5 degrees" is a fall
        if _hedged(quantity.text):
            return "~"
        return "=" if quantity.text.lower().startswith("from") else quantity.change or "="
    return quantity.change or "="


def _hedged(text: str) -> bool:
    """Whether text opens with an approximating hedge ('about', '~')."""
    lowered = text.lower()
    return any(
        lowered.startswith(h.text.lower()) and h.position == "before" and h.bound == "~"
        for h in hedges()
    )


def to_newsquant(quantity: Quantity) -> dict[str, Any]:
    """One prediction in the gold's own format."""
    if quantity.bound == "range" and quantity.low is not None and quantity.high is not None:
        # A range is written in the order of its wording: "from 208 to 193" -> "208-193";
        # only a "from" range is ever written downwards.
        downwards = quantity.change == "down" and quantity.text.lower().startswith("from")
        edges = (quantity.high, quantity.low) if downwards else None
        low, high = edges or (quantity.low, quantity.high)
        value: Any = f"{low}-{high}"
    else:
        value = quantity.value
    normalized = newsquant_unit(quantity.normalized_unit, quantity.item)
    if _is_share(quantity):
        # NewsQuant names a share "% <whole>": "a third of the population" -> "% population".
        normalized = f"% {normalized}"
    return {
        "value": value,
        "unit": quantity.unit or quantity.item or "-",
        "normalized_unit": normalized,
        "change": newsquant_change(quantity),
    }


def _is_share(quantity: Quantity) -> bool:
    """A unit-less amount below one: a fraction of a whole ('two-thirds of', 'one in three')."""
    value = quantity.value
    return quantity.normalized_unit is None and value is not None and 0 < value < 1


def predict(text: str) -> list[dict[str, Any]]:
    """The quantities of one sentence in NewsQuant's format."""
    found = find_quantities(text)
    return [to_newsquant(q) for q in found if q.value is not None or q.low is not None]


def score(
    gold: Sequence[Sequence[dict[str, Any]]], predicted: Sequence[Sequence[dict[str, Any]]]
) -> dict[str, Any]:
    """Value, value+unit and value+change P/R/F1 over parallel lists of per-sentence quantities."""
    counts = {"value": 0, "value+unit": 0, "value+change": 0}
    cqe_counts = dict(counts)
    total_gold = sum(len(g) for g in gold)
    total_pred = sum(len(p) for p in predicted)
    for gold_quantities, pred_quantities in zip(gold, predicted, strict=True):
        for kind, hit in _match_sentence(gold_quantities, pred_quantities).items():
            counts[kind] += hit
        for kind, hit in _match_sentence_as_cqe(gold_quantities, pred_quantities).items():
            cqe_counts[kind] += hit
    out: dict[str, Any] = {"sentences": len(gold), "gold": total_gold, "predicted": total_pred}
    for kind, correct in counts.items():
        out[kind] = _prf(correct, total_gold, total_pred)
    out["cqe"] = {kind: _prf(c, total_gold, total_pred) for kind, c in cqe_counts.items()}
    return out


def _match_sentence(
    gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]
) -> dict[str, int]:
    """Greedy one-to-one matching: each gold (in unit order) takes the first unused prediction
    with an equal value, preferring one whose unit also matches."""
    hits = {"value": 0, "value+unit": 0, "value+change": 0}
    unused = list(predicted)
    for g in sorted(gold, key=lambda q: str(q["normalized_unit"]).lower()):
        g_value = parse_value(g["value"])
        g_unit = str(g["normalized_unit"]).lower()
        same_value = [p for p in unused if values_match(g_value, parse_value(p["value"]))]
        if not same_value:
            continue
        same_unit = [p for p in same_value if str(p["normalized_unit"]).lower() == g_unit]
        chosen = (same_unit or same_value)[0]
        unused.remove(chosen)
        hits["value"] += 1
        hits["value+unit"] += bool(same_unit)
        hits["value+change"] += chosen["change"] == g["change"]
    return hits


def _match_sentence_as_cqe(
    gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]
) -> dict[str, int]:
    """The counting of CQE's published script: golds and predictions in normalized-unit order;
    for each gold, every unused prediction with an equal value earns a value hit (at most as
    many per sentence as there are golds) and a change hit when its change is equal, until one
    whose unit also matches earns the unit hit and is used up."""
    hits = {"value": 0, "value+unit": 0, "value+change": 0}
    unused = sorted(predicted, key=lambda q: str(q["normalized_unit"]))
    value_credit = len(gold)
    for g in sorted(gold, key=lambda q: str(q["normalized_unit"])):
        g_value = parse_value(g["value"])
        for p in list(unused):
            if not values_match(g_value, parse_value(p["value"])):
                continue
            if value_credit > 0:
                hits["value"] += 1
                value_credit -= 1
            hits["value+change"] += p["change"] == g["change"]
            if str(p["normalized_unit"]).lower() == str(g["normalized_unit"]).lower():
                hits["value+unit"] += 1
                unused.remove(p)
                break
    return hits


def _prf(correct: int, total_gold: int, total_pred: int) -> dict[str, float]:
    precision, recall, f1 = rates(correct, correct, total_pred, total_gold)
    return {"p": round(100 * precision, 1), "r": round(100 * recall, 1), "f1": round(100 * f1, 1)}


def load(gold: Path) -> list[dict[str, Any]]:
    data = json.loads(gold.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all("text" in x and "quantities" in x for x in data):
        raise ValueError(f"{gold}: expected a NewsQuant JSON list of {{text, quantities}} objects")
    return data


def evaluate(examples: Iterable[dict[str, Any]], errors: bool = False) -> dict[str, Any]:
    """Tag and score examples; with errors, list each sentence whose quantities differ."""
    examples = list(examples)
    predictions = [predict(example["text"]) for example in examples]
    metrics = score([e["quantities"] for e in examples], predictions)
    metrics["predictions"] = [
        {"text": e["text"], "quantities": p} for e, p in zip(examples, predictions, strict=True)
    ]
    if errors:
        metrics["errors"] = [
            {"text": e["text"], "gold": e["quantities"], "predicted": p}
            for e, p in zip(examples, predictions, strict=True)
            if _match_sentence(e["quantities"], p)["value+unit"] != len(e["quantities"])
            or len(p) != len(e["quantities"])
        ]
    return metrics


def run(gold: Path, out: Path, errors: bool = False) -> dict[str, Any]:
    """Tag every sentence of a NewsQuant file, write predictions to out, return the metrics."""
    metrics = evaluate(load(gold), errors=errors)
    predictions = metrics.pop("predictions")
    out.write_text(json.dumps(predictions, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return metrics
