"""The situation picture's charts. Each is drawn from the same rows its table shows."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ekosopimus.lib.charts import Series, bar_chart
from ekosopimus.lib.formatting import format_meur, format_percent

from .agreement import SituationPicture
from .national import NationalPicture


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    svg: str


def _money_chart(breakdown, *, title: str) -> Chart:
    rows = breakdown.rows
    description = _(
        "Bars of planned, granted and paid money for each row; the table beside the chart "
        "gives the figures."
    )
    svg = bar_chart(
        title=title,
        description=description,
        categories=[row.label for row in rows],
        series=[
            Series(_("Planned"), [row.planned for row in rows]),
            Series(_("Granted"), [row.granted for row in rows]),
            Series(_("Paid"), [row.paid for row in rows]),
        ],
        value_format=format_meur,
    )
    return Chart(title, description, svg)


def picture_charts(picture: SituationPicture) -> dict[str, Chart]:
    """Charts of one agreement's picture, keyed by what they show."""
    charts = {
        key: _money_chart(picture.breakdown(key), title=picture.breakdown(key).title)
        for key in ("focus_area", "instrument", "year")
    }
    pipeline = [row for row in picture.pipeline if row.projects]
    title = _("Projects by status")
    description = _("Number of projects in each status; the table beside gives the figures.")
    charts["pipeline"] = Chart(
        title,
        description,
        bar_chart(
            title=title,
            description=description,
            categories=[row.label for row in pipeline],
            series=[Series(_("Projects"), [row.projects for row in pipeline])],
            value_format=lambda value: str(int(value)),
        ),
    )
    if picture.targets:
        title = _("Progress to the targets")
        description = _("Share of each target reached so far; the table gives the figures.")
        charts["targets"] = Chart(
            title,
            description,
            bar_chart(
                title=title,
                description=description,
                categories=[str(progress.target) for progress in picture.targets],
                series=[Series(_("Reached"), [progress.share for progress in picture.targets])],
                value_format=lambda value: format_percent(value, 1 if value % 1 else 0),
            ),
        )
    return charts


def national_charts(picture: NationalPicture) -> dict[str, Chart]:
    """Charts of the national picture: money per city region."""
    title = _("Money by city region")
    description = _(
        "Planned, granted and paid money of each city region's portfolio; the table beside "
        "the chart gives the figures."
    )
    rows = [row.money for row in picture.rows]
    svg = bar_chart(
        title=title,
        description=description,
        categories=[row.label for row in rows],
        series=[
            Series(_("Planned"), [row.planned for row in rows]),
            Series(_("Granted"), [row.granted for row in rows]),
            Series(_("Paid"), [row.paid for row in rows]),
        ],
        value_format=format_meur,
    )
    return {"money": Chart(title, description, svg)}
