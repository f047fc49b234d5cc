"""Summaries as a web page, a PDF and an XLSX workbook, all from the same summary object.

The PDF is the web page's own HTML body laid out for A4, so the two cannot disagree.
Downloads are always in Finnish, the language the steering groups work in.
"""

import io
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from ekosopimus.lib.cells import neutralise_formula
from ekosopimus.lib.pdf import html_to_pdf
from ekosopimus.monitoring.situation.charts import national_charts, picture_charts

from .summaries import AgreementSummary, Changes, NationalSummary

DOWNLOAD_LANGUAGE = "fi"
EURO_FORMAT = '#,##0.00 "€"'


def summary_title(summary: AgreementSummary | NationalSummary) -> str:
    if isinstance(summary, AgreementSummary):
        return _("Steering group summary – %(region)s") % {"region": summary.agreement.city_region}
    return _("National steering group summary")


def summary_context(summary: AgreementSummary | NationalSummary) -> dict:
    """What the summary templates need, for the page and the PDF alike."""
    if isinstance(summary, AgreementSummary):
        charts = picture_charts(summary.picture)
        sections = [(b, charts.get(b.key)) for b in summary.picture.breakdowns]
        return {
            "summary": summary,
            "agreement": summary.agreement,
            "title": summary_title(summary),
            "charts": charts,
            "money_sections": sections,
            "body": "reports/_agreement_body.html",
        }
    return {
        "summary": summary,
        "title": summary_title(summary),
        "charts": national_charts(summary.picture),
        "body": "reports/_national_body.html",
    }


def summary_filename(summary, extension: str) -> str:
    stamp = summary.generated_at.strftime("%Y-%m-%d")
    if isinstance(summary, AgreementSummary):
        return f"johtoryhman-kooste-{summary.agreement.slug}-{stamp}.{extension}"
    return f"ohjausryhman-kooste-{stamp}.{extension}"


def summary_pdf(summary) -> bytes:
    """The summary as an A4 PDF; raises ``PdfUnavailable`` where PDF cannot be made."""
    with translation.override(DOWNLOAD_LANGUAGE):
        html = render_to_string("reports/document.html", summary_context(summary))
    return html_to_pdf(html)


def summary_docx(summary) -> bytes:
    """The summary as a Word document with the same parts as its page."""
    from .compose import summary_document
    from .word import document_docx

    with translation.override(DOWNLOAD_LANGUAGE):
        return document_docx(summary_document(summary))


def _sheet(book: Workbook, title: str, headers: list[str], rows, *, first: bool = False):
    """A sheet with a bold header row; columns whose header names euros get a euro format."""
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    euro_headers = {_("Planned"), _("Granted"), _("Paid"), _("In the action plan"), _("€")}
    for index, column in enumerate(sheet.columns):
        is_euros = column[0].value in euro_headers
        for cell in column[1:]:
            if is_euros and isinstance(cell.value, Decimal):
                cell.number_format = EURO_FORMAT
        sheet.column_dimensions[column[0].column_letter].width = 40 if index < 2 else 16
    return sheet


def _cell(value):
    if isinstance(value, Promise):  # a lazily translated label
        value = str(value)
    return neutralise_formula(value) if isinstance(value, str) else value


