from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest

import claimledger
from claimledger.ingest import read_input
from claimledger.nlp.pipeline import process
from claimledger.schema import validate_document


def test_seed_document_is_valid(seed_path: Path) -> None:
    (article,) = read_input(str(seed_path)).articles
    data = process(article).to_dict()
    validate_document(data)
    assert data["schema"] == "claimledger/1"
    assert data["article"]["published"] == "2025-06-19"
    for layer in ("sentences", "mentions", "timexes", "quantities", "attributions", "claims"):
        assert isinstance(data[layer], list)
    assert len(data["sentences"]) >= 20


def test_every_span_obeys_the_offset_rule(seed_path: Path) -> None:
    (article,) = read_input(str(seed_path)).articles
    document = process(article)
    document.check_offsets()  # raises OffsetError on any record (including nested spans)


def test_wrong_offsets_are_invalid() -> None:
    data = claimledger.analyze("Russia said so. Ukraine denied it.").to_dict()
    broken = copy.deepcopy(data)
    broken["sentences"][1]["start"] += 1
    with pytest.raises(jsonschema.ValidationError, match="sentences"):
        validate_document(broken)


def test_missing_layer_is_invalid() -> None:
    data = claimledger.analyze("Russia said so.").to_dict()
    del data["claims"]
    with pytest.raises(jsonschema.ValidationError, match="claims"):
        validate_document(data)


def test_wrong_nested_offsets_are_invalid(seed_path: Path) -> None:
    (article,) = read_input(str(seed_path)).articles
    data = process(article).to_dict()
    broken = copy.deepcopy(data)
    broken["attributions"][0]["cue"]["start"] += 1
    with pytest.raises(jsonschema.ValidationError, match=r"attributions\.cue"):
        validate_document(broken)
