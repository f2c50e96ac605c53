"""Shared fixtures. Tests that read ../shared get it only through the `shared` fixture."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from claimledger.nlp.extensions import register_extensions

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """../shared beside the checkout, or $CLAIMLEDGER_SHARED."""
    return Path(os.environ.get("CLAIMLEDGER_SHARED", REPO.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared development data; skips only when absent outside CI, fails in CI."""
    path = shared_dir()
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared data folder {path} is missing in CI")
        pytest.skip(f"shared data folder {path} is absent (set CLAIMLEDGER_SHARED)")
    return path


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "corpus" / "seed" / "000_3a7b3fa782e31a64.txt"


@pytest.fixture
def blank_nlp() -> Language:
    """spacy.blank("en") with claimledger's extensions declared; tests add pipes."""
    register_extensions()
    return spacy.blank("en")
