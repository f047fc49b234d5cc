"""The annual reports as documents: which blocks, in which order, with which figures."""

from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ekosopimus.analysis.models import OverlapReview

from .annual import AnnualReport, NationalAnnualReport
from .document import Column, Document, Heading, Paragraph, Table, cell_text

# Beyond this many rows of a kind, the annual report counts rather than lists.
LISTED = 50


def money_table(breakdown, *, sheet: str = "") -> Table:
    return Table(
        caption=breakdown.title,
        columns=[
            Column(_("Row")),
            Column(_("Planned"), "eur"),
            Column(_("Granted"), "eur"),
            Column(_("Paid"), "eur"),
            Column(_("Projects"), "int"),
        ],
        rows=[
            [row.label, row.planned, row.granted, row.paid, row.projects]
            for row in [*breakdown.rows, breakdown.total]
        ],
        has_total=True,
        sheet=sheet,
    )


def pipeline_table(picture) -> Table:
    return Table(
        caption=_("Projects by status"),
        columns=[
            Column(_("Status")),
            Column(_("Projects"), "int"),
            Column(_("Planned"), "eur"),
            Column(_("Granted"), "eur"),
        ],
        rows=[[r.label, r.projects, r.planned, r.granted] for r in picture.pipeline if r.projects],
        empty=_("The agreement has no projects yet."),
        sheet=_("Projects by status"),
    )


def targets_table(picture) -> Table:
    return Table(
        caption=_("Targets: achieved, promised and forecast"),
        columns=[
            Column(_("Focus area")),
            Column(_("Target")),
            Column(_("Achieved"), "int"),
            Column(_("Promised by granted projects"), "int"),
            Column(_("Promised by proposed projects"), "int"),
            Column(_("If the promises are kept"), "int"),
            Column(_("Status")),
        ],
        rows=[
            [
                t.target.focus_area.number,
                str(t.target),
                t.level,
                t.promise.granted if t.promise.projects else None,
                t.promise.pipeline if t.promise.projects else None,
                t.forecast,
                str(t.status.label),
            ]
            for t in picture.targets
        ],
        empty=_("The agreement sets no quantitative targets."),
        sheet=_("Targets"),
    )


def rules_table(picture, caption: str) -> Table:
    return Table(
        caption=caption,
        columns=[Column(_("Rule")), Column(_("Status")), Column(_("Explanation"))],
        rows=[[r.title, str(r.status.label), r.sentence] for r in picture.rules.rules],
        empty=_("No rules to evaluate."),
        sheet=_("Rules"),
    )


def annual_title(report: AnnualReport) -> str:
    return _("Annual report %(year)s – %(region)s") % {
        "year": report.year,
        "region": report.agreement.city_region,
    }


def _draft_note(report: AnnualReport) -> str:
    missing = sum(1 for n in report.narratives if not n.is_approved)
    return ngettext(
        "Draft: %(count)s focus area's narrative is not yet approved by the steering group.",
        "Draft: %(count)s focus areas' narratives are not yet approved by the steering group.",
        missing,
    ) % {"count": missing}


# The counts come after the euros: a PDF's text runs a count and a sum in adjacent cells
# together ("1 600 000 €").
def _grouped_decisions(decisions) -> list[list]:
    groups: dict[tuple, list] = {}
    for d in decisions:
        key = (d.get_body_display(), d.get_outcome_display())
        count, amount = groups.get(key, (0, None))
        if d.amount is not None:
            amount = (amount or Decimal(0)) + d.amount
        groups[key] = (count + 1, amount)
    return [[body, outcome, amount, count] for (body, outcome), (count, amount) in groups.items()]


def _grouped_reports(reports) -> list[list]:
    groups: dict[str, list] = {}
    for r in reports:
        count, spent = groups.get(r.get_status_display(), (0, Decimal(0)))
        groups[r.get_status_display()] = (count + 1, spent + (r.spent or 0))
    return [[status, spent, count] for status, (count, spent) in groups.items()]


def _too_many(count: int, what: str) -> Paragraph:
    return Paragraph(
        _("%(count)s %(what)s: too many to list one by one; the counts above sum them up.")
        % {"count": count, "what": what},
        "note",
    )


