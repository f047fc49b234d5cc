"""Plain-text helpers for agreement texts."""

import re

_BLANK_LINES = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")


def paragraphs(text: str | None) -> list[str]:
    """Split a text into paragraphs at blank lines, each with its whitespace collapsed."""
    if not text:
        return []
    parts = (_SPACES.sub(" ", part).strip() for part in _BLANK_LINES.split(text.strip()))
    return [part for part in parts if part]


def normalise_paragraphs(text: str | None) -> str:
    """The canonical stored form of a long text: paragraphs separated by one blank line."""
    return "\n\n".join(paragraphs(text))


def collapse(text: str | None) -> str:
    """One line, single spaces."""
    return _SPACES.sub(" ", text or "").strip()
