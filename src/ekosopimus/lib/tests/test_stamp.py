"""Figures remembered between requests: kept while nothing changes, made anew after any write
through the services, and never in the way when the cache is down."""

import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache

from ekosopimus.lib import stamp
from ekosopimus.lib.stamp import data_stamp, remembered
from ekosopimus.portfolio.models import Project
from ekosopimus.portfolio.services import project_budget_set, project_create, project_update


@pytest.fixture
def remembering(settings):
    settings.FIGURES_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_the_stamp_changes_with_every_write_through_the_services(kuopio_project, kuopio_user):
    before = data_stamp()
    assert data_stamp() == before
    project = project_update(project=kuopio_project, summary="Uusi tiivistelmä.", by=kuopio_user)
    after_edit = data_stamp()
    assert after_edit != before
    project_budget_set(
        project=project,
        lines=[{"source": "municipal", "planned": Decimal("1000")}],
        by=kuopio_user,
    )
    assert data_stamp() != after_edit


def test_a_figure_is_computed_once_until_the_data_changes(remembering, kuopio_project, kuopio_user):
    made = []

    def compute():
        made.append(1)
        return {"made": len(made)}

    assert remembered("test", 1, compute=compute) == {"made": 1}
    assert remembered("test", 1, compute=compute) == {"made": 1}
    assert remembered("test", 2, compute=compute) == {"made": 2}
    project_update(project=kuopio_project, summary="Muutettu.", by=kuopio_user)
    assert remembered("test", 1, compute=compute) == {"made": 3}


def test_without_remembering_every_call_computes(kuopio):
    made = []
    remembered("test", compute=lambda: made.append(1))
    remembered("test", compute=lambda: made.append(1))
    assert len(made) == 2


def test_a_cache_that_cannot_be_reached_only_costs_the_computing(remembering, kuopio, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(stamp.shared_cache, "get", down)
    monkeypatch.setattr(stamp.shared_cache, "set", down)
    assert remembered("test", compute=lambda: 42) == 42


def test_the_situation_page_shows_a_change_made_a_moment_ago(
    remembering, client, kuopio_user, granted_project
):
    client.force_login(kuopio_user)
    assert "0,60\xa0M€" in client.get("/tilannekuva/kuopio/").content.decode()
    project_budget_set(
        project=granted_project,
        lines=[
            {"source": "eu_state", "instrument": "ERDF", "planned": Decimal("2500000")},
            {"source": "municipal", "planned": Decimal("400000")},
        ],
        by=kuopio_user,
    )
    page = client.get("/tilannekuva/kuopio/").content.decode()
    assert "2,50\xa0M€" in page and "0,60\xa0M€" not in page


def test_a_remembered_page_keeps_its_own_complaint_about_the_query(
    remembering, client, kuopio_user, granted_project
):
    client.force_login(kuopio_user)
    client.get("/tilannekuva/kuopio/")
    page = client.get("/tilannekuva/kuopio/?rahoitus=EIOLE").content.decode()
    assert "EIOLE" in page


@pytest.mark.parametrize(
    ("path", "function", "user"),
    [
        ("/tilannekuva/kuopio/", "ekosopimus.monitoring.situation.kept.situation_picture", "k"),
        ("/tilannekuva/", "ekosopimus.monitoring.situation.kept.national_picture", "n"),
        ("/sopimukset/kuopio/", "ekosopimus.portfolio.rules.rules_evaluate", "k"),
    ],
)
def test_a_page_read_again_does_not_compute_its_figures_again(
    remembering,
    client,
    kuopio_user,
    national_viewer,
    granted_project,
    monkeypatch,
    path,
    function,
    user,
):
    module, name = function.rsplit(".", 1)
    original = getattr(__import__(module, fromlist=[name]), name)
    calls = []

    def counted(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(function, counted)
    client.force_login(kuopio_user if user == "k" else national_viewer)
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200
    assert len(calls) == 1


def test_a_worker_makes_the_figures_ready_before_the_first_reader(
    remembering, client, kuopio_user, granted_project, monkeypatch
):
    from ekosopimus.monitoring.situation import figures_prepare, kept

    # The rules of the 16 agreements, Kuopio's picture (the one with projects), the national.
    assert figures_prepare() == 18
    assert figures_prepare() == 0  # nothing changed
    computed = []
    monkeypatch.setattr(kept, "situation_picture", lambda **kwargs: computed.append(kwargs))
    client.force_login(kuopio_user)
    assert client.get("/tilannekuva/kuopio/").status_code == 200
    assert computed == []


def test_without_remembering_no_figures_are_made_ready(kuopio):
    from ekosopimus.monitoring.situation import figures_prepare

    assert figures_prepare() == 0


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite has one writer at a time: its ids come in the order of the commits",
)
@pytest.mark.django_db(transaction=True)
def test_a_write_committed_after_a_later_one_still_changes_the_stamp(kuopio_project, hev, hev_user):
    from django.db import connection, transaction

    written, go = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                project_update(project=kuopio_project, summary="Hidas kirjoittaja.", by=None)
                written.set()
                go.wait(30)
        finally:
            connection.close()

    # The later writer writes every table the first one does (a project and its links).
    area = hev.versions.get(number=1).focus_areas.first()
    other = project_create(agreement=hev, name="Toinen hanke", focus_areas=[area], by=hev_user)
    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert written.wait(30)
    # A later writer takes higher ids and commits first.
    project_update(project=other, summary="Nopea.", by=None)
    before = data_stamp()
    go.set()
    thread.join(30)
    assert Project.objects.get(pk=kuopio_project.pk).summary == "Hidas kirjoittaja."
    assert data_stamp() != before
