"""Checking every row of a project list and reading it into plain values.

Real lists are dirty. What cannot be stored truthfully is an error and rejects the file; what
can be read with a safe repair (a broken comma, a blank amount, an unreadable date) is imported
and reported as a warning on its line, so that nothing is changed silently.
"""

import hashlib
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ekosopimus.agreements.models import Instrument
from ekosopimus.lib.business_id import normalise_business_id
from ekosopimus.lib.cells import is_blank, parse_date, parse_euros
from ekosopimus.lib.names import clean_name

from ..models import ProjectStatus
from .columns import FileFormat, Layout
from .money import ZERO, Amounts, eur, one_state_note, read_money
from .reading import Table
from .texts import Reading, TextKind, read_text

CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,19}$")
# The lengths of the project's fields that a list fills.
NAME_LENGTH = 500
CODE_LENGTH = 20
_BROKEN_COMMA = re.compile(r"\s*\|\s*")
_GARBLED_DASH = re.compile(r" [?¿] ")

EURA_STATUSES = {
    "toiminnassa": ProjectStatus.ONGOING,
    "käynnissä": ProjectStatus.ONGOING,
    "toiminta päättynyt": ProjectStatus.CLOSED,
    "päättynyt": ProjectStatus.CLOSED,
    "keskeytynyt": ProjectStatus.DISCONTINUED,
    "keskeytetty": ProjectStatus.DISCONTINUED,
    "myönnetty": ProjectStatus.GRANTED,
    "rahoitettu": ProjectStatus.GRANTED,
}


@cache
def _statuses() -> dict[str, str]:
    """EURA's statuses, and the Finnish names that Ekosopimus' own export writes."""
    with translation.override("fi"):
        own = {str(label).casefold(): value for value, label in ProjectStatus.choices}
    return {**own, **EURA_STATUSES}


FUNDS = {
    "eakr": Instrument.ERDF,
    "erdf": Instrument.ERDF,
    "esr": Instrument.ESF,
    "esf": Instrument.ESF,
    "esr+": Instrument.ESF_PLUS,
    "esf+": Instrument.ESF_PLUS,
    "jtf": Instrument.JTF,
    "akke": Instrument.AKKE,
    "rrf": Instrument.RRF,
}
# 2007–2020 codes say the fund in their first letter.
FUND_BY_CODE_LETTER = {"A": Instrument.ERDF, "S": Instrument.ESF}


