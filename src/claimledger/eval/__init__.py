"""Scorers and corpus readers for the evaluation sets (TimeML, NewsQuant, PolNeAR)."""

from __future__ import annotations


def rates(hit_pred: int, hit_gold: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 as fractions: predictions that hit over predictions, gold items
    hit over gold items (the two hit counts differ when matching is not one to one)."""
    precision = hit_pred / predicted if predicted else 0.0
    recall = hit_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
