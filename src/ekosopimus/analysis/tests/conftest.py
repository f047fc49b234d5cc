"""Projects of two city regions and an earlier programme period, some of them alike."""

import io
from datetime import date

import pytest

from ekosopimus.organizations.models import Organization
from ekosopimus.organizations.services import organization_create
from ekosopimus.portfolio.services import project_create, projects_import

EARLIER_LIST = (
    "Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,Toteuttajan nimi,"
    "Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion rahoitus,"
    "Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus yhteensä\n"
    "A71001,EAKR,Terveysdatan laatu ja hyödyntäminen Pohjois-Savossa,1,Pohjois-Savon liitto,"
    "Päättynyt,1.1.2016,31.12.2018,Itä-Suomen yliopisto,100000,100000,150000,150000\n"
    "A71002,EAKR,Matkailuyritysten talvisesongin markkinointi,1,Lapin liitto,"
    "Päättynyt,1.1.2016,31.12.2018,Lapin yliopisto,100000,100000,150000,150000\n"
)


@pytest.fixture
def savonia(db):
    return organization_create(
        name="Savonia-ammattikorkeakoulu",
        business_id="2472908-2",
        kind=Organization.Kind.UNIVERSITY_OF_APPLIED_SCIENCES,
    )


@pytest.fixture
def helsinki(db):
    return organization_create(
        name="Helsingin kaupunki", business_id="0201256-6", kind=Organization.Kind.CITY
    )


@pytest.fixture
def portfolio(kuopio, hev, kuopio_user, hev_user, kuopio_project, uef, savonia, helsinki):
    """Kuopio: a health data project, an idea much like it, and a water project; Helsinki–
    Espoo–Vantaa: a health data idea of its own; and two projects of 2014–2020."""
    health = kuopio.versions.get().focus_areas.get(number="4.1")
    water = kuopio.versions.get().focus_areas.get(number="4.2")
    projects = {"health": kuopio_project}
    projects["health"].start_date, projects["health"].end_date = (
        date(2024, 1, 1),
        date(2026, 12, 31),
    )
    projects["health"].save()
    projects["health_idea"] = project_create(
        agreement=kuopio,
        name="Terveysdatan laadun parantaminen",
        summary="Terveysdatan ja hyvinvointidatan laatu ja hyödynnettävyys paranevat.",
        lead_implementer=savonia,
        co_implementers=[uef],
        focus_areas=[health],
        action_group=health.action_groups.get(number="4.1.1"),
        start_date=date(2025, 1, 1),
        end_date=date(2027, 6, 30),
        by=kuopio_user,
    )
    projects["water"] = project_create(
        agreement=kuopio,
        name="Vesihuollon digitalisaatio Savilahdessa",
        summary="Älykkäät vesihuollon ratkaisut ja mittausalueet vesilaitoksen kanssa.",
        lead_implementer=savonia,
        co_implementers=[uef],
        focus_areas=[water],
        action_group=water.action_groups.get(number="4.2.1"),
        status="preparation",
        by=kuopio_user,
    )
    projects["hev_health"] = project_create(
        agreement=hev,
        name="Terveysdatan laatu pääkaupunkiseudulla",
        summary="Parannetaan terveysdatan laatua ja hyödynnettävyyttä kaupunkien palveluissa.",
        lead_implementer=helsinki,
        co_implementers=[uef],
        focus_areas=[hev.versions.get().focus_areas.get(number="4.2")],
        by=hev_user,
    )
    projects_import(
        agreement=kuopio,
        stream=io.BytesIO(EARLIER_LIST.encode()),
        filename="eura2014.csv",
        by=kuopio_user,
    )
    from ekosopimus.portfolio.models import Project

    projects["earlier"] = Project.objects.get(code="A71001")
    return projects
