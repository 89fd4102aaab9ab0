"""Where the benchmarks find the team's development data (never in the repository)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """``../shared/data`` beside the repository, or ``$CLAIMSCOPE_SHARED_DATA``."""
    override = os.environ.get("CLAIMSCOPE_SHARED_DATA")
    return Path(override) if override else REPO.parent / "shared" / "data"


def require(path: Path) -> Path:
    """Return ``path`` or exit 0 with a message saying the data is absent."""
    if not path.exists():
        print(f"skipped: development data absent at {path} (set CLAIMSCOPE_SHARED_DATA)")
        sys.exit(0)
    return path
