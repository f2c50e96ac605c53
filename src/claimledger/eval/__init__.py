"""Scorers and corpus readers for the evaluation sets (TimeML, NewsQuant, PolNeAR)."""