def _day(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _money_rows(breakdown):
    for row in [*breakdown.rows, breakdown.total]:
        yield [breakdown.title, row.label, row.planned, row.granted, row.paid, row.projects]


def _change_rows(region: str, changes: Changes):
    for project in changes.new_projects:
        yield [region, _("New project"), _day(project.created_at.date()), str(project), "", None]
    if changes.imported_not_listed:
        yield [
            region,
            _("New projects"),
            "",
            ngettext(
                "%(count)s new project came with the imports; not listed one by one",
                "%(count)s new projects came with the imports; not listed one by one",
                changes.imported_not_listed,
            )
            % {"count": changes.imported_not_listed},
            "",
            None,
        ]
    for record in changes.imports:
        yield [
            region,
            _("EURA list imported"),
            _day(timezone.localtime(record.imported_at).date()),
            record.file_name,
            _("%(format)s: %(rows)s rows, %(created)s new, %(updated)s updated")
            % {
                "format": record.get_file_format_display(),
                "rows": record.rows,
                "created": record.created,
                "updated": record.updated,
            },
            None,
        ]
    for decision in [*changes.steering_decisions, *changes.funding_decisions]:
        yield [
            region,
            decision.get_body_display(),
            _day(decision.decided_on),
            str(decision.project),
            decision.get_outcome_display(),
            decision.amount,
        ]
    for report in changes.reports:
        yield [
            region,
            _("Progress report"),
            f"{_day(report.period_start)}–{_day(report.period_end)}",
            str(report.project),
            report.get_status_display(),
            report.spent,
        ]


def _title_rows(summary) -> list[list]:
    period = (
        f"{_day(summary.since)}–{_day(summary.until)}" if summary.since else _day(summary.until)
    )
    return [
        [summary_title(summary)],
        [_("Changes in the period"), period],
        [_("Produced"), date_format(summary.generated_at, "SHORT_DATETIME_FORMAT")],
    ]


def summary_xlsx(summary) -> bytes:
    """The summary as a workbook: one sheet per part, euros as numbers."""
    with translation.override(DOWNLOAD_LANGUAGE):
        book = Workbook()
        change_headers = [
            _("City region"),
            _("Kind"),
            _("Date"),
            _("Project"),
            _("Decision"),
            _("€"),
        ]
        if isinstance(summary, AgreementSummary):
            picture = summary.picture
            _sheet(
                book,
                pgettext("workbook sheet", "Summary"),
                ["", ""],
                _title_rows(summary),
                first=True,
            )
            money = [row for b in picture.breakdowns for row in _money_rows(b)]
            headers = [
                _("Breakdown"),
                _("Row"),
                _("Planned"),
                _("Granted"),
                _("Paid"),
                _("Projects"),
            ]
            _sheet(book, _("Money"), headers, money)
            _sheet(
                book,
                _("Projects by status"),
                [_("Status"), _("Projects"), _("Planned"), _("Granted")],
                [[r.label, r.projects, r.planned, r.granted] for r in picture.pipeline],
            )
            _sheet(
                book,
                _("Targets"),
                [
                    _("Focus area"),
                    _("Target"),
                    _("Indicators"),
                    _("To date"),
                    _("Plain sum"),
                    _("Share (%)"),
                    _("Projected"),
                    _("Promised by granted projects"),
                    _("Promised by proposed projects"),
                    _("If the promises are kept"),
                    _("More projects needed"),
                    _("Deadline"),
                    _("Status"),
                    _("Explanation"),
                ],
                [
                    [
                        t.target.focus_area.number,
                        str(t.target),
                        ", ".join(t.indicators),
                        t.level,
                        t.plain_sum,
                        t.share,
                        t.projected,
                        t.promise.granted if t.promise.projects else None,
                        t.promise.pipeline if t.promise.projects else None,
                        t.forecast,
                        t.projects_needed,
                        _day(t.deadline),
                        str(t.status.label),
                        " ".join(part for part in (t.rule, t.outlook) if part),
                    ]
                    for t in picture.targets
                ],
            )
            _sheet(
                book,
                _("Rules"),
                [_("Rule"), _("Status"), _("Explanation")],
                [[r.title, str(r.status.label), r.sentence] for r in picture.rules.rules],
            )
            _sheet(
                book,
                _("Measures with no projects"),
                [_("Focus area"), _("Measure"), _("In the action plan")],
                [
                    [
                        item.focus_area.number if item.focus_area else item.group_label,
                        item.measure,
                        item.planned_amount,
                    ]
                    for item in picture.measures_without_projects
                ],
            )
            changes = list(_change_rows(summary.agreement.city_region, summary.changes))
        else:
            _sheet(
                book,
                pgettext("workbook sheet", "Summary"),
                ["", ""],
                _title_rows(summary),
                first=True,
            )
            _sheet(
                book,
                _("City regions"),
                [
                    _("City region"),
                    _("Data"),
                    _("Planned"),
                    _("Granted"),
                    _("Paid"),
                    _("Local share of granted (%)"),
                    _("Projects"),
                    _("Targets on track"),
                    _("Targets at risk or off track"),
                    _("Rules broken"),
                    _("Rules at risk"),
                ],
                [
                    [
                        row.agreement.city_region,
                        str(row.agreement.get_completeness_display()) if row.agreement.pk else "",
                        row.money.planned,
                        row.money.granted,
                        row.money.paid,
                        row.local_share,
                        row.money.projects,
                        row.targets.get("on_track", 0),
                        row.targets_behind,
                        row.rules.get("broken", 0),
                        row.rules.get("at_risk", 0),
                    ]
                    for row in [*summary.picture.rows, summary.picture.total]
                ],
            )
            changes = [
                row
                for agreement, agreement_changes in summary.changes
                for row in _change_rows(agreement.city_region, agreement_changes)
            ]
        _sheet(book, _("What changed"), change_headers, changes)
        output = io.BytesIO()
        book.save(output)
    return output.getvalue()
