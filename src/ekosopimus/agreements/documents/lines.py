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
BULLET = re.compile(r"^\s*[•·▪\-–]\s+")
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


def _keeps_hyphen(
    word: str, following: str, vocabulary: _Vocabulary, mid_sentence: bool = False
) -> bool:
    """Whether ``word-`` at a line end before ``following`` is a real hyphen, not a cut.

    ``mid_sentence`` tells that words of the same sentence stand before ``word`` on its line.
    """
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
    # A name inside a sentence ("… sekä Ruokalaakso-ekosysteemin"), or a chain of hyphenated
    # words ("public-private-people-partnership"), is cut at its own hyphen.
    if (mid_sentence and part[0].isupper()) or word.count("-") >= 2:
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
        before = texts[index][: cut.start("word")].rstrip()
        mid_sentence = bool(before) and before[-1] not in ".!?:”"
        glue = "-" if _keeps_hyphen(word, bare, vocabulary, mid_sentence) else ""
        texts[index] = texts[index][: cut.start("word")] + word + glue + following
        texts[following_index] = rest.lstrip() or None
    return [
        SourceLine(text, line.page, line.line)
        for text, line in zip(texts, lines, strict=True)
        if text is not None
    ]


# A heading on a line of its own: "4.1 Painopistealue: Vesi", "4.1.  Älykkäät",
# "1. SOPIJAOSAPUOLET", "1) Älykkäät ja kestävät", "LIITE: Alustava …", "Liite 1: …".
_HEADING = re.compile(
    r"^\s*(?:(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}\.?|\d{1,2}\))\s+(?P<title>[A-ZÅÄÖ].*)"
    r"|(?P<annex>(?:LIITE|Liite)\b\s*\d*\s*:?.*))$"
)
HEADING_MAX_LENGTH = 110


@dataclass(frozen=True)
class Paragraph:
    """Lines rejoined into the paragraph the PDF broke, with where it began.

    ``anchors`` holds, for each line that went into the text, the character offset where it
    starts and its page and line, so that a phrase inside the paragraph can be traced back.
    """

    text: str
    page: int
    line: int
    heading: bool = False
    anchors: tuple[tuple[int, int, int], ...] = ()

    def where(self, offset: int) -> tuple[int, int]:
        """The page and line of the character at ``offset``."""
        found = (self.page, self.line)
        for start, page, line in self.anchors:
            if start > offset:
                break
            found = (page, line)
        return found


def heading_match(text: str) -> re.Match | None:
    """The heading pattern's match when ``text`` reads as a heading, else None."""
    stripped = text.strip()
    if not stripped or len(stripped) > HEADING_MAX_LENGTH or stripped[-1] in ",;":
        return None
    match = _HEADING.match(stripped)
    if match and match.group("title") and stripped.endswith(".") and " " in match["title"]:
        # "3. Hankkeet toteutetaan vuosina 2021–2027." is a numbered sentence, not a heading.
        return None
    return match


def undouble(lines: list[SourceLine]) -> list[SourceLine]:
    """Drop the empty line that some extractions put after every line of text.

    When most lines of text are followed by an empty line, those empty lines are line spacing,
    not paragraph breaks; a line holding only spaces still breaks a paragraph.
    """
    texts = [line.text for line in lines]
    written = [i for i, text in enumerate(texts) if text.strip()]
    spaced = sum(1 for i in written if i + 1 < len(texts) and texts[i + 1] == "")
    if not written or spaced < 0.6 * len(written):
        return lines
    return [
        line
        for i, line in enumerate(lines)
        if line.text != "" or not (0 < i < len(lines) - 1 and texts[i - 1].strip())
    ]


def paragraphs(lines: list[SourceLine]) -> list[Paragraph]:
    """Dehyphenate, then join lines into paragraphs.

    A blank line ends a paragraph; a bullet or an enumeration starts one; a heading stands as
    a paragraph of its own. A sentence that ends a line which had room for the next line's
    first word ends its paragraph too, as PDFs drop the blank line between paragraphs.
    """
    joined = dehyphenate(undouble(lines))
    widths = sorted(len(line.text.rstrip()) for line in joined if line.text.strip())
    full_width = widths[int(len(widths) * 0.95)] if widths else 0
    result: list[Paragraph] = []
    current: list[SourceLine] = []
    heading = False

    def close() -> None:
        nonlocal heading
        anchors, parts, offset = [], [], 0
        for line in current:
            part = " ".join(line.text.split())
            if part:
                anchors.append((offset, line.page, line.line))
                parts.append(part)
                offset += len(part) + 1
        if parts:
            first = anchors[0]
            result.append(Paragraph(" ".join(parts), first[1], first[2], heading, tuple(anchors)))
        current.clear()
        heading = False

    blank = False
    for index, line in enumerate(joined):
        text = line.text.strip()
        if not text:
            blank = True
            continue
        # A page break inside a sentence leaves blank lines that do not end the paragraph.
        if blank and not (
            text[0].islower() and current and current[-1].text.strip()[-1] not in ".:!?”"
        ):
            close()
        blank = False
        if heading and not (text[0].islower() or text[0] == "("):
            close()
        if _ITEM.match(line.text) or heading_match(text):
            close()
            heading = bool(heading_match(text))
        current.append(line)
        following = joined[index + 1].text.strip() if index + 1 < len(joined) else ""
        next_word = following.split(" ", 1)[0]
        # The line ends a sentence although the next line's first word would have fitted on
        # it: the paragraph ended there.
        if (
            not heading
            and text[-1] in ".!?:”"
            and next_word[:1].isupper()
            and len(text) + 1 + len(next_word) < full_width
        ):
            close()
    close()
    return result
