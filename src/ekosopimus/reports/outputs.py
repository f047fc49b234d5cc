"""A report document as a PDF, a DOCX or an XLSX file, in the download language (Finnish)."""

import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ekosopimus.lib.cells import neutralise_formula
from ekosopimus.lib.pdf import html_to_pdf

from .document import Document, Paragraph, Table
from .rendering import DOWNLOAD_LANGUAGE, EURO_FORMAT
from .word import document_docx

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def document_pdf(document: Document) -> bytes:
    """The document as an A4 PDF, laid out from the page's own HTML body."""
    html = render_to_string("reports/document_print.html", {"document": document})
    return html_to_pdf(html)


def _value(value):
    if isinstance(value, str):
        return neutralise_formula(value)
    if value is None or isinstance(value, int | Decimal):
        return value
    return str(value)


def document_xlsx(document: Document) -> bytes:
    """The document as a workbook: a first sheet with the title and the text, then a sheet
    per table, with euros as numbers."""
    book = Workbook()
    first = book.active
    first.title = _("Report")[:31]
    first.append([document.title])
    first["A1"].font = Font(bold=True, size=14)
    if document.is_draft:
        first.append([_("DRAFT – not yet approved by the steering group.")])
    first.append([_("Produced"), date_format(document.generated_at, "SHORT_DATETIME_FORMAT")])
    for block in document.blocks:
        if isinstance(block, Paragraph):
            first.append([neutralise_formula(block.text)])
    first.column_dimensions["A"].width = 100
    used = set()
    for block in document.blocks:
        if not isinstance(block, Table):
            continue
        name = (block.sheet or block.caption)[:31]
        while name in used:
            name = f"{name[:28]} {len(used)}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([column.title for column in block.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in block.rows:
            sheet.append([_value(value) for value in row])
        for index, column in enumerate(block.columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = 16 if column.is_number else 40
            if column.kind == "eur":
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = EURO_FORMAT
        if block.has_total and block.rows:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


RENDERERS = {"docx": document_docx, "pdf": document_pdf, "xlsx": document_xlsx}


def document_file(make_document, fmt: str) -> tuple[bytes, str]:
    """Compose (``make_document()``) and render in the download language; the file's bytes
    and name."""
    with translation.override(DOWNLOAD_LANGUAGE):
        document = make_document()
        return RENDERERS[fmt](document), f"{document.file_stem}.{fmt}"
