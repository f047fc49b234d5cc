"""Benchmark of the reports on a fresh embedded SQLite database (or DATABASE_URL).

Generates 1,000 projects on the Kuopio agreement (three budget lines, two progress reports
and, for the granted ones, a steering group and a funding decision in 2024 each), a steering
group meeting with 10 proposals on its agenda, then times what a user waits for: the annual
report page through the real view, and the work a task worker does for each download (the
figures collected and the file laid out). Prints the fastest, median and slowest of RUNS runs.

Run with ``make benchmark-reports``; ``PROJECTS=200`` makes it smaller.
"""

import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from fresh_database import fresh_database

RUNS = int(os.environ.get("RUNS", "5"))
PROPOSALS = 10


def generate(agreement, count: int):
    """Bulk-write the portfolio straight to the tables, with the history of projects and budget
    lines dated in the summer of 2024 and the decisions recorded in 2024, so that the annual
    report of 2024 reads the year back from the history: the benchmark measures reading, and
    the services' one-by-one checks would take long here."""
    from django.utils import timezone

    from ekosopimus.agreements.models import ActionGroup, ActionPlanItem, FocusArea
    from ekosopimus.lib import bulk
    from ekosopimus.monitoring.models import ProgressReport
    from ekosopimus.portfolio.models import (
        AgendaItem,
        BudgetLine,
        Decision,
        Project,
        SteeringGroupMeeting,
    )

    rng = random.Random(2027)
    version = agreement.versions.get()
    areas = list(FocusArea.objects.filter(version=version))
    groups = {a.pk: list(ActionGroup.objects.filter(focus_area=a)) for a in areas}
    items = list(ActionPlanItem.objects.filter(plan__version=version))
    statuses = ["ongoing"] * 6 + ["granted", "closed", "idea", "preparation", "proposed"]
    words = [
        "data",
        "terveys",
        "vesi",
        "energia",
        "yritys",
        "pilotti",
        "alusta",
        "osaaminen",
        "kasvu",
        "vienti",
    ]
    meeting_2024 = SteeringGroupMeeting.objects.create(
        agreement=agreement, held_on=date(2024, 3, 1), title="Johtoryhmä 1/2024"
    )
    projects, links, lines, reports, decisions = [], [], [], [], []
    ids = bulk.reserve_ids(Project, count)
    for n, pk in enumerate(ids):
        area = rng.choice(areas)
        start = date(2022, 1, 1) + timedelta(days=rng.randrange(0, 900))
        status = "proposed" if n < PROPOSALS else rng.choice(statuses)
        group = rng.choice(groups[area.pk]) if groups[area.pk] else None
        projects.append(
            {
                "id": pk,
                "agreement_id": agreement.pk,
                "code": f"B{n:05d}",
                "name": f"Hanke {n}: {' '.join(rng.sample(words, 3))}",
                "summary": " ".join(rng.choice(words) for _ in range(30)),
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
        for half in (0, 1):
            first = date(2024, 1 + 6 * half, 1)
            reports.append(
                {
                    "project_id": pk,
                    "period_start": first,
                    "period_end": date(2024, 6 + 6 * half, 30 + half),
                    "status": "approved",
                    "spent": Decimal(rng.randrange(1, 100) * 1000),
                    "narrative": "Raportoitu jakso.",
                }
            )
        if granted:
            decisions.append(
                {
                    "project_id": pk,
                    "body": Decision.Body.STEERING_GROUP,
                    "outcome": Decision.Outcome.SELECTED,
                    "decided_on": date(2024, 3, 1),
                    "meeting_id": meeting_2024.pk,
                }
            )
            decisions.append(
                {
                    "project_id": pk,
                    "body": Decision.Body.FUNDING_AUTHORITY,
                    "outcome": Decision.Outcome.GRANTED,
                    "decided_on": date(2024, 5, 1),
                    "amount": eu,
                    "decision_number": f"EURA-{n}",
                }
            )
    bulk.insert(Project, projects)
    bulk.insert(Project.focus_areas.through, links)
    bulk.insert(BudgetLine, lines)
    bulk.insert(ProgressReport, reports)
    bulk.insert(Decision, decisions)
    bulk.record_history(Project, projects, user=None, reason="benchmark", change="+")
    saved_lines = [{"id": pk} for pk in BudgetLine.objects.values_list("pk", flat=True)]
    bulk.record_history(BudgetLine, saved_lines, user=None, reason="benchmark", change="+")
    summer = timezone.make_aware(datetime(2024, 6, 1, 12))
    Project.history.update(history_date=summer)
    BudgetLine.history.update(history_date=summer)
    Decision.objects.update(recorded_at=timezone.make_aware(datetime(2024, 12, 31, 12)))
    meeting = SteeringGroupMeeting.objects.create(
        agreement=agreement, held_on=date(2025, 3, 1), title="Johtoryhmä 1/2025"
    )
    for position, pk in enumerate(ids[:PROPOSALS], start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, title=f"Esitys {position}", project_id=pk
        )
    return meeting


def timed(label: str, work) -> None:
    work()  # warm the caches of templates, translations and the similarity index
    times = []
    for _run in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    print(
        f"{label:44} min {min(times):5.2f} s, median {statistics.median(times):5.2f} s, "
        f"max {max(times):5.2f} s ({RUNS} runs)"
    )


def main() -> None:
    count = int(os.environ.get("PROJECTS", "1000"))
    fresh_database()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from ekosopimus.accounts.services import membership_grant
    from ekosopimus.agreements.models import Agreement
    from ekosopimus.reports.annual import annual_report, national_annual_report
    from ekosopimus.reports.compose import annual_document, national_document
    from ekosopimus.reports.meeting import meeting_document, meeting_pack
    from ekosopimus.reports.outputs import document_file
    from ekosopimus.reports.rendering import summary_pdf
    from ekosopimus.reports.summaries import agreement_summary

    kuopio = Agreement.objects.get(slug="kuopio")
    started = time.perf_counter()
    meeting = generate(kuopio, count)
    print(
        f"database: {connection.vendor}; {count:,} projects on Kuopio, generated in "
        f"{time.perf_counter() - started:.0f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user = get_user_model().objects.create_user("benchmark")
    membership_grant(user=user, role="national_viewer", by=None)
    client = Client()
    client.force_login(user)

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    def annual(fmt):
        return lambda: document_file(
            lambda: annual_document(annual_report(agreement=kuopio, year=2024, user=user)), fmt
        )

    def pack(fmt):
        return lambda: document_file(
            lambda: meeting_document(meeting_pack(meeting=meeting, user=user)), fmt
        )

    def summary():
        with translation.override("fi"):
            summary_pdf(agreement_summary(agreement=kuopio, since=date(2024, 1, 1)))

    timed("annual report page", page("/koosteet/kuopio/vuosiraportti/2024/"))
    timed("annual report DOCX", annual("docx"))
    timed("annual report PDF", annual("pdf"))
    timed("annual report XLSX", annual("xlsx"))
    timed(
        "national annual report DOCX",
        lambda: document_file(lambda: national_document(national_annual_report(year=2024)), "docx"),
    )
    timed(f"meeting pack page ({PROPOSALS} proposals)", page(f"/koosteet/kokous/{meeting.pk}/"))
    timed(f"meeting pack DOCX ({PROPOSALS} proposals)", pack("docx"))
    timed(f"meeting pack PDF ({PROPOSALS} proposals)", pack("pdf"))
    timed("date-range summary PDF (existing)", summary)


if __name__ == "__main__":
    sys.exit(main())
