"""The agreement's numbered sections, from its paragraphs.

Agreements number their sections "4", "4." or "4.1.1", write the headings in capitals or not,
enumerate inside a section with "1)", and end with an annex ("LIITE", "Liite 1:").
"""

import re
from dataclasses import dataclass, field

from .lines import Paragraph, heading_match

# What a top-level section is about, told by words of its heading.
KIND_WORDS = {
    "parties": ("osapuol",),
    "purpose": ("tarkoitus", "tausta"),
    "goals": ("tavoit",),
    "focus": ("painopiste", "painoal", "kärki", "kärjet"),
    "funding": ("rahoitus",),
    "implementation": ("toteutus", "seuranta", "toimeenpano", "hallinnointi", "organisoi"),
    "validity": ("voimassa",),
    "signatures": ("allekirjoitu",),
}


@dataclass
class Section:
    """A heading and what stands under it up to the next heading of the same or higher level."""

    number: str
    title: str
    heading: Paragraph | None
    level: int
    body: list[Paragraph] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        """What the section is about ("parties", "focus", …), or None when not told."""
        if self.number == "LIITE":
            return "annex"
        title = self.title.lower()
        for kind, words in KIND_WORDS.items():
            if any(word in title for word in words):
                return kind
        return None

    @property
    def name(self) -> str:
        """The title without a one-word label before a colon ("Painopistealue: Vesi")."""
        label, colon, rest = self.title.partition(":")
        if colon and rest.strip() and " " not in label.strip():
            return rest.strip()
        return self.title

    def all_paragraphs(self) -> list[Paragraph]:
        """The body, then every child's heading and paragraphs, in document order."""
        found = list(self.body)
        for child in self.children:
            if child.heading:
                found.append(child.heading)
            found += child.all_paragraphs()
        return found


def _title_case(title: str) -> str:
    """ "TARKOITUS JA TAUSTA" → "Tarkoitus ja tausta"; other titles stay as written."""
    if title.isupper():
        return title[:1] + title[1:].lower()
    return title


def outline(paragraphs: list[Paragraph]) -> Section:
    """The document as a tree: a root holding the top-level sections and the annexes.

    A numbered heading counts only where its number follows on from the one before ("5" after
    "4", "4.2" inside "4"), so that a number at the start of a line of running text or of a
    table cell is not taken for a heading.
    """
    root = Section("", "", None, 0)
    stack = [root]
    last_top = 0
    for paragraph in paragraphs:
        match = heading_match(paragraph.text) if paragraph.heading else None
        section = _section(match, paragraph, stack, last_top) if match else None
        if section is None:
            stack[-1].body.append(paragraph)
            continue
        while stack[-1].level >= section.level:
            stack.pop()
        stack[-1].children.append(section)
        stack.append(section)
        if section.level == 1 and section.number.isdigit():
            last_top = int(section.number)
    return root


def _section(match: re.Match, paragraph: Paragraph, stack: list[Section], last_top: int):
    if match.group("annex"):
        title = re.sub(r"^(LIITE|Liite)\s*\d*\s*:?\s*", "", match.group("annex")).strip()
        return Section("LIITE", _title_case(title) or "Liite", paragraph, 1)
    number = match.group("number").rstrip(".")
    title = _title_case(match.group("title").strip())
    if number.endswith(")"):
        # "1) Älykkäät ja kestävät kaupunkiratkaisut": enumerated inside the current section.
        parent = stack[-1] if not stack[-1].number.endswith(")") else stack[-2]
        return Section(number, title, paragraph, parent.level + 1)
    parts = number.split(".")
    if len(parts) == 1:
        in_annex = any(s.number == "LIITE" for s in stack)
        if in_annex:
            return Section(number, title, paragraph, 2)
        return Section(number, title, paragraph, 1) if int(number) == last_top + 1 else None
    parent = ".".join(parts[:-1])
    if any(s.number == parent for s in stack):
        return Section(number, title, paragraph, len(parts))
    return None
