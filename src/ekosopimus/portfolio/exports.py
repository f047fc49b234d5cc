"""The portfolio as a spreadsheet: XLSX and CSV with Finnish headers.

Headers that mean the same as in a EURA list are spelled as there, so that an exported file can
be read back by the import. Every text cell that a spreadsheet would run as a formula is
neutralised.
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from django.db.models import QuerySet
from django.utils import translation

from ekosopimus.lib import sheets

from .models import BudgetLine, FundingSource, Project

SOURCE_HEADERS = {
    FundingSource.EU_STATE: "EU- ja valtion rahoitus",
    FundingSource.MUNICIPAL: "kuntarahoitus",
    FundingSource.OTHER_PUBLIC: "muu julkinen rahoitus",
    FundingSource.PRIVATE: "yksityinen rahoitus",
}
STATES = (("planned", "Suunniteltu"), ("granted", "Myönnetty"), ("paid", "Toteutunut"))
HEADERS = [
    "Hankekoodi",
    "Ryhmähanketunnus",
    "Hankkeen nimi",
    "Tila",
    "Ohjelmakausi",
    "Painopisteet",
    "Toimenpidekokonaisuus",
    "Toimenpide",
    "Menetelmällinen kategoria",
    "Toteuttajan nimi",
    "Toteuttajan Y-tunnus",
    "Osatoteuttajat",
    "Rahoittava viranomainen",
    "Rahasto",
    "Aloituspvm",
    "Päättymispvm",
    *(f"{state} {label}" for label in SOURCE_HEADERS.values() for _key, state in STATES),
    # Public and total sums as a EURA list gives them, so that an import reads the file back.
    "Suunniteltu julkinen rahoitus",
    "Toteutunut julkinen rahoitus",
    "Suunniteltu rahoitus yhteensä",
    "Myönnetty rahoitus yhteensä",
    "Toteutunut rahoitus yhteensä",
    "Koordinaatiohanke",
    "Esimerkkiaineisto",
    "Tiivistelmä",
]
FUND_NAMES = {
    "ERDF": "EAKR",
    "ESF": "ESR",
    "ESF+": "ESR+",
    "JTF": "JTF",
    "AKKE": "AKKE",
    "RRF": "RRF",
}
ZERO = Decimal(0)


def _money(lines: Iterable[BudgetLine]) -> list[Decimal]:
    sums = {(source, state): ZERO for source in SOURCE_HEADERS for state, _label in STATES}
    for line in lines:
        for state, _label in STATES:
            sums[(line.source, state)] += getattr(line, state)
    cells = [sums[(source, state)] for source in SOURCE_HEADERS for state, _label in STATES]
    public = [
        sum(sums[(source, state)] for source in SOURCE_HEADERS if source != FundingSource.PRIVATE)
        for state in ("planned", "paid")
    ]
    totals = [sum(sums[(source, state)] for source in SOURCE_HEADERS) for state, _l in STATES]
    return [*cells, *public, *totals]


def export_rows(projects: QuerySet[Project]) -> Iterator[list[object]]:
    """One list of cells per project, in ``HEADERS`` order; statuses in Finnish."""
    projects = projects.select_related(
        "lead_implementer", "funding_authority", "action_group", "action_plan_item",
        "method_category",
    ).prefetch_related("focus_areas", "co_implementers", "budget_lines")  # fmt: skip
    with translation.override("fi"):
        for project in projects.order_by("code", "name", "pk").iterator(chunk_size=2000):
            lines = list(project.budget_lines.all())
            lead = project.lead_implementer
            item = project.action_plan_item
            yield [
                project.code,
                project.group_code,
                project.name,
                str(project.get_status_display()),
                project.programme_period,
                ", ".join(area.number for area in project.focus_areas.all()),
                project.action_group.number if project.action_group else "",
                item.measure if item else "",
                project.method_category.name if project.method_category else "",
                lead.name if lead else "",
                (lead.business_id or "") if lead else "",
                "; ".join(partner.name for partner in project.co_implementers.all()),
                project.funding_authority.name if project.funding_authority else "",
                ", ".join(
                    sorted({FUND_NAMES[line.instrument] for line in lines if line.instrument})
                ),  # fmt: skip
                project.start_date,
                project.end_date,
                *_money(lines),
                "kyllä" if project.is_coordination_project else "",
                "kyllä" if project.is_sample else "",
                project.summary,
            ]


def write_xlsx(rows: Iterable[list[object]], stream: IO[bytes]) -> int:
    """Write the portfolio's ``rows`` as an XLSX workbook; returns the number of rows."""
    return sheets.write_xlsx(rows, stream, headers=HEADERS, title="Hankkeet")


def write_csv(rows: Iterable[list[object]], stream: IO[bytes]) -> int:
    """Write the portfolio's ``rows`` as a CSV list; returns the number of rows."""
    return sheets.write_csv(rows, stream, headers=HEADERS)
