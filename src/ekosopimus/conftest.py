"""The shared fixture set: both seed agreements loaded, and users of two city regions."""

import os
import shutil
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.urls import reverse

from ekosopimus.agreements.models import Agreement
from ekosopimus.agreements.services import agreements_load_bundled


@pytest.fixture
def agreements(db) -> dict[str, Agreement]:
    """Kuopio and Helsinki–Espoo–Vantaa, loaded from the bundled data files."""
    agreements_load_bundled()
    return {agreement.slug: agreement for agreement in Agreement.objects.all()}


@pytest.fixture
def kuopio(agreements) -> Agreement:
    return agreements["kuopio"]


@pytest.fixture
def hev(agreements) -> Agreement:
    return agreements["helsinki-espoo-vantaa"]


def _user(username: str, *, role: str = "", agreement=None, organization=None, **fields):
    from ekosopimus.accounts.services import membership_grant

    user = get_user_model().objects.create_user(
        username=username, password="test-password", **fields
    )
    if role:
        membership_grant(
            user=user, role=role, agreement=agreement, organization=organization, by=None
        )
    return user


@pytest.fixture
def kuopio_user(kuopio):
    """A coordinator of the Kuopio city region."""
    return _user("kuopio-coordinator", first_name="Kaisa", role="coordinator", agreement=kuopio)


@pytest.fixture
def hev_user(hev):
    """A coordinator of the Helsinki–Espoo–Vantaa city region."""
    return _user("hev-coordinator", first_name="Henrik", role="coordinator", agreement=hev)


@pytest.fixture
def kuopio_steering(kuopio):
    """A member of the Kuopio steering group: reads everything of Kuopio, records decisions."""
    return _user("kuopio-steering", first_name="Sami", role="steering_member", agreement=kuopio)


@pytest.fixture
def kuopio_reporter(kuopio, uef):
    """A reporter of the University of Eastern Finland's Kuopio projects."""
    return _user(
        "uef-reporter", first_name="Riikka", role="reporter", agreement=kuopio, organization=uef
    )


@pytest.fixture
def national_viewer(db):
    """A reader of every agreement at the ministry (TEM)."""
    return _user("tem-viewer", first_name="Tuula", role="national_viewer")


@pytest.fixture
def admin_user(db):
    """The installation's administrator."""
    return get_user_model().objects.create_superuser(
        username="admin", password="test-password", email=""
    )


@pytest.fixture
def uef(db):
    """The University of Eastern Finland, a lead implementer in Kuopio."""
    from ekosopimus.organizations.models import Organization
    from ekosopimus.organizations.services import organization_create

    return organization_create(
        name="Itä-Suomen yliopisto", business_id="0245894-7", kind=Organization.Kind.UNIVERSITY
    )


@pytest.fixture
def kuopio_project(kuopio, kuopio_user, uef):
    """A Kuopio project in preparation, linked to the first action group of the health area."""
    from ekosopimus.portfolio.services import project_create

    area = kuopio.versions.get(number=1).focus_areas.get(number="4.1")
    group = area.action_groups.first()
    return project_create(
        agreement=kuopio,
        name="Terveysdatan laatu -hanke",
        summary="Parannetaan terveys- ja hyvinvointidatan laatua ja hyödynnettävyyttä.",
        lead_implementer=uef,
        focus_areas=[area],
        action_group=group,
        status="preparation",
        by=kuopio_user,
    )


@pytest.fixture
def indicators(db):
    """The EU common indicators, loaded from the bundled catalogue."""
    from ekosopimus.monitoring.models import IndicatorDefinition
    from ekosopimus.monitoring.services import indicator_catalogue_load

    indicator_catalogue_load()
    return {indicator.code: indicator for indicator in IndicatorDefinition.objects.all()}