def _clean(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_name(str(value))


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or repaired) on one line of the file."""

    line: int
    column: str
    message: str


@dataclass
class ProjectRow:
    """A row that passed the checks: the values a project is created or updated from."""

    line: int
    code: str
    name: str
    status: str
    group_code: str = ""
    summary: str = ""
    instrument: str = ""
    authority: str = ""
    lead_name: str = ""
    lead_business_id: str | None = None
    co_implementers: list[str] = field(default_factory=list)
    start_date: date | None = None
    end_date: date | None = None
    # source -> (planned, granted, paid), None where the file does not state the amount
    money: dict[str, Amounts] = field(default_factory=dict)
    focus_area: str = ""
    action_group: str = ""
    fingerprint_value: str = ""

    def fingerprint(self, period: str) -> str:
        """A digest of everything the row says (its line number aside). A project whose last
        import read the same digest is skipped: the file has nothing new for it."""
        money = sorted((source, *amounts) for source, amounts in self.money.items())
        values = (
            period, self.code, self.name, self.status, self.group_code, self.summary,
            self.instrument, self.authority, self.lead_name, self.lead_business_id,
            self.co_implementers, self.start_date, self.end_date, money, self.focus_area,
            self.action_group,
        )  # fmt: skip
        text = "\x1f".join(map(str, values))
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass
class ParsedFile:
    rows: list[ProjectRow]
    errors: list[Problem]
    warnings: list[Problem]
    footer_rows: int = 0


class _File:
    """What the rows of one file share: where each field is, its header, and the values of
    the distinct cells read so far.

    Lists repeat the same implementers, authorities, dates and IDs on thousands of rows, so
    each distinct text cell is cleaned, and each distinct date and business ID read, once per
    file. Only text is remembered: a dict would take True for 1 and 1.0.
    """

    def __init__(self, layout: Layout, header: list[object]):
        self.layout, self.header = layout, header
        self.positions = layout.positions
        self.names = tuple(layout.positions)
        self.width = max(layout.positions.values()) + 1
        # All of a row's fields in one call, done in C.
        self.pick = operator.itemgetter(*layout.positions.values())
        self.texts: dict[str, str] = {}
        self.readings: dict[tuple, Reading] = {}
        # Field -> lines whose cell lost only spaces at its ends: reported once per column.
        self.trimmed: dict[str, list[int]] = defaultdict(list)
        self.dates: dict[str, date | None] = {}
        self.business_ids: dict[str, str] = {}
        self.statuses = _statuses()


class _Row:
    """Access to one raw row's cells by field, collecting problems against the header names."""

    __slots__ = ("line", "file", "layout", "values", "errors", "warnings")

    def __init__(self, *, line: int, cells: list[object], file: _File):
        self.line, self.file, self.layout = line, file, file.layout
        if len(cells) >= file.width:
            self.values = dict(zip(file.names, file.pick(cells), strict=True))
        else:
            width = len(cells)
            self.values = {
                name: cells[position] if position < width else None
                for name, position in file.positions.items()
            }
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def column(self, name: str) -> str:
        return str(self.file.header[self.file.positions[name]]).strip()

    def raw(self, name: str) -> object:
        return self.values.get(name)

    def text(self, name: str) -> str:
        value = self.values.get(name)
        if type(value) is str:
            cleaned = self.file.texts.get(value)
            if cleaned is None:
                cleaned = self.file.texts[value] = _clean(value)
            return cleaned
        return "" if value is None else _clean(value)

    def stored(self, name: str, kind: TextKind, *, limit: int | None = None) -> str:
        """A text to be stored, as ``texts.read_text`` reads it; what the reading changed is
        reported on the row (spaces at the ends only, per column)."""
        value = self.values.get(name)
        if type(value) is not str:
            return "" if value is None else _clean(value)
        key = (kind, limit, value)
        reading = self.file.readings.get(key)
        if reading is None:
            reading = self.file.readings[key] = read_text(value, kind=kind, limit=limit)
        if reading.note:
            self.warn(name, reading.note)
        if reading.trimmed:
            self.file.trimmed[name].append(self.line)
        return reading.value

    def error(self, name: str, message: str) -> None:
        column = self.column(name) if name in self.layout.positions else ""
        self.errors.append(Problem(self.line, column, message))

    def warn(self, name: str, message: str) -> None:
        column = self.column(name) if name in self.layout.positions else ""
        self.warnings.append(Problem(self.line, column, message))

    def date(self, name: str) -> date | None:
        value = self.values.get(name)
        if type(value) is str and value in self.file.dates:
            return self.file.dates[value]
        try:
            found = parse_date(value)
        except ValueError as problem:
            self.warn(name, _("%(problem)s; left empty") % {"problem": problem})
            return None
        if type(value) is str:
            self.file.dates[value] = found
        return found

    def euros(self, name: str, *, paid: bool = False) -> Decimal | None:
        if name not in self.file.positions:
            return None
        try:
            amount = parse_euros(self.values.get(name))
        except ValueError as problem:
            self.error(name, str(problem))
            return None
        if amount is None:
            self.warn(name, _("no amount; read as 0 €"))
            return ZERO
        if amount < 0:
            if paid:
                self.warn(
                    name,
                    _("a negative realised amount (%(amount)s); read as 0 €")
                    % {"amount": eur(amount)},
                )
                return ZERO
            self.error(name, _("a planned or granted amount cannot be negative"))
            return None
        return amount


