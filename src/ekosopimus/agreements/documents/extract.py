"""Getting the text out of an uploaded agreement, line by line, with where each line stood."""

import io
import zipfile
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The agreements are 10–40 pages; a file this large is something else.
MAX_BYTES = 20 * 1024 * 1024
# Fewer characters than this per page on average: the PDF is a scan without a text layer.
MIN_CHARACTERS_PER_PAGE = 40


class DocumentUnreadable(ValueError):
    """The file cannot be read as an agreement document; the message says why, in Finnish."""


@dataclass(frozen=True)
class SourceLine:
    """One line of the document and where it came from (page 0: a format without pages)."""

    text: str
    page: int
    line: int


def refuse_if_too_large(size: int) -> None:
    """Raise ``DocumentUnreadable`` for a file of ``size`` bytes over ``MAX_BYTES``."""
    if size > MAX_BYTES:
        raise DocumentUnreadable(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)}
        )


def extract_lines(data: bytes, *, filename: str) -> list[SourceLine]:
    """The document's lines: PDF by its text layer, DOCX by its paragraphs, else plain text.

    The format is told by the content, not the name. Raises ``DocumentUnreadable`` for a file
    over ``MAX_BYTES``, an encrypted or image-only PDF, a damaged file, or one with no text.
    """
    refuse_if_too_large(len(data))
    if data.startswith(b"%PDF"):
        lines = _pdf(data)
    elif data.startswith(b"PK\x03\x04"):
        lines = _docx(data)
    else:
        lines = _plain(data)
    if not any(line.text.strip() for line in lines):
        raise DocumentUnreadable(_("%(file)s contains no text.") % {"file": filename})
    return lines


def _pdf(data: bytes) -> list[SourceLine]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (FileNotDecryptedError, DependencyError):
        raise DocumentUnreadable(
            _("The PDF is encrypted. Save it without a password and upload it again.")
        ) from None
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise DocumentUnreadable(
            _("The PDF cannot be read (%(error)s).") % {"error": error}
        ) from None
    if sum(len(text.strip()) for text in pages) < MIN_CHARACTERS_PER_PAGE * max(len(pages), 1):
        raise DocumentUnreadable(
            _(
                "The PDF has no text layer: it looks like a scanned image. Run it through text "
                "recognition (OCR) first, or upload the original document."
            )
        )
    from .tables import ruled_table_pages

    try:
        ruled = ruled_table_pages(data, pages)
    except Exception:  # noqa: BLE001 - the text layer read above stands without the tables
        ruled = {}
    return [
        SourceLine(text, number, line)
        for number, page in enumerate(pages, start=1)
        for line, text in enumerate(ruled.get(number) or page.splitlines(), start=1)
    ]


def _docx(data: bytes) -> list[SourceLine]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        is_word = "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        is_word = False
    if not is_word:
        raise DocumentUnreadable(_("The file is a ZIP archive but not a Word document (DOCX)."))
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile) as error:
        raise DocumentUnreadable(
            _("The Word document cannot be read (%(error)s).") % {"error": error}
        ) from None
    texts = [paragraph.text for paragraph in document.paragraphs]
    # The action plan annex is a table: one line per row, cells separated by tabs.
    for table in document.tables:
        texts.append("")
        texts += ["\t".join(cell.text.strip() for cell in row.cells) for row in table.rows]
    return [SourceLine(text, 0, number) for number, text in enumerate(texts, start=1)]


def _plain(data: bytes) -> list[SourceLine]:
    if b"\x00" in data[:4096]:
        raise DocumentUnreadable(_("The file is not a PDF, a Word document (DOCX) or plain text."))
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return [SourceLine(line, 0, number) for number, line in enumerate(text.splitlines(), start=1)]
