"""How a cell's text is read before it is stored, and what the reading changed.

A list's text is stored as the file writes it, changed only where it must be to compare and
show it: runs of spaces, tabs and line breaks become one space, organisation names lose stray
punctuation at their ends, project codes are written in capitals without spaces, and a text
longer than its field is cut. Each such change is described, so that the import can list it
among its warnings; spaces at a cell's ends only are counted per column instead, as nearly
every list has them.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from django.utils.translation import gettext as _

from ekosopimus.lib.names import EDGE_PUNCTUATION

_SPACES = re.compile(r"\s+")
# Inside a stripped text: two whitespace characters in a row, or one that is not a plain space.
_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")


class TextKind(Enum):
    """What a cell holds decides how its text is read."""

    PLAIN = "plain"  # a project's name or summary line: kept as written
    ORGANISATION = "organisation"  # an implementer or authority: no stray punctuation at the ends
    CODE = "code"  # a project or group code: capitals, no spaces


@dataclass(frozen=True)
class Reading:
    """A cell's text as it will be stored."""

    value: str
    # Whitespace at the start or end was removed (and nothing else, unless ``note`` says so).
    trimmed: bool
    # What else the reading changed, as a warning for the user; "" when nothing did.
    note: str


def read_text(raw: str, *, kind: TextKind, limit: int | None = None) -> Reading:
    """Read ``raw`` as text of ``kind``, at most ``limit`` characters long."""
    stripped = raw.strip()
    changes = []
    text = unicodedata.normalize("NFC", stripped)
    if text != stripped:
        changes.append(_("letters written in their composed form"))
    if _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
        changes.append(_("repeated spaces, tabs or line breaks collapsed"))
    if kind is TextKind.ORGANISATION:
        kept = text.strip(EDGE_PUNCTUATION)
        if kept != text:
            start = text[: len(text) - len(text.lstrip(EDGE_PUNCTUATION))]
            end = text[len(text.rstrip(EDGE_PUNCTUATION)) :]
            removed = " ".join(part.strip() for part in (start, end) if part.strip())
            changes.append(_("“%(characters)s” removed from the ends") % {"characters": removed})
            text = kept
    elif kind is TextKind.CODE:
        code = text.upper().replace(" ", "")
        if code != text:
            changes.append(_("written in capitals without spaces"))
            text = code
    if limit is not None and len(text) > limit:
        text = text[:limit].rstrip()
        changes.append(_("cut to %(limit)s characters") % {"limit": limit})
    note = ""
    if changes:
        note = _("%(changes)s; read as “%(value)s”") % {
            "changes": "; ".join(changes),
            "value": text,
        }
    return Reading(value=text, trimmed=bool(stripped) and stripped != raw, note=note)
