"""Shared fixtures: the seed article, and the development data in ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_FILE = REPO / "corpus" / "seed" / "white-house-iran-drone-factory.md"


def shared_data_dir() -> Path:
    """Where the team's development data lives (never inside the repository)."""
    override = os.environ.get("CLAIMSCOPE_SHARED_DATA")
    return Path(override) if override else REPO.parent / "shared" / "data"


def _strip_front_matter(raw: str) -> str:
    if raw.startswith("---\n"):
        end = raw.index("\n---\n", 4)
        return raw[end + len("\n---\n"):]
    return raw


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's body, exactly as the corpus loader gives it."""
    return _strip_front_matter(SEED_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tables() -> dict:
    """The sample corpus analysed once for the whole test session (read, never modify)."""
    from claimscope.corpus import load_corpus
    from claimscope.engine import analyze_corpus

    return analyze_corpus(load_corpus(REPO / "corpus"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The development data folder, or a clean skip where it is absent."""
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"development data absent at {path} (set CLAIMSCOPE_SHARED_DATA)")
    return path