def changes_blocks(changes, *, listed: int | None = None) -> list:
    """The period's new projects, decisions and progress reports. With ``listed``, each kind
    is first counted, and listed one by one only up to ``listed`` rows, so that a year of a
    large portfolio stays readable (and quick to lay out)."""
    decisions = [*changes.steering_decisions, *changes.funding_decisions]
    blocks: list = []
    if listed is not None:
        blocks += [
            Table(
                caption=_("Decisions by kind"),
                columns=[
                    Column(_("Decided by")),
                    Column(_("Decision")),
                    Column(_("Granted"), "eur"),
                    Column(_("Decisions"), "int"),
                ],
                rows=_grouped_decisions(decisions),
                empty=_("None."),
                sheet=_("Decisions by kind"),
            ),
            Table(
                caption=_("Progress reports by status"),
                columns=[
                    Column(_("Status")),
                    Column(_("Spent"), "eur"),
                    Column(_("Progress reports"), "int"),
                ],
                rows=_grouped_reports(changes.reports),
                empty=_("None."),
                sheet=_("Reports by status"),
            ),
        ]
    tables = [
        Table(
            caption=_("New projects of the 2021–2027 programme"),
            columns=[Column(_("Project")), Column(_("Lead implementer")), Column(_("Status"))],
            rows=[
                [str(p), str(p.lead_implementer or ""), p.get_status_display()]
                for p in changes.new_projects
            ],
            empty=_("None."),
            sheet=_("New projects"),
        ),
        Table(
            caption=_("Decisions"),
            columns=[
                Column(_("Date"), "date"),
                Column(_("Decided by")),
                Column(_("Project")),
                Column(_("Decision")),
                Column(_("Granted"), "eur"),
            ],
            rows=[
                [
                    d.decided_on,
                    d.get_body_display(),
                    str(d.project),
                    d.get_outcome_display(),
                    d.amount,
                ]
                for d in [*changes.steering_decisions, *changes.funding_decisions]
            ],
            empty=_("None."),
            sheet=_("Decisions"),
        ),
        Table(
            caption=_("Progress reports submitted or approved"),
            columns=[
                Column(_("Project")),
                Column(_("Period")),
                Column(_("Status")),
                Column(_("Spent"), "eur"),
            ],
            rows=[
                [
                    str(r.project),
                    f"{date_format(r.period_start, 'SHORT_DATE_FORMAT')}–"
                    f"{date_format(r.period_end, 'SHORT_DATE_FORMAT')}",
                    r.get_status_display(),
                    r.spent,
                ]
                for r in changes.reports
            ],
            empty=_("None."),
            sheet=_("Progress reports"),
        ),
    ]

    counts = [
        (len(changes.new_projects), _("new projects")),
        (len(decisions), _("decisions")),
        (len(changes.reports), _("progress reports")),
    ]
    for table, (count, what) in zip(tables, counts, strict=True):
        blocks.append(table if listed is None or count <= listed else _too_many(count, what))
    return blocks


def _as_of_note(picture) -> list[Paragraph]:
    """How a past year's figures were read back from the history, and what was recorded late."""
    if picture.recorded_later is None:
        return []
    text = _(
        "The money, the projects, the targets and the rules are read back from what the "
        "register held when the year ended: what was recorded after it does not change them."
    )
    late = picture.recorded_later
    if late:
        text += " " + ngettext(
            "%(count)s project was recorded only after the year ended (entered later, or "
            "decided on in the year and recorded afterwards); it is shown as it stands today.",
            "%(count)s projects were recorded only after the year ended (entered later, or "
            "decided on in the year and recorded afterwards); they are shown as they stand "
            "today.",
            late,
        ) % {"count": number_format(late, force_grouping=True)}
    return [Paragraph(text, "note")]


