"""A database of the register's real size, for the page and load benchmarks.

The real EURA 2007–2013 list of 19,940 projects is not at hand, so a list of that size and
shape is generated (the columns, codes, statuses, dates and whole-euro amounts of the 2007
lists, a few thousand implementers of whom many recur, some dirt the importer repairs), and
imported into Kuopio's portfolio through the same import as a coordinator's file. Beside it:
the real 2,881-row EURA 2014 list (Kuopio too), a generated 100,000-row EURA 2021 export
(Helsinki–Espoo–Vantaa), some work in progress of Kuopio's own (ideas, proposals, a call, a
steering group meeting, progress reports and target mappings), and users of every role.

``fill()`` fills the database Django is set up on, which must be freshly migrated with the
agreements loaded (``fresh_database()`` gives one). Generating and importing take minutes; the
same seed gives the same data.
"""

import io
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import eura2021

EURA2007_ROWS = 19_940
EURA2021_ROWS = 100_000
EURA2014 = (
    Path(__file__).resolve().parent.parent
    / "src/ekosopimus/portfolio/tests/data/eura2014_projects_2016.csv"
)
EURA2007_HEADERS = (
    "Koodi",
    "Rahasto",
    "Projektin nimi",
    "Ohjelma / osio",
    "Tl",
    "Viranomainen",
    "Toiminnan tila",
    "Aloituspvm",
    "Päättymispvm",
    "Toteuttajan nimi",
    "Myönnetty EU- ja valtion rahoitus",
    "Toteutunut EU- ja valtion rahoitus",
    "Suunniteltu julkinen rahoitus yhteensä",
    "Toteutunut julkinen rahoitus yhteensä",
)
PROGRAMMES = [
    "Itä-Suomen EAKR-toimenpideohjelma",
    "Manner-Suomen ESR-ohjelma / Itä-Suomi",
    "Etelä-Suomen EAKR-toimenpideohjelma",
    "Länsi-Suomen EAKR-toimenpideohjelma",
    "Pohjois-Suomen EAKR-toimenpideohjelma",
]
AUTHORITIES_2007 = [
    "Pohjois-Savon liitto",
    "Pohjois-Savon elinkeino-, liikenne- ja ympäristökeskus",
    "Etelä-Savon maakuntaliitto",
    "Uudenmaan liitto",
    "Tekes",
    "Itä-Suomen lääninhallitus",
]
STATUSES_2007 = [("Toiminta päättynyt", 0.9), ("Toiminnassa", 0.02), ("Keskeytynyt", 0.08)]
TOPICS = [
    "Osaamisen kehittäminen",
    "Yritysten kansainvälistyminen",
    "Hyvinvointiteknologian tutkimusympäristö",
    "Veden laadun seuranta",
    "Puutuoteteollisuuden kehittäminen",
    "Matkailun tuotekehitys",
    "Työllisyyden edistäminen",
    "Nuorten polut työelämään",
    "Energiatehokas rakentaminen",
    "Biotalouden innovaatiot",
    "Kasvuyritysten palvelut",
    "Logistiikan kehittäminen",
]
SUFFIXES = ["Oy", "ry", "kuntayhtymä", "kaupunki", "yliopisto", "ammattikorkeakoulu", "säätiö"]


