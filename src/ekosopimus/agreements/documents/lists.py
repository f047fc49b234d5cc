"""Finnish running text into sentences, and enumerations ("a, b sekä c") into their items.

Each piece keeps its character offset in the text it came from, so that it can be traced back
to its page and line.
"""

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"mm", "esim", "ml", "ns", "yms", "jne", "tms", "vrt", "ks", "n", "ca", "v", "s", "nk", "em"}
)
_SENTENCE_END = re.compile(r"[.!?]”?\s+(?=[A-ZÅÄÖ0-9”\"(])")
# Where a list separates its items, outside parentheses.
_SEPARATOR = re.compile(r";\s+(?!mm\.)|,\s+|\s+sekä\s+")
_ILLATIVE = re.compile(r"(?:aa|ää|ee|ii|oo|öö|uu|yy|h[aeiouyäö])n$")
# A part that starts like this continues the item before it ("…, erityisesti X").
_CONTINUATIONS = ("erityisesti ", "esimerkiksi ", "esim. ", "mm. ", "kuten ", "muun muassa ")
# After one of these, the rest of the list belongs to the item ("mukaan lukien a, b ja c").
_OPENS_EXAMPLES = ("mukaan lukien", "kuten", "esimerkiksi", "esim.")


@dataclass(frozen=True)
class Piece:
    """A part of a text and the offset where it starts."""

    text: str
    offset: int


def sentences(text: str, offset: int = 0) -> list[Piece]:
    """The sentences of ``text``; "mm." and other abbreviations do not end one."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rsplit(" ", 1)[-1].lower()
        if before in _ABBREVIATIONS or (before.isdigit() and len(before) <= 2):
            continue
        end = match.start() + len(match.group().rstrip())
        pieces.append(Piece(text[start:end].strip(), offset + start))
        start = match.end()
    if text[start:].strip():
        pieces.append(Piece(text[start:].strip(), offset + start))
    return pieces


def _top_level_cuts(text: str) -> list[tuple[int, int]]:
    """Separator spans that stand outside parentheses and quotes."""
    depth, cuts = 0, []
    inside = [0] * (len(text) + 1)
    for index, char in enumerate(text):
        if char in "(":
            depth += 1
        elif char in ")" and depth:
            depth -= 1
        inside[index] = depth
    for match in _SEPARATOR.finditer(text):
        if inside[match.start()]:
            continue
        # "kehitys-, testaus- ja pilotointiympäristö": a hyphen before the comma suspends a
        # compound word; the list goes on inside the item.
        if text[: match.start()].endswith("-"):
            continue
        cuts.append(match.span())
    return cuts


def incomplete(part: str) -> bool:
    """Whether an item ends in a word that needs what follows ("Kuopion kaupungin, …").

    A Finnish noun phrase item ends in its head word; a genitive (-n, but not the nominative
    -nen) at the end means the phrase goes on in the next part.
    """
    words = re.sub(r"\([^)]*\)", "", part).split()
    if not words:
        return True
    last = words[-1].strip('.,;:”"')
    if not (last.endswith("n") and last.isalpha()) or last.endswith("nen"):
        return False
    # An illative ("terveystietoon", "kehittämiseen") ends the phrase; a lower-case word with
    # a doubled vowel before the -n is one.
    return not (last.islower() and _ILLATIVE.search(last))


def enumeration(text: str, offset: int = 0) -> list[Piece]:
    """The items of a list written as running text: "a; b, c sekä d" gives a, b, c and d.

    Items are cut at commas, semicolons and "sekä" outside parentheses; a part that cannot
    stand alone (a trailing genitive, "erityisesti …", the names after "mukaan lukien") is kept
    with its neighbour.
    """
    text = text.rstrip().rstrip(".")
    parts: list[Piece] = []
    start = 0
    for cut_start, cut_end in _top_level_cuts(text):
        parts.append(Piece(text[start:cut_start], offset + start))
        parts.append(Piece(text[cut_start:cut_end], -1))  # the separator itself
        start = cut_end
    parts.append(Piece(text[start:], offset + start))

    items: list[Piece] = []
    glue = ""
    joining = False
    for part in parts:
        if part.offset < 0:
            glue = part.text
            continue
        if items and (
            joining or incomplete(items[-1].text) or part.text.lower().startswith(_CONTINUATIONS)
        ):
            items[-1] = Piece(items[-1].text + glue + part.text, items[-1].offset)
        else:
            items.append(part)
        bare = re.sub(r"\([^)]*\)", "", part.text)
        joining = joining or any(phrase in bare for phrase in _OPENS_EXAMPLES)
    return [Piece(item.text.strip(), item.offset) for item in items if item.text.strip()]
