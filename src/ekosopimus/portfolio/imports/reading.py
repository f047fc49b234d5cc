"""Turning an uploaded file (EURA Excel export or CSV list) into a header and numbered rows."""

import codecs
import csv
import io
from dataclasses import dataclass, field
from typing import BinaryIO

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from ekosopimus.lib.cells import is_blank

from .columns import HEADERS, header_key

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
# The header row is looked for among the first rows: exports may open with a title.
HEADER_SEARCH_ROWS = 10


class FileUnreadable(ValueError):
    """The file cannot be read as a spreadsheet or a CSV list at all."""


@dataclass
class Table:
    """A file's header row and its data rows, each with the line number a user sees."""

    header: list[object]
    header_line: int
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    encoding: str = ""


def read_table(stream: BinaryIO, *, filename: str) -> Table:
    """Read an uploaded project list; raises ``FileUnreadable`` with a message for the user."""
    data = stream.read()
    if not data:
        raise FileUnreadable(_("The file is empty."))
    name = filename.lower()
    if name.endswith(EXCEL_SUFFIXES) or data[:4] == b"PK\x03\x04":
        return _read_excel(data)
    if name.endswith(CSV_SUFFIXES) or not name.rpartition(".")[1]:
        return _read_csv(data)
    raise FileUnreadable(
        _("“%(name)s” is neither an Excel file (.xlsx) nor a CSV list (.csv).") % {"name": filename}
    )


def _is_code_header(cell: object) -> bool:
    return HEADERS.get(header_key(cell)) == "code"


def _read_excel(data: bytes) -> Table:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as error:
        raise FileUnreadable(
            _("The file cannot be read as an Excel workbook (%(error)s).") % {"error": error}
        ) from None
    for index, row in enumerate(sheet[:HEADER_SEARCH_ROWS]):
        if any(_is_code_header(cell) for cell in row):
            header_index = index
            break
    else:
        raise FileUnreadable(
            _("No header row with a “Hankekoodi” column was found in the first rows of the sheet.")
        )
    table = Table(header=list(sheet[header_index]), header_line=header_index + 1)
    # The rows calamine gives are lists of their own; a row with a first cell is not blank.
    table.rows = [
        (number, row)
        for number, row in enumerate(sheet[header_index + 1 :], start=header_index + 2)
        if (row and not is_blank(row[0])) or not all(is_blank(cell) for cell in row)
    ]
    return table


# Byte-order marks of the Unicode encodings a spreadsheet program may save text in; UTF-32's
# are tested first, as UTF-32 LE's begins with UTF-16 LE's.
_UNSUPPORTED_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
)
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV list: UTF-8, Windows-1252, or UTF-16 with its byte-order mark (Excel's
    "Unicode text"). Any other encoding is named rather than read as garbage."""
    for mark, name in _UNSUPPORTED_MARKS:
        if data.startswith(mark):
            raise FileUnreadable(_unsupported(name))
    if data.startswith(_UTF16_MARKS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise FileUnreadable(
                _("The file begins as UTF-16 text but cannot be read as such.")
            ) from None
    if b"\x00" in data[:4096]:
        # Text has no NUL characters; every other byte of UTF-16 without a mark is one.
        sample = data[:4096]
        if sample[1::2].count(0) > len(sample) // 4 or sample[::2].count(0) > len(sample) // 4:
            raise FileUnreadable(_unsupported(_("UTF-16 without a byte-order mark")))
        raise FileUnreadable(_("The file holds binary data, not the text of a CSV list."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _unsupported(encoding: str) -> str:
    return _(
        "The file is in the %(encoding)s encoding, which the import does not read. Save the "
        "list as CSV in UTF-8 (or as an Excel workbook) and import it again."
    ) % {"encoding": encoding}


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FileUnreadable(_("The file is empty.")) from None
    except csv.Error as error:
        raise FileUnreadable(
            _("The CSV file cannot be read (%(error)s).") % {"error": error}
        ) from None
    table = Table(header=list(header), header_line=1, encoding=encoding)
    line = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                table.rows.append((line, list(row)))
            line = reader.line_num + 1
    except csv.Error as error:
        raise FileUnreadable(
            _("Line %(line)s of the CSV file cannot be read (%(error)s).")
            % {"line": line, "error": error}
        ) from None
    return table
