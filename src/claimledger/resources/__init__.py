"""Data files the components read: rules, cue words, gazetteers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any, Protocol, TypeVar


def read_text(relative: str) -> str:
    """The text of a resource file, e.g. ``read_text("en/abbreviations.txt")``."""
    return resources.files(__package__).joinpath(relative).read_text(encoding="utf-8")


def read_json(relative: str) -> Any:
    """The parsed JSON of a resource file, e.g. ``read_json("en/claims/words.json")``."""
    return json.loads(read_text(relative))


@cache
def read_lines(relative: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a resource file, stripped."""
    lines = (line.strip() for line in read_text(relative).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def check_keys(
    data: Any,
    allowed: Sequence[str],
    where: str,
    *,
    required: Sequence[str] = (),
    error: type[ValueError] = ValueError,
) -> None:
    """Reject a data-file object with a key outside `allowed` or without one of `required`.

    The message names the place and the allowed keys, so a typo fails when the pipeline is
    built rather than halfway through a corpus.
    """
    if not isinstance(data, dict):
        raise error(f"{where}: expected a mapping with keys {', '.join(allowed)}")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise error(f"{where}: unknown keys {unknown}; allowed are {', '.join(allowed)}")
    missing = [key for key in required if key not in data]
    if missing:
        raise error(f"{where}: missing keys {missing}")


class _HasForms(Protocol):
    @property
    def forms(self) -> Sequence[tuple[str, ...]]: ...


Entry = TypeVar("Entry", bound=_HasForms)


def index_forms(entries: Iterable[Entry]) -> dict[tuple[str, ...], Entry]:
    """Every word form (a lower-cased word tuple) of the entries to its entry; the first entry
    listing a form wins."""
    table: dict[tuple[str, ...], Entry] = {}
    for entry in entries:
        for form in entry.forms:
            table.setdefault(form, entry)
    return table
