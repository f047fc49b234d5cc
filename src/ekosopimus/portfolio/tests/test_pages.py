"""The portfolio pages: what the public and coordinators see, and the forms that change projects."""

from datetime import date

import pytest
from django.urls import reverse

from ekosopimus.portfolio.models import Decision, Project
from ekosopimus.portfolio.services import meeting_create, project_budget_set, project_propose


@pytest.fixture
def meeting(kuopio, kuopio_user):
    return meeting_create(
        agreement=kuopio,
        held_on=date(2025, 3, 12),
        title="Johtoryhmä 1/2025",
        attendees=[("Kaisa Koordinaattori", "Kuopion kaupunki", "puheenjohtaja")],
        by=kuopio_user,
    )


def test_the_public_sees_no_project_before_funding_is_granted(client, kuopio_project):
    response = client.get(reverse("portfolio:portfolio", args=["kuopio"]))
    assert response.status_code == 200
    assert kuopio_project.name not in response.content.decode()
    assert client.get(kuopio_project.get_absolute_url()).status_code == 404


def test_the_public_sees_a_granted_project_but_not_its_decisions(client, kuopio_project):
    Project.objects.filter(pk=kuopio_project.pk).update(status="granted")
    page = client.get(kuopio_project.get_absolute_url()).content.decode()
    assert kuopio_project.name in page
    assert "Päätökset" not in page and "Historia" not in page


def test_a_coordinator_sees_the_portfolio_with_money_in_finnish_format(
    client, kuopio_user, kuopio_project
):
    project_budget_set(
        project=kuopio_project,
        lines=[{"source": "eu_state", "instrument": "ERDF", "planned": "1234567.50"}],
        by=kuopio_user,
    )
    client.force_login(kuopio_user)
    page = client.get(reverse("portfolio:portfolio", args=["kuopio"])).content.decode()
    assert kuopio_project.name in page
    assert "1\xa0234\xa0568\xa0€" in page


def test_the_unlinked_filter_lists_only_projects_without_a_focus_area(
    client, kuopio, kuopio_user, kuopio_project
):
    from ekosopimus.portfolio.services import project_create

    project_create(agreement=kuopio, name="Irrallinen hanke", by=kuopio_user)
    client.force_login(kuopio_user)
    url = reverse("portfolio:portfolio", args=["kuopio"]) + "?linkittamattomat=1"
    page = client.get(url).content.decode()
    assert "Irrallinen hanke" in page
    assert kuopio_project.name not in page


def test_a_coordinator_creates_a_project_idea_from_the_form(client, kuopio, kuopio_user, uef):
    client.force_login(kuopio_user)
    area = kuopio.versions.get().focus_areas.get(number="4.2")
    response = client.post(
        reverse("portfolio:project_create", args=["kuopio"]),
        # Typed as a user without JavaScript would: the picker finds it by its name.
        {
            "name": "Vesiklusterin aihio",
            "lead_implementer": "itä-suomen  YLIOPISTO",
            "focus_areas": [area.pk],
        },
    )
    project = Project.objects.get(name="Vesiklusterin aihio")
    assert project.lead_implementer == uef
    assert response.status_code == 302
    assert project.status == "idea"
    assert list(project.focus_areas.all()) == [area]


def test_the_form_refuses_a_focus_area_of_another_agreement(client, hev, kuopio_user):
    client.force_login(kuopio_user)
    foreign = hev.versions.get().focus_areas.first()
    response = client.post(
        reverse("portfolio:project_create", args=["kuopio"]),
        {"name": "Väärä linkki", "focus_areas": [foreign.pk]},
    )
    assert response.status_code == 200
    assert not Project.objects.filter(name="Väärä linkki").exists()


def test_an_impossible_transition_is_refused_with_a_message(client, kuopio_user, kuopio_project):
    client.force_login(kuopio_user)
    response = client.post(
        reverse("portfolio:project_transition", args=[kuopio_project.pk]),
        {"to": "closed", "version": kuopio_project.version},
        follow=True,
    )
    kuopio_project.refresh_from_db()
    assert kuopio_project.status == "preparation"
    assert "ei voi siirtyä tilaan" in response.content.decode()


def test_signed_out_users_cannot_change_a_project(client, kuopio_project):
    response = client.post(
        reverse("portfolio:project_transition", args=[kuopio_project.pk]), {"to": "proposed"}
    )
    assert response.status_code == 302 and "/tili/kirjaudu/" in response["Location"]
    kuopio_project.refresh_from_db()
    assert kuopio_project.status == "preparation"