@pytest.fixture
def granted_project(kuopio_project, kuopio_user, indicators):
    """The Kuopio project after the steering group selected it and ERDF money was granted;
    it reports new enterprises supported (RCO01) and enterprises co-operating (RCO02)."""
    from datetime import date
    from decimal import Decimal

    from ekosopimus.portfolio.services import (
        funding_decision_record,
        meeting_create,
        project_budget_set,
        project_propose,
        project_update,
        steering_decision_record,
    )

    project = project_update(
        project=kuopio_project,
        start_date=date(2024, 1, 1),
        end_date=date(2026, 12, 31),
        indicators=[indicators["RCO01"], indicators["RCO02"]],
        by=kuopio_user,
    )
    project_budget_set(
        project=project,
        lines=[
            {"source": "eu_state", "instrument": "ERDF", "planned": Decimal("600000")},
            {"source": "municipal", "planned": Decimal("400000"), "granted": Decimal("400000")},
        ],
        by=kuopio_user,
    )
    meeting = meeting_create(
        agreement=project.agreement,
        held_on=date(2023, 11, 20),
        title="Johtoryhmä 4/2023",
        by=kuopio_user,
    )
    project = project_propose(project=project, meeting=meeting, by=kuopio_user)
    project = steering_decision_record(
        project=project, meeting=meeting, outcome="selected", by=kuopio_user
    ).project
    funding_decision_record(
        project=project,
        outcome="granted",
        decided_on=date(2023, 12, 15),
        amount=Decimal("600000"),
        decision_number="EURA-123",
        instrument="ERDF",
        by=kuopio_user,
    )
    project.refresh_from_db()
    return project


# A real headless Chromium for browser tests (Debian package ``chromium``). Where it is missing
# a browser test is skipped with the reason, unless EKOSOPIMUS_REQUIRE_BROWSER=1 (as CI sets).
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(monkeypatch):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: install the Debian package 'chromium'."
        if os.environ.get("EKOSOPIMUS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the test's own database access
    # happens before any page is opened, so Django's async guard would only get in the way.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(locale="fi-FI")
        yield page
        browser.close()
        # While Playwright's event loop runs, Django keys its connections by that context
        # (asgiref's Local): the test's queries used connections of their own, which would
        # stay open and keep the test database from being dropped on PostgreSQL.
        connections.close_all()


def sign_in(page, client, user, url: str) -> None:
    """Give the browser ``page`` a session of ``user`` on the live server at ``url``."""
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}]
    )


@pytest.fixture(autouse=True)
def own_file_storage(settings, tmp_path):
    """Each test keeps its uploads, rendered files and saved indexes in a folder of its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "files"},
        },
    }


@pytest.fixture(autouse=True)
def fresh_similarity_index():
    """Each test compares against its own projects, never an index kept from another test
    (SQLite reuses the ids of rolled-back rows, so the history alone cannot tell)."""
    from ekosopimus.analysis.similarity.corpus import index_forget

    index_forget()
    yield
    index_forget()


@dataclass
class Downloaded:
    """A file made by background work, fetched as a browser would after asking for it."""

    job: object
    response: object
    content: bytes

    def __getitem__(self, header: str) -> str:
        return self.response[header]


@pytest.fixture
def download():
    """``download(client, url, **query)``: ask for a file that a worker makes (tasks run
    where they are enqueued in tests), follow to the job's page and fetch the file."""
    from ekosopimus.jobs.models import Job

    def fetch(client, url: str, query=None) -> Downloaded:
        asked = client.get(url, query or {})
        assert asked.status_code == 302, asked.status_code
        job = Job.objects.get(pk=asked.url.rstrip("/").split("/")[-1])
        assert job.status == Job.Status.SUCCEEDED, (job.status, job.message)
        response = client.get(reverse("jobs:result", args=[job.pk]))
        return Downloaded(job, response, b"".join(response.streaming_content))

    return fetch


@pytest.fixture
def test_database_url(transactional_db) -> str:
    """The test database's URL, for the processes a test starts (workers, a server): they
    see what the test commits."""
    database = connections["default"].settings_dict
    if connections["default"].vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host, port = database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"
