"""Character spans: the one way every analysis points into a document's text.

A span is a half-open interval ``[start, end)`` of character offsets into the
document's *normalised* text (``\\n`` newlines, Unicode NFC; see
:mod:`claimscope.corpus`). Text shown to a person is always cut from the document
by its span, never re-typed, so ``span.text == text[span.start:span.end]``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character interval into a document's text, with its surface."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Cut the span ``[start, end)`` from ``text``."""
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start