def annual_document(report: AnnualReport) -> Document:
    """The blocks of one agreement's annual report, for every format."""
    picture = report.picture
    blocks: list = []
    if not report.is_final:
        blocks.append(Paragraph(_draft_note(report), "draft"))
    if not report.has_projects:
        blocks.append(Paragraph(_("The agreement has no projects yet."), "note"))
    if report.is_empty_year:
        blocks.append(
            Paragraph(
                _("Nothing was recorded in %(year)s: no new project, decision or progress report.")
                % {"year": report.year},
                "note",
            )
        )
    blocks += [
        Heading(2, _("Money"), "money"),
        Paragraph(
            _("Planned, granted and paid money as it stood on %(day)s.")
            % {"day": date_format(picture.today, "SHORT_DATE_FORMAT")}
        ),
        *_as_of_note(picture),
    ]
    sheets = {"focus_area": _("Money by focus area"), "instrument": _("Money by instrument")}
    sheets["source"] = _("Money by source")
    for breakdown in picture.breakdowns:
        if breakdown.key in sheets:
            blocks.append(money_table(breakdown, sheet=sheets[breakdown.key]))

    blocks += [
        Heading(2, _("Projects"), "projects"),
        pipeline_table(picture),
        Heading(2, _("What changed in %(year)s") % {"year": report.year}, "changes"),
        *changes_blocks(report.changes, listed=LISTED),
        Heading(2, _("Targets"), "targets"),
        targets_table(picture),
        Heading(2, _("The agreement's rules"), "rules"),
        rules_table(picture, _("Each rule at the end of the year")),
        Heading(2, _("Overlaps and collaboration"), "network"),
    ]
    overlaps = report.overlaps
    network = report.network
    concluded = report.overlap_conclusions
    outcome = OverlapReview.Outcome
    blocks.append(
        Table(
            caption=_("Overlaps found and resolved, and the collaboration network"),
            columns=[Column(_("Figure")), Column(_("Value"), "int")],
            rows=[
                [_("Projects compared for overlaps"), overlaps.compared if overlaps else 0],
                [_("Pairs of overlapping projects found"), overlaps.total_pairs if overlaps else 0],
                [
                    _("Of those, pairs with a coordinator's conclusion"),
                    overlaps.reviewed_pairs if overlaps else 0,
                ],
                [
                    _("Conclusions in %(year)s: not an overlap") % {"year": report.year},
                    concluded[outcome.COMPLEMENTARY],
                ],
                [
                    _("Conclusions in %(year)s: resolved by dividing the work")
                    % {"year": report.year},
                    concluded[outcome.COORDINATED],
                ],
                [
                    _("Conclusions in %(year)s: resolved by changing a project")
                    % {"year": report.year},
                    concluded[outcome.CHANGED],
                ],
                [_("Projects in the network"), network.projects],
                [_("Projects with more than one organisation"), network.joint_projects],
                [_("Organisations"), len(network.members)],
                [_("Partnerships"), len(network.partnerships)],
                [_("Organisations working in several city regions"), len(network.across_regions)],
            ],
            sheet=_("Overlaps and network"),
        )
    )
    blocks.append(
        Paragraph(
            _(
                "Pairs are counted as the portfolio stands when the report is made; a "
                "conclusion counts in each year it was recorded or changed, as it stood at the "
                "end of that year."
            ),
            "note",
        )
    )
    blocks.append(Heading(2, _("Focus areas"), "focus-areas"))
    money = next((b for b in picture.breakdowns if b.key == "focus_area"), None)
    money_of = {row.key: row for row in money.rows} if money else {}
    for item in report.narratives:
        area = item.focus_area
        blocks.append(Heading(3, str(area), f"focus-area-{area.number}"))
        row = money_of.get(area.number)
        if row:
            blocks.append(
                Paragraph(
                    _("Granted %(granted)s of %(planned)s planned in %(projects)s projects.")
                    % {
                        "granted": _cell(row.granted),
                        "planned": _cell(row.planned),
                        "projects": row.projects,
                    }
                )
            )
        narrative = item.narrative
        if narrative is None:
            blocks.append(Paragraph(_("No narrative written yet."), "note"))
            continue
        blocks.append(Paragraph(narrative.text))
        if narrative.is_approved:
            blocks.append(
                Paragraph(
                    _("Approved by the steering group (%(who)s) on %(day)s.")
                    % {
                        "who": narrative.approved_by or "–",
                        "day": date_format(narrative.approved_at, "SHORT_DATE_FORMAT"),
                    },
                    "note",
                )
            )
        else:
            blocks.append(Paragraph(_("Draft, not yet approved by the steering group."), "note"))
    return Document(
        title=annual_title(report),
        header=report.agreement.name,
        file_stem=f"vuosiraportti-{report.agreement.slug}-{report.year}",
        generated_at=report.generated_at,
        is_draft=not report.is_final,
        blocks=blocks,
    )


def _cell(value) -> str:
    return cell_text(value, "eur")


def national_title(year: int) -> str:
    return _("National annual report %(year)s") % {"year": year}