def parse_table(
    table: Table, layout: Layout, *, progress: Callable[[str, int, int], None] | None = None
) -> ParsedFile:
    """Check every row of ``table``; the result holds the good rows and every problem found."""
    records = table.rows
    footer = 0
    # The EURA 2021 export ends with rows of totals and a date: no project code, no name.
    while records and _is_footer(records[-1][1], layout):
        records = records[:-1]
        footer += 1
    parsed = ParsedFile(rows=[], errors=[], warnings=[], footer_rows=footer)
    file = _File(layout, table.header)
    seen: dict[str, int] = {}
    for number, (line, cells) in enumerate(records, start=1):
        if progress is not None and number % 1000 == 0:
            progress("check", number, len(records))
        row = _Row(line=line, cells=cells, file=file)
        result = _parse_row(row, seen)
        if row.errors:
            parsed.errors.extend(row.errors)
        if row.warnings:
            parsed.warnings.extend(row.warnings)
        if result is not None and not row.errors:
            parsed.rows.append(result)
    _repair_authorities(parsed, layout, table.header)
    parsed.warnings += _file_notes(file)
    if progress is not None:
        progress("check", len(records), len(records))
    return parsed


# A column's trimmed cells are listed by line up to this many; the rest are counted.
TRIMMED_LINES_SHOWN = 10


def _file_notes(file: _File) -> list[Problem]:
    """What the import read the same way on many rows, said once for the whole file."""
    notes = []
    money = one_state_note(file.layout)
    if money:
        notes.append(Problem(0, "", money))
    for name, lines in file.trimmed.items():
        shown = ", ".join(str(line) for line in lines[:TRIMMED_LINES_SHOWN])
        if len(lines) > TRIMMED_LINES_SHOWN:
            shown = _("%(lines)s and %(more)s more") % {
                "lines": shown,
                "more": len(lines) - TRIMMED_LINES_SHOWN,
            }
        column = str(file.header[file.positions[name]]).strip()
        message = ngettext(
            "spaces at the start or end of %(count)s cell were removed (line %(lines)s)",
            "spaces at the start or end of %(count)s cells were removed (lines %(lines)s)",
            len(lines),
        ) % {"count": len(lines), "lines": shown}
        notes.append(Problem(0, column, message))
    return notes


def _is_footer(cells: list[object], layout: Layout) -> bool:
    def cell(field: str) -> object:
        position = layout.positions[field]
        return cells[position] if position < len(cells) else None

    code = str(cell("code") or "").strip().upper()
    return is_blank(cell("name")) and not CODE.match(code)


