"""Lists written as spreadsheets: XLSX with real dates and euros, CSV as Finnish Excel opens it.

Every text cell that a spreadsheet would run as a formula is neutralised.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .cells import neutralise_formula


def write_xlsx(
    rows: Iterable[Sequence[object]], stream: IO[bytes], *, headers: Sequence[str], title: str
) -> int:
    """Write an XLSX workbook of one sheet ``title``, ``rows`` under bold ``headers``; returns
    the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=neutralise_formula(value))
            if isinstance(value, date):
                cell.number_format = "d.m.yyyy"
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(stream)
    return count


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(neutralise_formula(value))


def write_csv(
    rows: Iterable[Sequence[object]], stream: IO[bytes], *, headers: Sequence[str]
) -> int:
    """Write a CSV list as Excel opens it in Finnish: semicolons, decimal commas, UTF-8 with a
    byte-order mark. Returns the number of rows."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=";")
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
        count += 1
    text.flush()
    text.detach()
    return count
