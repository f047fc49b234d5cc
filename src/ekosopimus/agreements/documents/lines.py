"""Undoing what a PDF does to running text: words hyphenated at line ends, lines broken."""

import bisect
import re
from dataclasses import dataclass

from .extract import SourceLine

# A line that ends in a word cut by a hyphen: "kau-", "Savonia-ammatti-", "tki-".
_CUT = re.compile(r"(?P<word>[^\s\-–—][^\s]*?)-\s*$")
_FIRST_WORD = re.compile(r"^\s*(?P<word>[^\s]+)")
_TOKEN = re.compile(r"[\w\-]+")
# Words after which a hyphen is the suspended half of a compound: "terveys- ja hyvinvointi".
_CONJUNCTIONS = frozenset({"ja", "tai", "sekä", "eli", "että", "kuin", "och", "eller", "and", "or"})
_VOWELS = set("aeiouyäöå")
# A paragraph starts at a bullet, an enumeration ("•", "- ", "1)", "a)") or a numbered heading
# ("4.1 Terveys", "4.1.1. Data"); a line of running text may begin "50 uutta yritystä".
_ITEM = re.compile(r"^\s*([•·▪\-–]\s|\d+\)\s|[a-zåäö]\)\s|\d+(\.\d+)*\.?\s+[A-ZÅÄÖ])")


def _last_part(word: str) -> str:
    return word.rsplit("-", 1)[-1]


# Lower-case abbreviations written with a hyphen before the word they qualify ("tki-toiminta").
_ABBREVIATIONS = frozenset({"tki", "tk", "t&k", "pk", "kv", "ict", "it", "iot", "ai", "vr", "xr"})


class _Vocabulary:
    """The document's own words, to tell "kau-punki" from "tki-toiminta" by how the same word
    is written where no line end cuts it."""

    def __init__(self, lines: list[SourceLine]):
        tokens = {
            token.lower()
            for line in lines
            for token in _TOKEN.findall(line.text)
            if not token.endswith("-")  # a cut at a line end, or a suspended "terveys-"
        }
        self._sorted = sorted(tokens)

    def has_prefix(self, prefix: str) -> bool:
        index = bisect.bisect_left(self._sorted, prefix)
        return index < len(self._sorted) and self._sorted[index].startswith(prefix)


def _keeps_hyphen(word: str, following: str, vocabulary: _Vocabulary) -> bool:
    """Whether ``word-`` at a line end before ``following`` is a real hyphen, not a cut."""
    part = _last_part(word)
    if not part or not following:
        return True
    lower = part.lower()
    # The same word elsewhere, whole or hyphenated (compared on its first letters, as Finnish
    # inflects the end).
    stem = following[:3].lower()
    hyphenated = vocabulary.has_prefix(f"{lower}-{stem}")
    joined = vocabulary.has_prefix(lower + stem)
    if hyphenated != joined:
        return hyphenated
    if any(char.isdigit() for char in part) or following[0].isdigit():
        return True
    # An abbreviation (EAKR-, XR-, MAL-) or a name with an inner capital (KuopioHealth-).
    if sum(char.isupper() for char in part) >= 2 or any(c.isupper() for c in part[1:]):
        return True
    if following[0].isupper():
        return True
    # Finnish writes a hyphen where the same vowel meets itself: "vesi-intensiivinen".
    if lower[-1] in _VOWELS and lower[-1] == following[0].lower():
        return True
    return lower in _ABBREVIATIONS


def dehyphenate(lines: list[SourceLine]) -> list[SourceLine]:
    """Join the words a line end cut in two; keep the hyphens that belong to the words.

    "kau-" + "punki" becomes "kaupunki"; "terveys-" + "ja" stays "terveys- ja";
    "KuopioHealth-" + "osuuskunta" becomes "KuopioHealth-osuuskunta". The part moved up keeps
    the line it was on; the lines keep their numbers, and a line left empty by the move goes.
    """
    vocabulary = _Vocabulary(lines)
    texts: list[str | None] = [line.text.rstrip() for line in lines]
    for index in range(len(texts) - 1):
        cut = _CUT.search(texts[index] or "")
        if not cut:
            continue
        following_index = next(
            (i for i in range(index + 1, len(texts)) if (texts[i] or "").strip()), None
        )
        # A cut word continues on the next line, not across a blank one.
        if following_index != index + 1:
            continue
        first = _FIRST_WORD.match(texts[following_index])
        word, following = cut.group("word"), first.group("word")
        bare = following.rstrip('.,;:!?)”"')
        if bare.lower() in _CONJUNCTIONS:
            continue
        rest = texts[following_index][first.end() :]
        glue = "-" if _keeps_hyphen(word, bare, vocabulary) else ""
        texts[index] = texts[index][: cut.start("word")] + word + glue + following
        texts[following_index] = rest.lstrip() or None
    return [
        SourceLine(text, line.page, line.line)
        for text, line in zip(texts, lines, strict=True)
        if text is not None
    ]


@dataclass(frozen=True)
class Paragraph:
    """Lines rejoined into the paragraph the PDF broke, with where it began."""

    text: str
    page: int
    line: int


def paragraphs(lines: list[SourceLine]) -> list[Paragraph]:
    """Dehyphenate, then join lines into paragraphs. A blank line ends a paragraph; a bullet, an
    enumeration or a numbered heading starts one."""
    result: list[Paragraph] = []
    current: list[SourceLine] = []

    def close() -> None:
        if current:
            text = " ".join(" ".join(line.text.split()) for line in current).strip()
            if text:
                result.append(Paragraph(text, current[0].page, current[0].line))
            current.clear()

    for line in dehyphenate(lines):
        if not line.text.strip():
            close()
            continue
        if _ITEM.match(line.text):
            close()
        current.append(line)
    close()
    return result
