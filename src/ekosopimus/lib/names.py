"""Matching the names of organisations as they are spelled in imported files."""

import re
import unicodedata
from functools import lru_cache

_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_SPACES = re.compile(r"\s+")
# Stray punctuation that a name loses at its ends (a broken comma, a full stop after "Oy").
EDGE_PUNCTUATION = " .,;:\"'"


def clean_name(name: str) -> str:
    """The name as it should be shown: single spaces, no stray punctuation at the edges."""
    text = unicodedata.normalize("NFC", str(name or ""))
    return _SPACES.sub(" ", text).strip(EDGE_PUNCTUATION)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A key under which spellings of one name coincide.

    "Itä-Suomen yliopisto", "ITÄ-SUOMEN YLIOPISTO" and " Itä - Suomen  yliopisto " share a key;
    letters are kept otherwise (ä and a differ), so that different names stay different.
    """
    text = unicodedata.normalize("NFC", str(name or "")).casefold()
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip(EDGE_PUNCTUATION)
