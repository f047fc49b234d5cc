"""The situation picture's charts. Each is drawn from the same rows its table shows.

A chart is None when there is nothing to draw; the page then says so in a sentence.
"""

from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from ekosopimus.lib.charts import Progress, Series, bar_chart, progress_chart
from ekosopimus.lib.formatting import format_meur, format_percent

from ..progress import TargetProgress
from .agreement import SituationPicture
from .national import NationalPicture

# The money breakdowns drawn as charts; the others are tables only.
CHARTED_BREAKDOWNS = ("focus_area", "instrument", "year")


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    svg: str


def _chart(title: str, description: str, svg: str | None) -> Chart | None:
    return Chart(title, description, svg) if svg else None


def _money_chart(rows, *, title: str, description: str = "") -> Chart | None:
    description = description or _(
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
    return _chart(title, description, svg)


def target_progress_row(progress: TargetProgress) -> Progress:
    """One target's progress bar: the level reached, the level the promises would bring, and
    the target, with the same figures in words."""
    promised = progress.forecast if progress.promise.projects else None
    share = format_percent(progress.share, 1 if progress.share % 1 else 0)
    if promised is None:
        text = _("Reached %(level)s of %(target)s (%(share)s); no promises yet.") % {
            "level": _figure(progress.level),
            "target": _figure(progress.target.value),
            "share": share,
        }
    else:
        text = _(
            "Reached %(level)s of %(target)s (%(share)s); promises would bring %(promised)s."
        ) % {
            "level": _figure(progress.level),
            "target": _figure(progress.target.value),
            "share": share,
            "promised": _figure(promised),
        }
    return Progress(
        label=f"{progress.target.focus_area.number} · {progress.target}",
        achieved=progress.level,
        target=progress.target.value,
        promised=promised,
        text=text,
    )


def _figure(value) -> str:
    return floatformat(value, "-1g")


def targets_chart(targets: list[TargetProgress]) -> Chart | None:
    """A progress bar per target: reached, promised and the target itself."""
    title = _("Progress to the targets")
    description = _(
        "One bar per target: the dark part is the level reached, the light part the level the "
        "granted and proposed projects promise, the black mark the target. The text under each "
        "bar and the table give the figures."
    )
    svg = progress_chart(
        title=title, description=description, rows=[target_progress_row(p) for p in targets]
    )
    return _chart(title, description, svg)


def picture_charts(picture: SituationPicture) -> dict[str, Chart | None]:
    """Charts of one agreement's picture, keyed by what they show."""
    charts: dict[str, Chart | None] = {
        key: _money_chart(picture.breakdown(key).rows, title=picture.breakdown(key).title)
        for key in CHARTED_BREAKDOWNS
        if any(b.key == key for b in picture.breakdowns)
    }
    title = _("Projects by status")
    description = _("Number of projects in each status; the table beside gives the figures.")
    charts["pipeline"] = _chart(
        title,
        description,
        bar_chart(
            title=title,
            description=description,
            categories=[row.label for row in picture.pipeline],
            series=[Series(_("Projects"), [row.projects for row in picture.pipeline])],
            value_format=lambda value: str(int(value)),
        ),
    )
    title = _("Money by status")
    description = _(
        "Planned and granted money of the projects in each status; the table beside gives "
        "the figures."
    )
    charts["pipeline_money"] = _chart(
        title,
        description,
        bar_chart(
            title=title,
            description=description,
            categories=[row.label for row in picture.pipeline],
            series=[
                Series(_("Planned"), [row.planned for row in picture.pipeline]),
                Series(_("Granted"), [row.granted for row in picture.pipeline]),
            ],
            value_format=format_meur,
        ),
    )
    charts["targets"] = targets_chart(picture.targets)
    return charts


def national_charts(picture: NationalPicture) -> dict[str, Chart | None]:
    """Charts of the national picture: money per city region."""
    return {
        "money": _money_chart(
            [row.money for row in picture.rows],
            title=_("Money by city region"),
            description=_(
                "Planned, granted and paid money of each city region's portfolio; the table "
                "beside the chart gives the figures."
            ),
        )
    }
