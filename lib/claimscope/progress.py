"""A progress bar for long analyses: documents done, words per second, time left.

Shown only on a terminal; under CI, cron or a notebook's captured output it stays
silent, so logs and committed outputs hold no bars.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Counts documents as they are analysed (``advance``) and shows the rate in words."""

    def __init__(
        self, total: int | None, *, stream: TextIO | None = None, enabled: bool | None = None
    ) -> None:
        out = stream or sys.stderr
        shown = out.isatty() if enabled is None else enabled
        self.words = 0
        self.started = time.monotonic()
        self.bar = tqdm(total=total, unit="doc", file=out, disable=not shown,
                        dynamic_ncols=True, smoothing=0.05, mininterval=0.5)

    def advance(self, words: int) -> None:
        """One more document done, of ``words`` words."""
        self.words += words
        self.bar.update(1)
        elapsed = time.monotonic() - self.started
        if elapsed > 0:
            self.bar.set_postfix_str(f"{self.words / elapsed:,.0f} words/s", refresh=False)

    def close(self) -> None:
        """Finish the bar (a no-op when it is not shown)."""
        self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
