"""Benchmark of revising Kuopio with PROJECTS linked projects (1,000 unless set), on a fresh
embedded SQLite database (or DATABASE_URL).

Each project links to a focus area, an action group and an action plan measure, and has money;
the targets are mapped to indicators. The revision is Kuopio's own data with one measure
reworded and one new measure: every link carries over by itself. Timed: the carry-over plan,
the impact preview (the publication rehearsed and rolled back, with both situation pictures)
and the publication itself, each on a copy of the prepared database; generating the portfolio
is not timed. Prints the median and slowest of RUNS runs.

Run with ``make benchmark-revision``.
"""

import copy
import os
import random
import shutil
import statistics
import sys
import time
from datetime import date
from decimal import Decimal

from fresh_database import fresh_database

RUNS = 3


def generate(count: int) -> None:
    """Bulk-write ``count`` linked Kuopio projects with their history, as an import would."""
    from ekosopimus.agreements.models import ActionPlanItem, Agreement
    from ekosopimus.lib import bulk
    from ekosopimus.monitoring.models import IndicatorDefinition, TargetContribution
    from ekosopimus.monitoring.services import indicator_catalogue_load
    from ekosopimus.portfolio.models import BudgetLine, Project

    indicator_catalogue_load()
    rng = random.Random(2025)
    kuopio = Agreement.objects.get(slug="kuopio")
    items = list(
        ActionPlanItem.objects.filter(plan__version__agreement=kuopio, focus_area__isnull=False)
    )
    indicator = IndicatorDefinition.objects.get(code="RCO01")
    for focus_area in kuopio.versions.get().focus_areas.all():
        for target in focus_area.targets.all():
            TargetContribution.objects.create(target=target, indicator=indicator)
    projects, links, lines = [], [], []
    for n, pk in enumerate(bulk.reserve_ids(Project, count)):
        item = rng.choice(items)
        projects.append(
            {
                "id": pk,
                "agreement_id": kuopio.pk,
                "code": f"R{n:05d}",
                "name": f"Kuopion hanke {n}",
                "status": rng.choice(["ongoing", "granted", "idea", "preparation"]),
                "programme_period": "2021-2027",
                "start_date": date(2023, 1, 1),
                "end_date": date(2025, 12, 31),
                "action_group_id": item.action_group_id,
                "action_plan_item_id": item.pk,
            }
        )
        links.append({"project_id": pk, "focusarea_id": item.focus_area_id})
        amount = Decimal(rng.randrange(100, 900) * 1000)
        lines.append(
            {
                "project_id": pk,
                "source": "eu_state",
                "instrument": "ERDF",
                "planned": amount,
                "granted": amount,
                "paid": 0,
            }
        )
    bulk.insert(Project, projects)
    bulk.insert(Project.focus_areas.through, links)
    bulk.insert(BudgetLine, lines)
    bulk.record_history(Project, projects, user=None, reason="Benchmark", change="+")


def revised_data() -> dict:
    from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR, read_agreement_file

    data = copy.deepcopy(read_agreement_file(BUNDLED_DATA_DIR / "kuopio.yaml"))
    items = data["action_plan"]["items"]
    items[0]["measure"] = items[0]["measure"].replace("kehittämisalusta", "kehitysalusta")
    items.insert(3, {**items[3], "measure": "Uusi terveysdatan kokeiluympäristö"})
    return data


def main() -> None:
    count = int(os.environ.get("PROJECTS", "1000"))
    workdir = fresh_database()
    generate(count)
    from django.db import connections

    from ekosopimus.agreements.models import Agreement
    from ekosopimus.agreements.services.revisions import RevisionRecord
    from ekosopimus.revisions.impact import revision_impact
    from ekosopimus.revisions.plan import carry_over_plan
    from ekosopimus.revisions.services import revision_publish_data

    sqlite = connections["default"].vendor == "sqlite"
    database = workdir / "ekosopimus.sqlite3"
    prepared = workdir / "prepared.sqlite3"
    if sqlite:
        connections.close_all()
        shutil.copy(database, prepared)
    from ekosopimus.analysis.similarity.text import dictionaries_load

    started = time.perf_counter()
    dictionaries_load()  # once per process, as a server does when it starts
    loading = time.perf_counter() - started
    data = revised_data()
    times: dict[str, list[float]] = {"plan": [], "preview": [], "publish": []}
    for _run in range(RUNS):
        if sqlite:
            connections.close_all()
            shutil.copy(prepared, database)
            for suffix in ("-wal", "-shm"):
                (workdir / f"ekosopimus.sqlite3{suffix}").unlink(missing_ok=True)
        kuopio = Agreement.objects.get(slug="kuopio")
        started = time.perf_counter()
        plan = carry_over_plan(agreement=kuopio, data=data)
        times["plan"].append(time.perf_counter() - started)
        assert not plan.unsettled, "every link should carry over by itself"
        started = time.perf_counter()
        impact = revision_impact(plan=plan, data=data)
        times["preview"].append(time.perf_counter() - started)
        assert not impact.problems, impact.problems
        started = time.perf_counter()
        revision_publish_data(
            agreement=kuopio,
            data=data,
            record=RevisionRecord(
                initiated_by="Kuopion kaupunki", enters_into_force_on=date.today()
            ),
            source="benchmark",
            by=None,
        )
        times["publish"].append(time.perf_counter() - started)
        if not sqlite:
            break  # another database is not copied back: one run only
    print(f"Kuopio, {count} linked projects ({plan.link_count} links), {len(times['plan'])} runs")
    print(f"{'loading the lemmatiser dictionaries (once per process)':60s} {loading:6.2f} s")
    for step, label in (
        ("plan", "carry-over plan (matching, links found)"),
        ("preview", "impact preview (rehearsed publication, both pictures)"),
        ("publish", "publication (new version, links carried, history)"),
    ):
        values = times[step]
        print(
            f"{label:60s} median {statistics.median(values):6.2f} s, slowest {max(values):6.2f} s"
        )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
