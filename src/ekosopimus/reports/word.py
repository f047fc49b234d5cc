"""A report document as a Word file (python-docx): Word headings that the navigation pane
lists, real tables whose header row repeats on every page, Finnish numbers and dates, the
agreement's name in the page header and the page number in the footer."""

import io
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from .document import Document, Heading, Paragraph, Table, cell_text

DRAFT_COLOUR = RGBColor(0xB0, 0x10, 0x38)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in as it lays out the pages."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _cell_xml(text: str, *, bold: bool, right: bool) -> str:
    paragraph = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    run = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f"<w:tc><w:p>{paragraph}<w:r>{run}"
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
    )


def _table(word, table: Table) -> None:
    """A table with a header row that Word repeats on every page, written as its XML at once:
    python-docx's cell-by-cell API takes seconds for a thousand rows."""
    caption = word.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    if not table.rows:
        word.add_paragraph(table.empty or _("None."))
        return
    style = word.styles["Table Grid"].style_id
    rights = [column.is_number for column in table.columns]
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{style}"/>'
        '<w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1"/></w:tblPr>'
        "<w:tblGrid>" + "<w:gridCol/>" * len(table.columns) + "</w:tblGrid>",
        '<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>',
        *(
            _cell_xml(c.title, bold=True, right=r)
            for c, r in zip(table.columns, rights, strict=True)
        ),
        "</w:tr>",
    ]
    last = len(table.rows) - 1
    for index, values in enumerate(table.rows):
        bold = table.has_total and index == last
        parts.append("<w:tr>")
        for value, column, right in zip(values, table.columns, rights, strict=True):
            parts.append(_cell_xml(cell_text(value, column.kind), bold=bold, right=right))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    caption._p.addnext(parse_xml("".join(parts)))
    # Word needs a paragraph between two tables, or it joins them into one.
    word.add_paragraph()


def document_docx(document: Document) -> bytes:
    """The document as a DOCX file (call inside the download language)."""
    word = WordDocument()
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2)
    word.styles["Normal"].font.size = Pt(10)
    word.core_properties.title = document.title
    word.core_properties.language = "fi-FI"

    header = section.header.paragraphs[0]
    header.text = document.header + (f" – {_('DRAFT')}" if document.is_draft else "")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(_("Page") + " ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")

    word.add_heading(document.title, level=0)
    if document.is_draft:
        run = word.add_paragraph().add_run(_("DRAFT – not yet approved by the steering group."))
        run.bold = True
        run.font.color.rgb = DRAFT_COLOUR
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=min(block.level - 1, 9) or 1)
        elif isinstance(block, Paragraph):
            for part in block.text.split("\n\n"):
                paragraph = word.add_paragraph(part)
                if block.kind == "note":
                    paragraph.runs[0].italic = True
                elif block.kind == "draft":
                    paragraph.runs[0].bold = True
                    paragraph.runs[0].font.color.rgb = DRAFT_COLOUR
        elif isinstance(block, Table):
            _table(word, block)
    stamp = word.add_paragraph(
        _("Produced by Ekosopimus on %(when)s.")
        % {"when": date_format(document.generated_at, "SHORT_DATETIME_FORMAT")}
    )
    stamp.runs[0].font.size = Pt(8)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
