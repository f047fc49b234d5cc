"""The draft an import produces: agreement data in the curated files' shape, with sources."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from .lines import Paragraph


@dataclass
class Draft:
    """Agreement data as in ``agreements/data/*.yaml``, and where each item came from.

    ``sources`` maps an item's place in the data ("focus_areas[0].targets[1]") to the page and
    line of the source it was read from (page 0: a format without pages). ``notes`` says, in
    the user's language, what the reader could not find and left for the reviewer.
    """

    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, tuple[int, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def source(self, place: str, paragraph: Paragraph | None, offset: int = 0) -> None:
        """Record that the item at ``place`` was read at ``offset`` of ``paragraph``."""
        if paragraph is not None:
            self.sources[place] = paragraph.where(offset)

    def as_json(self) -> dict[str, Any]:
        """The data with dates as ISO text, plus ``sources`` and ``notes``, for JSON output."""
        return {
            **to_json(self.data),
            "sources": {place: list(where) for place, where in self.sources.items()},
            "notes": list(self.notes),
        }


def to_json(value: Any) -> Any:
    """The data with its dates as ISO text, ready for JSON."""
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def from_json(value: Any, key: str = "") -> Any:
    """Undo ``as_json``'s dates: ISO text under a date key becomes a date again."""
    if isinstance(value, dict):
        return {k: from_json(item, k) for k, item in value.items()}
    if isinstance(value, list):
        return [from_json(item) for item in value]
    if isinstance(value, str) and key in DATE_KEYS:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


DATE_KEYS = frozenset(
    {"signed_on", "ends_on", "starts_on", "deadline", "adopted_on", "akke_phase_ends_on"}
)