def _parse_row(row: _Row, seen: dict[str, int]) -> ProjectRow | None:
    code = row.stored("code", TextKind.CODE)
    if not code:
        row.error("code", _("the project code is missing"))
    elif not CODE.match(code):
        row.error("code", _("“%(code)s” is not a project code") % {"code": code})
    elif code in seen:
        row.error(
            "code",
            _("project code %(code)s is already on line %(line)s")
            % {"code": code, "line": seen[code]},
        )
    else:
        seen[code] = row.line

    name = row.stored("name", TextKind.PLAIN, limit=NAME_LENGTH)
    if not name:
        row.error("name", _("the project has no name"))
    elif "|" in name and _BROKEN_COMMA.search(name):
        name = _BROKEN_COMMA.sub(", ", name).strip(" ,")
        row.warn("name", _("a comma was broken into “|”; read as “%(name)s”") % {"name": name})
    # The patterns are searched only in the few names that hold their characters.
    if ("?" in name or "¿" in name) and _GARBLED_DASH.search(name):
        name = _GARBLED_DASH.sub(" – ", name)
        row.warn("name", _("a garbled dash (? or ¿) read as “–”"))
    elif "¿" in name:
        row.warn("name", _("the name has a garbled character (¿)"))

    status_text = row.text("status")
    status = row.file.statuses.get(status_text.casefold())
    if status is None:
        row.error(
            "status",
            _("“%(status)s” is not a project status this import knows (%(known)s)")
            % {"status": status_text, "known": "Toiminnassa, Toiminta päättynyt, Keskeytynyt"},
        )

    instrument = _instrument(row, code)
    lead_name = row.stored("lead_name", TextKind.ORGANISATION)
    lead_business_id = _business_id(row)
    if not lead_name and not lead_business_id:
        row.warn("lead_name", _("no implementer; the project is imported without one"))

    start_date, end_date = row.date("start_date"), row.date("end_date")
    if start_date and end_date and end_date < start_date:
        row.error("end_date", _("the project ends before it starts"))
    money = read_money(row, status)
    if row.errors:
        return None
    return ProjectRow(
        line=row.line,
        code=code,
        name=name[:NAME_LENGTH],
        status=status,
        group_code=row.stored("group_code", TextKind.CODE, limit=CODE_LENGTH),
        summary=_summary(row),
        instrument=instrument,
        authority=row.stored("authority", TextKind.ORGANISATION),
        lead_name=lead_name,
        lead_business_id=lead_business_id,
        co_implementers=_co_implementers(row),
        start_date=start_date,
        end_date=end_date,
        money=money,
        focus_area=row.text("focus_area"),
        action_group=row.text("action_group"),
    )


def _summary(row: _Row) -> str:
    """A summary keeps its lines and spaces as written; only its ends are trimmed."""
    raw = row.raw("summary")
    text = "" if raw is None else str(raw)
    summary = text.strip()
    if summary and summary != text:
        row.file.trimmed["summary"].append(row.line)
    return summary


def _co_implementers(row: _Row) -> list[str]:
    raw = row.raw("co_implementers")
    if is_blank(raw):
        return []
    names = []
    for part in str(raw).split(";"):
        # Spaces around the semicolons only separate the names.
        reading = read_text(part, kind=TextKind.ORGANISATION)
        if reading.note:
            row.warn("co_implementers", reading.note)
        if reading.value:
            names.append(reading.value)
    return names


def _instrument(row: _Row, code: str) -> str:
    fund = row.text("fund")
    if fund:
        instrument = FUNDS.get(fund.casefold())
        if instrument is None:
            row.error(
                "fund",
                _("“%(fund)s” is not a fund this import knows (EAKR, ESR, ESR+, JTF)")
                % {"fund": fund},
            )
            return ""
        return instrument
    if row.layout.file_format != FileFormat.EURA_2021:
        return FUND_BY_CODE_LETTER.get(code[:1], "")
    return ""


def _business_id(row: _Row) -> str | None:
    text = row.text("lead_business_id")
    if not text:
        return None
    known = row.file.business_ids.get(text)
    if known is not None:
        return known
    try:
        known = row.file.business_ids[text] = normalise_business_id(text)
    except ValidationError as problem:
        row.error("lead_business_id", problem.messages[0])
        return None
    return known


def _repair_authorities(parsed: ParsedFile, layout: Layout, header: list[object]) -> None:
    """An authority cell that starts with a fragment of the project name (a broken comma shifted
    it) is read as the authority named in other rows that it ends with."""
    if "authority" not in layout.positions:
        return
    column = str(header[layout.positions["authority"]]).strip()
    counts = Counter(row.authority for row in parsed.rows if row.authority)
    common = sorted((name for name, count in counts.items() if count > 1), key=len, reverse=True)
    for row in parsed.rows:
        if not row.authority or counts[row.authority] > 1:
            continue
        for name in common:
            if row.authority.endswith(" " + name):
                parsed.warnings.append(
                    Problem(
                        row.line,
                        column,
                        _("“%(value)s” carries a fragment of the project name; read as “%(name)s”")
                        % {"value": row.authority, "name": name},
                    )
                )
                row.authority = name
                break
