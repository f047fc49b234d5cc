"""Ruled tables in a PDF, read cell by cell.

A PDF's text layer has no tables: its text comes out line by line, and an annex laid out as a
table with wrapped cells loses which name and which amount belong to which row. Where a page
draws a ruled table (cells bounded by lines), pdfplumber finds the cells from the rules; such a
page is read with each table row as one line, its cells separated by tabs (as a DOCX table is
read), and the text above and below the table as lines.
"""

import io
import re

from .extract import SourceLine
from .lines import dehyphenate

# pdfplumber finds a table from the lines and rectangles the page draws, not from text alone.
RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# The action plan's table names its amounts' unit in its header.
ANNEX_HEADER = re.compile(r"M€|milj\.?\s*€", re.I)


def _rows(rows: list[list[str | None]], context: list[str]) -> list[str]:
    """Each row as one line of tab-separated cells, each cell's wrapped lines joined and the
    words a line end cut joined again, told apart from real hyphens by how the document
    (``context``) writes the same word elsewhere."""
    cells = [(r, c, text or "") for r, row in enumerate(rows) for c, text in enumerate(row)]
    lines: list[SourceLine] = []
    for index, (_r, _c, text) in enumerate(cells):
        # A cut word continues on the next line of its cell, never across the blank after it.
        lines += [SourceLine(part, 0, index) for part in text.split("\n")]
        lines.append(SourceLine("", 0, -1))
    lines += [SourceLine(text, 0, -1) for text in context]
    joined: dict[int, str] = {}
    for line in dehyphenate(lines):
        text = line.text.strip()
        if line.line < 0 or not text:
            continue
        before = joined.get(line.line)
        # A hyphen after a space joins what follows: "Hankinta-Suomi -" + "ohjelman".
        glue = "" if before is None or before.endswith(" -") else " "
        joined[line.line] = text if before is None else before + glue + text
    out: list[list[str]] = [[""] * len(row) for row in rows]
    for index, (r, c, _text) in enumerate(cells):
        out[r][c] = joined.get(index, "")
    return ["\t".join(row) for row in out]


def ruled_table_pages(data: bytes, pages: list[str]) -> dict[int, list[str]]:
    """The lines of each annex page (numbered from 1) that draws a ruled table of at least two
    columns and two rows; other pages are left out. ``pages`` is the text of each page: it
    tells where the annex's table begins (its header names M€), and how the document writes a
    word that a cell's line end cut."""
    import pdfplumber

    first = next((n for n, text in enumerate(pages, start=1) if ANNEX_HEADER.search(text)), None)
    if first is None:
        return {}
    context = [line for text in pages for line in text.splitlines()]
    found: dict[int, list[str]] = {}
    with pdfplumber.open(io.BytesIO(data)) as document:
        # Laying out a page takes pdfplumber a good part of a second: only the annex's.
        for number, page in enumerate(document.pages[first - 1 :], start=first):
            if not (page.lines or page.rects):
                continue
            tables = [
                table
                for table in page.find_tables(RULED)
                if len(table.rows) > 1 and max(len(row.cells) for row in table.rows) > 1
            ]
            if not tables:
                continue
            lines: list[str] = []
            top = 0
            for table in sorted(tables, key=lambda table: table.bbox[1]):
                x0, y0, x1, y1 = table.bbox
                lines += _text(page, top, y0)
                lines += _rows(table.extract(), context)
                top = y1
            lines += _text(page, top, page.height)
            found[number] = lines
    return found


def _text(page, top: float, bottom: float) -> list[str]:
    if bottom - top < 1:
        return []
    region = page.crop((0, top, page.width, bottom), strict=False)
    return (region.extract_text() or "").splitlines()
