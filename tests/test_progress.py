"""The progress bar: documents, words per second and time left on a terminal, else silence."""

from __future__ import annotations

import io

from claimscope.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_documents_words_per_second_and_time_left() -> None:
    screen = _Terminal()
    with Progress(4, stream=screen) as progress:
        for _ in range(4):
            progress.advance(750)
    shown = screen.getvalue()
    assert "4/4" in shown and "words/s" in shown and "<00:00" in shown


def test_a_log_file_stays_empty() -> None:
    log = io.StringIO()
    with Progress(None, stream=log) as progress:
        progress.advance(750)
    assert log.getvalue() == "" and progress.words == 750