def national_document(report: NationalAnnualReport) -> Document:
    """Every agreement side by side; the ones held as a public summary are marked so."""
    rows = []
    for row in [*report.picture.rows, report.picture.total]:
        agreement = row.agreement
        summary_only = agreement.pk and row.is_public_summary
        approved, areas = report.narratives.get(agreement.pk, (None, None))
        changes = report.changes.get(agreement.pk)
        rows.append(
            [
                agreement.city_region,
                _("Public summary only") if summary_only else "",
                row.money.planned,
                row.money.granted,
                row.money.paid,
                row.local_share,
                row.money.projects,
                changes.new_project_count if changes else None,
                row.targets.get("on_track", 0),
                row.targets_behind,
                row.rules.get("broken", 0),
                f"{approved}/{areas}" if areas else None,
            ]
        )
    blocks = [
        Paragraph(
            _(
                "Agreements marked “Public summary only” are held from their public summaries: "
                "their portfolios are not in Ekosopimus and their figures are empty."
            ),
            "note",
        ),
        Heading(2, _("Every city region side by side"), "regions"),
        Table(
            caption=_("The agreements' figures of %(year)s") % {"year": report.year},
            columns=[
                Column(_("City region")),
                Column(_("Data")),
                Column(_("Planned"), "eur"),
                Column(_("Granted"), "eur"),
                Column(_("Paid"), "eur"),
                Column(_("Local share of granted (%)"), "percent"),
                Column(_("Projects"), "int"),
                Column(_("New projects in the year"), "int"),
                Column(_("Targets on track"), "int"),
                Column(_("Targets at risk or off track"), "int"),
                Column(_("Rules broken"), "int"),
                Column(_("Narratives approved")),
            ],
            rows=rows,
            has_total=True,
            sheet=_("City regions"),
        ),
    ]
    return Document(
        title=national_title(report.year),
        header=_("National steering group of the innovation ecosystem agreements"),
        file_stem=f"kansallinen-vuosiraportti-{report.year}",
        generated_at=report.generated_at,
        is_draft=False,
        blocks=blocks,
    )


def summary_document(summary) -> Document:
    """The date-range summary (kooste) as a document, for its DOCX: the same parts as its page
    and PDF."""
    from .rendering import summary_filename, summary_title
    from .summaries import AgreementSummary

    until = date_format(summary.until, "SHORT_DATE_FORMAT")
    period = (
        _("Changes from %(since)s to %(until)s.")
        % {"since": date_format(summary.since, "SHORT_DATE_FORMAT"), "until": until}
        if summary.since
        else _("Changes up to %(until)s.") % {"until": until}
    )
    blocks: list = [Paragraph(period, "note")]
    if isinstance(summary, AgreementSummary):
        picture = summary.picture
        blocks += [
            Heading(2, _("What changed"), "changes"),
            *changes_blocks(summary.changes),
            Heading(2, _("Money"), "money"),
            *[money_table(b, sheet=b.title) for b in picture.breakdowns],
            Heading(2, _("Projects by status"), "projects"),
            pipeline_table(picture),
            Heading(2, _("Progress to the targets"), "targets"),
            targets_table(picture),
            Heading(2, _("The agreement's rules"), "rules"),
            rules_table(picture, _("Each rule as the portfolio stands now")),
        ]
        header = summary.agreement.name
    else:
        blocks += [
            Heading(2, _("Every city region side by side"), "regions"),
            Table(
                caption=_("Every city region side by side"),
                columns=[
                    Column(_("City region")),
                    Column(_("Data")),
                    Column(_("Planned"), "eur"),
                    Column(_("Granted"), "eur"),
                    Column(_("Paid"), "eur"),
                    Column(_("Local share of granted (%)"), "percent"),
                    Column(_("Projects"), "int"),
                ],
                rows=[
                    [
                        row.agreement.city_region,
                        _("Public summary only")
                        if row.agreement.pk and row.is_public_summary
                        else "",
                        row.money.planned,
                        row.money.granted,
                        row.money.paid,
                        row.local_share,
                        row.money.projects,
                    ]
                    for row in [*summary.picture.rows, summary.picture.total]
                ],
                has_total=True,
            ),
        ]
        for agreement, changes in summary.changes:
            blocks += [Heading(2, agreement.city_region), *changes_blocks(changes)]
        header = _("National steering group of the innovation ecosystem agreements")
    return Document(
        title=summary_title(summary),
        header=header,
        file_stem=summary_filename(summary, "docx").removesuffix(".docx"),
        generated_at=summary.generated_at,
        blocks=blocks,
    )
