"""Data files the components read: rules, cue words, gazetteers."""

from __future__ import annotations

from functools import cache
from importlib import resources


def read_text(relative: str) -> str:
    """The text of a resource file, e.g. ``read_text("en/abbreviations.txt")``."""
    return resources.files(__package__).joinpath(relative).read_text(encoding="utf-8")


@cache
def read_lines(relative: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a resource file, stripped."""
    lines = (line.strip() for line in read_text(relative).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))
