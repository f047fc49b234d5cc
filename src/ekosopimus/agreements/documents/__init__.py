"""Reading an agreement document (PDF, DOCX or plain text) into a draft agreement.

``extract`` gets the text out of the file with each line's page and line number; ``lines``
undoes the PDF's end-of-line hyphenation and rejoins the lines it broke into paragraphs;
``outline`` finds the numbered sections, and ``recognise`` reads the parties, focus areas,
action groups, targets, the action plan annex, funding and governance from them (with
``parties``, ``focus``, ``annex`` and ``governance``). ``accuracy`` measures a draft against
curated data.
"""

from .draft import Draft
from .extract import MAX_BYTES, DocumentUnreadable, SourceLine, extract_lines
from .lines import Paragraph, dehyphenate, paragraphs
from .recognise import NotAnAgreement, recognise_agreement

__all__ = [
    "MAX_BYTES",
    "DocumentUnreadable",
    "Draft",
    "NotAnAgreement",
    "Paragraph",
    "SourceLine",
    "dehyphenate",
    "extract_lines",
    "paragraphs",
    "recognise_agreement",
]
