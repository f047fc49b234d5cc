"""What a situation picture is narrowed to. Every field comes from the URL, so that a view
can be shared as a link."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Instrument
from ekosopimus.portfolio.models import ProjectStatus


@dataclass(frozen=True)
class SituationFilter:
    focus_area: str = ""  # the focus area's number in the agreement, e.g. "4.1"
    instrument: str = ""
    year: int | None = None  # the year projects start
    status: str = ""
    problems: list[str] = field(default_factory=list, compare=False)

    @classmethod
    def from_query(cls, query, *, focus_areas=()) -> "SituationFilter":
        """Read the filter from a query dict. A value that makes no sense is dropped and
        ``problems`` says so, so that the page can show why the filter was not applied."""
        problems = []
        area = query.get("painopiste", "").strip()
        if area and focus_areas and area not in focus_areas:
            problems.append(_("There is no focus area %(value)s.") % {"value": area})
            area = ""
        instrument = query.get("rahoitus", "").strip()
        if instrument and instrument not in Instrument.values:
            problems.append(_("There is no instrument %(value)s.") % {"value": instrument})
            instrument = ""
        status = query.get("tila", "").strip()
        if status and status not in ProjectStatus.values:
            problems.append(_("There is no project status %(value)s.") % {"value": status})
            status = ""
        year = None
        raw_year = query.get("vuosi", "").strip()
        if raw_year:
            if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100:
                year = int(raw_year)
            else:
                problems.append(_("“%(value)s” is not a year.") % {"value": raw_year})
        return cls(area, instrument, year, status, problems)

    @property
    def is_active(self) -> bool:
        return bool(self.focus_area or self.instrument or self.year or self.status)

    def query_string(self) -> str:
        """The filter as it appears in a URL, for links that keep it."""
        pairs = {
            "painopiste": self.focus_area,
            "rahoitus": self.instrument,
            "vuosi": self.year or "",
            "tila": self.status,
        }
        return urlencode({key: value for key, value in pairs.items() if value})

    def admits(self, project, *, focus_area_ids: set[int]) -> bool:
        """Whether a project (as ``portfolio.rules`` reads it) passes the filter."""
        if self.status and project.status != self.status:
            return False
        if self.instrument and self.instrument not in project.instruments():
            return False
        if self.year and (project.start_date is None or project.start_date.year != self.year):
            return False
        return not (self.focus_area and not focus_area_ids & set(project.focus_area_ids))
