"""A report as a list of blocks (headings, paragraphs, tables of raw values), which the page,
the PDF, the DOCX and the XLSX all lay out: the figures are computed once and formatted by one
function, so the formats cannot disagree."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats
from django.utils.formats import date_format
from django.utils.functional import Promise

from ekosopimus.lib.formatting import format_eur, format_percent


@dataclass
class Column:
    title: str
    # text, eur, int, percent or date: how the renderers format and align the values
    kind: str = "text"

    @property
    def is_number(self) -> bool:
        return self.kind in {"eur", "int", "percent"}


@dataclass
class Heading:
    block = "heading"
    level: int
    text: str
    anchor: str = ""


@dataclass
class Paragraph:
    block = "paragraph"
    text: str
    # "" plain, "note" a remark on the data, "draft" the report's draft warning
    kind: str = ""


@dataclass
class Table:
    block = "table"
    caption: str
    columns: list[Column]
    rows: list[list]
    # The last row is a total (bold, in tfoot).
    has_total: bool = False
    # The workbook sheet's name, where the table gets a sheet of its own.
    sheet: str = ""
    empty: str = ""

    @property
    def body(self) -> list[list]:
        return self.rows[:-1] if self.has_total else self.rows

    @property
    def total(self) -> list | None:
        return self.rows[-1] if self.has_total and self.rows else None

    def cells(self, rows) -> list[list[tuple[str, Column]]]:
        """``rows`` as (text, column) pairs for the templates."""
        return [
            [
                (cell_text(value, column.kind), column)
                for value, column in zip(row, self.columns, strict=True)
            ]
            for row in rows
        ]

    @property
    def body_cells(self):
        return self.cells(self.body)

    @property
    def total_cells(self):
        return self.cells([self.total])[0] if self.total else None


@dataclass
class Document:
    title: str
    # The agreement's name (or the national steering group's), in every DOCX page's header.
    header: str
    file_stem: str
    generated_at: datetime
    is_draft: bool = False
    blocks: list = field(default_factory=list)

    @property
    def navigation(self) -> list[Heading]:
        """The second-level headings, for the page's in-page navigation."""
        return [b for b in self.blocks if isinstance(b, Heading) and b.level == 2 and b.anchor]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def cell_text(value, kind: str = "text") -> str:
    """A value as every text format shows it, in the active language (Finnish downloads)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, Promise):
        return str(value)
    if kind == "eur":
        return format_eur(value)
    if kind == "percent":
        return format_percent(value, 1 if Decimal(value) % 1 else 0)
    if isinstance(value, datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)