def eura2007_csv(count: int = EURA2007_ROWS, *, seed: int = 2007) -> bytes:
    """A EURA 2007–2013 project list of ``count`` rows, semicolons and Windows-1252, as the
    lists are delivered."""
    rng = random.Random(seed)
    implementers = [
        f"{rng.choice(TOPICS).split()[0]} {rng.choice(['Savo', 'Karjala', 'Häme', 'Uusimaa'])}"
        f" {rng.choice(SUFFIXES)} {n}"
        for n in range(4000)
    ]
    lines = [";".join(EURA2007_HEADERS)]
    for number in range(count):
        fund, letter = ("EAKR", "A") if rng.random() < 0.7 else ("ESR", "S")
        start = date(2007, 6, 1) + timedelta(days=rng.randrange(0, 2200))
        end = start + timedelta(days=rng.randrange(180, 1300))
        granted = rng.randrange(10, 1500) * 1000
        public = granted + rng.randrange(0, 500) * 1000
        share = rng.random()
        name = f"{rng.choice(TOPICS)} {rng.choice(['I', 'II', 'III', ''])}".strip()
        # Some dirt of real lists: a comma lost as " |", a blank amount, a lead space.
        if number % 97 == 0:
            name = name.replace(" ", " |", 1)
        implementer = rng.choice(implementers)
        if number % 53 == 0:
            implementer = implementer.upper()
        paid = "" if number % 211 == 0 else str(round(granted * share))
        lines.append(
            ";".join(
                [
                    f"{letter}{10000 + number}",
                    fund,
                    f"{name} {number}",
                    rng.choice(PROGRAMMES),
                    str(rng.randrange(1, 6)),
                    rng.choice(AUTHORITIES_2007),
                    eura2021._pick(rng, STATUSES_2007),
                    start.strftime("%-d.%-m.%Y"),
                    end.strftime("%-d.%-m.%Y"),
                    (" " if number % 71 == 0 else "") + implementer,
                    str(granted),
                    paid,
                    str(public),
                    str(round(public * share)),
                ]
            )
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def _import(agreement, content: bytes, filename: str, by) -> None:
    from ekosopimus.portfolio.services import projects_import

    started = time.perf_counter()
    record = projects_import(
        agreement=agreement, stream=io.BytesIO(content), filename=filename, by=by
    )
    print(
        f"  {filename}: {record.rows:,} rows into {agreement.slug} "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )


def _users():
    from django.contrib.auth import get_user_model

    from ekosopimus.accounts.services import membership_grant
    from ekosopimus.agreements.models import Agreement

    kuopio = Agreement.objects.get(slug="kuopio")
    hev = Agreement.objects.get(slug="helsinki-espoo-vantaa")
    users = {}
    for username, role, agreement in (
        ("koordinaattori", "coordinator", kuopio),
        ("ohjausryhma", "steering_member", kuopio),
        ("hev-koordinaattori", "coordinator", hev),
        ("ministerio", "national_viewer", None),
    ):
        user = get_user_model().objects.create_user(username=username, password="salasana-123")
        membership_grant(user=user, role=role, agreement=agreement, by=None)
        users[username] = user
    users["admin"] = get_user_model().objects.create_superuser(
        username="admin", password="salasana-123", email=""
    )
    return users


def _work_in_progress(coordinator) -> None:
    """Ideas, proposals, a call, a meeting with decisions, reports and target mappings of
    Kuopio's own, so that every page has something of each kind to show."""
    from ekosopimus.agreements.models import Agreement, QuantitativeTarget
    from ekosopimus.monitoring.models import IndicatorDefinition
    from ekosopimus.monitoring.services import (
        contribution_add,
        indicator_catalogue_load,
        report_approve,
        report_create,
        report_submit,
    )
    from ekosopimus.organizations.models import Organization
    from ekosopimus.portfolio.services import (
        call_create,
        funding_decision_record,
        meeting_create,
        project_budget_set,
        project_create,
        project_propose,
        steering_decision_record,
    )

    indicator_catalogue_load()
    kuopio = Agreement.objects.get(slug="kuopio")
    version = kuopio.versions.get()
    areas = list(version.focus_areas.all())
    leads = list(Organization.objects.order_by("pk")[:40])
    rco01, rco02 = IndicatorDefinition.objects.filter(code__in=["RCO01", "RCO02"]).order_by("code")
    call = call_create(
        agreement=kuopio,
        title="Ekosysteemihaku 2025",
        opens_on=date(2025, 1, 15),
        closes_on=date(2025, 3, 31),
        budget=Decimal("2000000"),
        focus_areas=areas,
        by=coordinator,
    )
    meeting = meeting_create(
        agreement=kuopio,
        held_on=date(2025, 4, 10),
        title="Johtoryhmä 2/2025",
        attendees=[("Kaisa Koordinaattori", "Kuopion kaupunki", "sihteeri")],
        by=coordinator,
    )
    for number in range(60):
        project = project_create(
            agreement=kuopio,
            name=f"Uusi ekosysteemihanke {number}",
            summary="Kehitetään terveysteknologian ja vesiosaamisen yhteisiä ratkaisuja.",
            focus_areas=[areas[number % len(areas)]],
            lead_implementer=leads[number % len(leads)],
            co_implementers=leads[number % 7 : number % 7 + 2],
            indicators=[rco01, rco02],
            status="preparation",
            start_date=date(2024, 1, 1),
            end_date=date(2026, 12, 31),
            by=coordinator,
        )
        project_budget_set(
            project=project,
            lines=[
                {"source": "eu_state", "instrument": "ERDF", "planned": Decimal("300000")},
                {"source": "municipal", "planned": Decimal("200000")},
            ],
            by=coordinator,
        )
        if number % 2:
            continue
        project = project_propose(project=project, meeting=meeting, call=call, by=coordinator)
        if number % 4:
            continue
        steering_decision_record(
            project=project, meeting=meeting, outcome="selected", by=coordinator
        )
        funding_decision_record(
            project=project,
            outcome="granted",
            decided_on=date(2025, 5, 20),
            amount=Decimal("300000"),
            decision_number=f"EURA-{number}",
            instrument="ERDF",
            by=coordinator,
        )
        project.refresh_from_db()
        report = report_create(
            project=project,
            period_start=date(2024, 1, 1),
            period_end=date(2024, 6, 30),
            values={rco01: 3, rco02: 5},
            narrative="Yhteistyöyritykset mukana pilotoinnissa.",
            by=coordinator,
        )
        report_submit(report=report, by=coordinator)
        report_approve(report=report, by=coordinator)
    for target in QuantitativeTarget.objects.filter(focus_area__version=version):
        contribution_add(target=target, indicator=rco01, by=coordinator)


def users() -> dict:
    """The users ``fill()`` made, by username."""
    from django.contrib.auth import get_user_model

    return {user.username: user for user in get_user_model().objects.all()}


def fill() -> dict:
    """Fill the (fresh, migrated) database with the real-size data; returns the users by
    username (every password is ``salasana-123``)."""
    from django.contrib.auth import get_user_model

    from ekosopimus.agreements.models import Agreement

    print("Generating and importing the real-size data:", file=sys.stderr)
    users = _users()
    coordinator = get_user_model().objects.get(username="koordinaattori")
    kuopio = Agreement.objects.get(slug="kuopio")
    hev = Agreement.objects.get(slug="helsinki-espoo-vantaa")
    _import(kuopio, eura2007_csv(), "eura2007_hankkeet.csv", coordinator)
    _import(kuopio, EURA2014.read_bytes(), EURA2014.name, coordinator)
    with tempfile.TemporaryDirectory() as folder:
        path = eura2021.write(Path(folder) / "eura2021.xlsx", EURA2021_ROWS)
        _import(hev, path.read_bytes(), path.name, users["hev-koordinaattori"])
    _work_in_progress(coordinator)
    return users


if __name__ == "__main__":
    from fresh_database import fresh_database

    workdir = fresh_database()
    fill()
    print(f"The real-size database is in {workdir} (or the database DATABASE_URL names).")