def test_the_meeting_page_records_decisions_in_a_batch(
    client, kuopio_user, kuopio_project, meeting
):
    project_propose(project=kuopio_project, meeting=meeting, by=kuopio_user)
    client.force_login(kuopio_user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert kuopio_project.name in page
    client.post(
        reverse("portfolio:meeting_decide", args=[meeting.pk]),
        {f"outcome-{kuopio_project.pk}": "selected"},
    )
    kuopio_project.refresh_from_db()
    assert kuopio_project.status == "selected"
    assert Decision.objects.get().meeting == meeting


def test_the_minutes_list_attendees_conflicts_and_decisions(
    client, kuopio_user, kuopio_project, meeting
):
    project_propose(project=kuopio_project, meeting=meeting, by=kuopio_user)
    client.force_login(kuopio_user)
    attendee = meeting.attendees.get()
    client.post(
        reverse("portfolio:meeting_add", args=[meeting.pk, "esteellisyys"]),
        {"attendee": attendee.pk, "project": kuopio_project.pk, "reason": "hallituksen jäsen"},
    )
    client.post(
        reverse("portfolio:meeting_decide", args=[meeting.pk]),
        {f"outcome-{kuopio_project.pk}": "returned", f"rationale-{kuopio_project.pk}": "Tarkenna"},
    )
    minutes = client.get(reverse("portfolio:meeting_minutes", args=[meeting.pk, "html"]))
    text = minutes.content.decode()
    assert "Kaisa Koordinaattori" in text
    assert "hallituksen jäsen" in text
    assert "Tarkenna" in text


def test_a_batch_with_a_missing_rationale_records_nothing(
    client, kuopio_user, kuopio_project, meeting
):
    project_propose(project=kuopio_project, meeting=meeting, by=kuopio_user)
    client.force_login(kuopio_user)
    client.post(
        reverse("portfolio:meeting_decide", args=[meeting.pk]),
        {f"outcome-{kuopio_project.pk}": "rejected"},
    )
    kuopio_project.refresh_from_db()
    assert kuopio_project.status == "proposed"
    assert not Decision.objects.exists()


def test_the_project_page_shows_its_history_with_who(client, kuopio_user, kuopio_project):
    client.force_login(kuopio_user)
    client.post(
        reverse("portfolio:project_transition", args=[kuopio_project.pk]), {"to": "discontinued"}
    )
    page = client.get(kuopio_project.get_absolute_url()).content.decode()
    assert "kuopio-coordinator" in page
    assert "Keskeytetty" in page


def test_the_project_page_opens_for_a_project_written_without_history(
    client, kuopio_user, kuopio_project
):
    kuopio_project.history.all().delete()
    client.force_login(kuopio_user)
    response = client.get(kuopio_project.get_absolute_url())
    assert response.status_code == 200
    assert kuopio_project.name in response.content.decode()


def test_the_project_page_and_form_call_the_summary_a_tiivistelma(
    client, kuopio_user, kuopio_project
):
    # The admin's catalogue says "Yhteenveto" for a bare "Summary", which is a summary
    # document, not a project's abstract.
    client.force_login(kuopio_user)
    page = client.get(kuopio_project.get_absolute_url()).content.decode()
    form = client.get(reverse("portfolio:project_edit", args=[kuopio_project.pk])).content.decode()
    assert "<h3>Tiivistelmä</h3>" in page
    assert "Tiivistelmä" in form and "Yhteenveto" not in form


def test_the_organisation_page_lists_its_projects(client, kuopio_user, kuopio_project, uef):
    client.force_login(kuopio_user)
    page = client.get(uef.get_absolute_url()).content.decode()
    assert kuopio_project.name in page
    assert "0245894-7" in page


def test_the_minutes_export_as_a_pdf_with_the_decisions(
    client, kuopio_user, kuopio_project, meeting, download
):
    import io

    from pypdf import PdfReader

    project_propose(project=kuopio_project, meeting=meeting, by=kuopio_user)
    client.force_login(kuopio_user)
    client.post(
        reverse("portfolio:meeting_decide", args=[meeting.pk]),
        {f"outcome-{kuopio_project.pk}": "selected"},
    )
    response = download(client, reverse("portfolio:meeting_minutes", args=[meeting.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kaisa Koordinaattori" in text
    assert kuopio_project.name in " ".join(text.split())


def test_pdf_export_says_plainly_when_the_libraries_are_missing(monkeypatch):
    import builtins

    from ekosopimus.lib.pdf import PdfUnavailable, html_to_pdf

    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    with pytest.raises(PdfUnavailable, match="Pango"):
        html_to_pdf("<p>x</p>")


def test_a_focus_area_filter_too_long_to_be_an_id_is_ignored(client, kuopio_project):
    response = client.get("/hankkeet/kuopio/?painopiste=117405685698083442827198464")
    assert response.status_code == 200
