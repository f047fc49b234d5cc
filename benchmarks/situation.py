"""Benchmark of the situation pictures on a fresh embedded SQLite database (or DATABASE_URL).

Generates 16 agreements × 1,000 projects × 12 half-year report periods × 5 indicators
(960,000 indicator values, and a reported company in every report), then renders the
agreement and national situation pictures through the real views and prints the server time
of each: the median and the slowest of several runs.

Run with ``make benchmark-situation``; ``PROJECTS=200`` makes it smaller.
"""

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from fresh_database import fresh_database

PERIODS = 12
INDICATORS = ("RCO01", "RCO02", "RCO04", "RCO10", "RCR03")
RUNS = 7


def generate(projects_per_agreement: int) -> None:
    """Bulk-write the portfolio and its reports straight to the tables (no history): the
    benchmark measures reading, and the services' one-by-one checks would take hours here."""
    from ekosopimus.agreements.models import ActionGroup, ActionPlanItem, Agreement, FocusArea
    from ekosopimus.lib import bulk
    from ekosopimus.monitoring.models import (
        IndicatorDefinition,
        IndicatorValue,
        ProgressReport,
        ReportedEntity,
        TargetContribution,
    )
    from ekosopimus.portfolio.models import BudgetLine, Project

    rng = random.Random(2027)
    indicators = {i.code: i.pk for i in IndicatorDefinition.objects.filter(code__in=INDICATORS)}
    statuses = ["ongoing"] * 6 + ["granted", "closed", "idea", "preparation", "proposed"]
    for agreement in Agreement.objects.order_by("slug"):
        version = agreement.versions.get()
        areas = list(FocusArea.objects.filter(version=version))
        groups = {a.pk: list(ActionGroup.objects.filter(focus_area=a)) for a in areas}
        items = list(ActionPlanItem.objects.filter(plan__version=version))
        for target in agreement.versions.get().focus_areas.all():
            for t in target.targets.all():
                code = "RCO01" if t.unit == "company" else "RCO02"
                TargetContribution.objects.create(target=t, indicator_id=indicators[code])
        projects, links, lines, reports, values, entities = [], [], [], [], [], []
        ids = bulk.reserve_ids(Project, projects_per_agreement)
        report_ids = iter(bulk.reserve_ids(ProgressReport, projects_per_agreement * PERIODS))
        for n, pk in enumerate(ids):
            area = rng.choice(areas)
            start = date(2022, 1, 1) + timedelta(days=rng.randrange(0, 700))
            status = rng.choice(statuses)
            group = rng.choice(groups[area.pk]) if groups[area.pk] else None
            projects.append(
                {
                    "id": pk,
                    "agreement_id": agreement.pk,
                    "code": f"B{agreement.pk:02d}{n:05d}",
                    "name": f"Hanke {agreement.slug} {n}",
                    "status": status,
                    "programme_period": "2021-2027",
                    "start_date": start,
                    "end_date": start + timedelta(days=3 * 365),
                    "action_group_id": group.pk if group else None,
                    "action_plan_item_id": rng.choice(items).pk if items and n % 3 else None,
                }
            )
            links.append({"project_id": pk, "focusarea_id": area.pk})
            eu = Decimal(rng.randrange(100, 2000) * 1000)
            granted = status in ("ongoing", "granted", "closed")
            for source, instrument, amount in (
                ("eu_state", "ERDF", eu),
                ("municipal", "", eu * Decimal("0.5")),
                ("private", "", eu * Decimal("0.17")),
            ):
                lines.append(
                    {
                        "project_id": pk,
                        "source": source,
                        "instrument": instrument,
                        "planned": amount,
                        "granted": amount if granted else 0,
                        "paid": amount / 3 if granted else 0,
                    }
                )
            for period in range(PERIODS):
                report = next(report_ids)
                first = date(2022 + period // 2, 1 if period % 2 == 0 else 7, 1)
                last = date(first.year, 6, 30) if period % 2 == 0 else date(first.year, 12, 31)
                reports.append(
                    {
                        "id": report,
                        "project_id": pk,
                        "period_start": first,
                        "period_end": last,
                        "status": "approved",
                        "spent": Decimal(rng.randrange(1, 100) * 1000),
                        "narrative": "Raportoitu jakso.",
                    }
                )
                for code in INDICATORS:
                    values.append(
                        {
                            "report_id": report,
                            "indicator_id": indicators[code],
                            "value": Decimal(rng.randrange(0, 4)),
                        }
                    )
                name = f"Yritys {rng.randrange(0, 3000)} Oy"
                entities.append(
                    {
                        "report_id": report,
                        "indicator_id": indicators["RCO01"],
                        "name": name,
                        "business_id": "",
                        "key": name.casefold(),
                    }
                )
        bulk.insert(Project, projects)
        bulk.insert(Project.focus_areas.through, links)
        bulk.insert(BudgetLine, lines)
        bulk.insert(ProgressReport, reports)
        bulk.insert(IndicatorValue, values)
        bulk.insert(ReportedEntity, entities)


def timed(client, url: str) -> tuple[float, float]:
    """Median and slowest server time of rendering ``url``, in milliseconds."""
    client.get(url)  # warm the caches of templates and translations
    times = []
    for _run in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), max(times)


def main() -> None:
    per_agreement = int(os.environ.get("PROJECTS", "1000"))
    fresh_database()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from ekosopimus.accounts.services import membership_grant
    from ekosopimus.agreements.models import Agreement
    from ekosopimus.monitoring.models import IndicatorValue
    from ekosopimus.monitoring.services import indicator_catalogue_load

    indicator_catalogue_load()
    started = time.perf_counter()
    generate(per_agreement)
    print(
        f"database: {connection.vendor}; {Agreement.objects.count()} agreements × "
        f"{per_agreement:,} projects × {PERIODS} periods × {len(INDICATORS)} indicators = "
        f"{IndicatorValue.objects.count():,} indicator values, generated in "
        f"{time.perf_counter() - started:.0f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics, as a database in use would have them
    # The national steering group's reader: the one role that opens every page timed here.
    user = get_user_model().objects.create_user("benchmark")
    membership_grant(user=user, role="national_viewer", by=None)
    client = Client()
    client.force_login(user)
    for label, url in (
        ("agreement situation picture (Kuopio)", "/tilannekuva/kuopio/"),
        ("agreement situation picture (HEV)", "/tilannekuva/helsinki-espoo-vantaa/"),
        ("agreement, filtered (ERDF, 2023)", "/tilannekuva/kuopio/?rahoitus=ERDF&vuosi=2023"),
        ("national situation picture", "/tilannekuva/"),
        ("national, filtered (ERDF, 2023)", "/tilannekuva/?rahoitus=ERDF&vuosi=2023"),
    ):
        median, slowest = timed(client, url)
        print(f"{label:40} median {median:6.0f} ms, slowest {slowest:6.0f} ms ({RUNS} runs)")


if __name__ == "__main__":
    sys.exit(main())
