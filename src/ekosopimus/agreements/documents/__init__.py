"""Reading an agreement document (PDF, DOCX or plain text) into clean lines of text.

``extract`` gets the text out of the file with each line's page and line number; ``lines``
undoes the PDF's end-of-line hyphenation and rejoins the lines it broke into paragraphs.
Recognising the agreement's structure builds on these.
"""

from .extract import MAX_BYTES, DocumentUnreadable, SourceLine, extract_lines
from .lines import Paragraph, dehyphenate, paragraphs

__all__ = [
    "MAX_BYTES",
    "DocumentUnreadable",
    "Paragraph",
    "SourceLine",
    "dehyphenate",
    "extract_lines",
    "paragraphs",
]
