"""No lost update: an edit that started from an older version is refused, in the services, on
the pages (with both versions side by side) and in the API (ETag and If-Match)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ekosopimus.lib.versions import StaleEdit
from ekosopimus.organizations.selectors import organization_label
from ekosopimus.portfolio.models import Project
from ekosopimus.portfolio.services import project_budget_set, project_update


def _form(project) -> dict:
    """The project's edit form as the page would post it unchanged."""
    return {
        "version": project.version,
        "name": project.name,
        "code": project.code,
        "summary": project.summary,
        "lead_implementer": (
            organization_label(project.lead_implementer) if project.lead_implementer else ""
        ),
        "funding_authority": "",
        "start_date": "",
        "end_date": "",
        "call": "",
        "vahvista": "1",
    }


def test_a_service_refuses_an_edit_from_an_older_version_and_changes_nothing(
    kuopio_project, kuopio_user
):
    read = kuopio_project.version
    project_update(project=kuopio_project, summary="B:n tiivistelmä", version=read, by=kuopio_user)
    with pytest.raises(StaleEdit) as refused:
        project_update(project=kuopio_project, name="A:n nimi", version=read, by=kuopio_user)
    assert refused.value.current.version == read + 1
    kuopio_project.refresh_from_db()
    assert (kuopio_project.name, kuopio_project.summary) == (
        "Terveysdatan laatu -hanke",
        "B:n tiivistelmä",
    )


def test_a_stale_in_memory_project_never_overwrites_a_newer_save(kuopio_project, kuopio_user):
    """Services read the project afresh: linking through an object read before another
    user's edit keeps that edit."""
    from ekosopimus.portfolio.services import project_link

    stale = Project.objects.get(pk=kuopio_project.pk)
    project_update(project=kuopio_project, summary="Uusi tiivistelmä", by=kuopio_user)
    project_link(project=stale, focus_areas=list(stale.focus_areas.all()), by=kuopio_user)
    kuopio_project.refresh_from_db()
    assert kuopio_project.summary == "Uusi tiivistelmä"


def test_a_stale_budget_is_refused(kuopio_project, kuopio_user):
    read = kuopio_project.budget_version
    project_budget_set(
        project=kuopio_project,
        lines=[{"source": "municipal", "planned": Decimal("1000")}],
        budget_version=read,
        by=kuopio_user,
    )
    with pytest.raises(StaleEdit):
        project_budget_set(
            project=kuopio_project,
            lines=[{"source": "private", "planned": Decimal("5")}],
            budget_version=read,
            by=kuopio_user,
        )
    assert [line.source for line in kuopio_project.budget_lines.all()] == ["municipal"]


def test_a_stale_form_shows_both_versions_and_loses_nothing(client, kuopio_user, kuopio_project):
    """A and B open the form; B saves the summary; A saves a name change from the stale form:
    A sees the conflict page, and the merge keeps A's name and B's summary."""
    client.force_login(kuopio_user)
    url = reverse("portfolio:project_edit", args=[kuopio_project.pk])
    opened_by_a = _form(kuopio_project)

    by_b = {**_form(kuopio_project), "summary": "B kirjoitti tämän."}
    assert client.post(url, by_b).status_code == 302

    by_a = {**opened_by_a, "name": "A:n uusi nimi"}
    response = client.post(url, by_a)
    assert response.status_code == 409
    page = response.content.decode()
    assert "A:n uusi nimi" in page and "B kirjoitti tämän." in page
    kuopio_project.refresh_from_db()
    assert kuopio_project.name == "Terveysdatan laatu -hanke"  # nothing of A's saved yet

    # Each side changed one field since the version A read: the page proposes A's name and
    # B's summary, and saving the proposal merges them.
    rows = response.context["conflicts"]
    assert {row.name: row.proposed for row in rows} == {"name": "mine", "summary": "theirs"}
    merge = {
        "conflict-merge": "1",
        **{name: value for name, value in response.context["kept"]},
        "version": response.context["version"],
        "conflict-choice:name": "mine",
        "conflict-choice:summary": "theirs",
    }
    for row in rows:
        merge[f"conflict-mine:{row.name}"] = row.mine
        merge[f"conflict-theirs:{row.name}"] = row.theirs
    assert client.post(url, merge).status_code == 302
    kuopio_project.refresh_from_db()
    assert (kuopio_project.name, kuopio_project.summary) == ("A:n uusi nimi", "B kirjoitti tämän.")


def test_keep_mine_saves_every_posted_value_over_the_newer_version(
    client, kuopio_user, kuopio_project
):
    client.force_login(kuopio_user)
    url = reverse("portfolio:project_edit", args=[kuopio_project.pk])
    stale = _form(kuopio_project)
    original_summary = kuopio_project.summary
    client.post(url, {**_form(kuopio_project), "summary": "B:n teksti"})
    conflict = client.post(url, {**stale, "name": "A:n nimi"})
    keep_mine = {
        "conflict-merge": "1",
        "conflict-all": "mine",
        **{name: value for name, value in conflict.context["kept"]},
        "version": conflict.context["version"],
    }
    for row in conflict.context["conflicts"]:
        keep_mine[f"conflict-mine:{row.name}"] = row.mine
        keep_mine[f"conflict-theirs:{row.name}"] = row.theirs
    assert client.post(url, keep_mine).status_code == 302
    kuopio_project.refresh_from_db()
    assert (kuopio_project.name, kuopio_project.summary) == ("A:n nimi", original_summary)


def test_a_stale_budget_form_shows_the_saved_budget_beside_mine(
    client, kuopio_user, kuopio_project
):
    client.force_login(kuopio_user)
    url = reverse("portfolio:project_budget", args=[kuopio_project.pk])
    form = {"budget_version": kuopio_project.budget_version, "municipal-planned": "1000"}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "municipal-planned": "2000"})
    assert response.status_code == 409
    assert "muutettu sillä välin" in response.content.decode()
    assert kuopio_project.budget_lines.get().planned == Decimal("1000")


def _api(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_api_answers_an_etag_and_refuses_a_write_without_or_with_a_stale_if_match(
    kuopio_project, kuopio_user
):
    api = _api(kuopio_user)
    url = f"/api/v1/hankkeet/{kuopio_project.pk}/"
    tag = api.get(url)["ETag"]
    assert tag == f'"{kuopio_project.pk}-{kuopio_project.version}"'

    assert api.patch(url, {"summary": "Ilman versiota"}, format="json").status_code == 428
    saved = api.patch(url, {"summary": "B"}, format="json", HTTP_IF_MATCH=tag)
    assert saved.status_code == 200 and saved["ETag"] != tag
    stale = api.patch(url, {"name": "A"}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412
    kuopio_project.refresh_from_db()
    assert (kuopio_project.name, kuopio_project.summary) == ("Terveysdatan laatu -hanke", "B")
    again = api.patch(url, {"name": "A"}, format="json", HTTP_IF_MATCH=saved["ETag"])
    assert again.status_code == 200


def test_approving_a_report_needs_the_version_the_coordinator_read(
    granted_project, kuopio_user, kuopio_reporter
):
    from datetime import date

    from ekosopimus.monitoring.services import report_create, report_submit

    report = report_create(
        project=granted_project,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 30),
        values={granted_project.indicators.first(): 3},
        narrative="Tehtiin.",
        by=kuopio_reporter,
    )
    read = _api(kuopio_user).get(f"/api/v1/raportit/{report.pk}/")["ETag"]
    report_submit(report=report, by=kuopio_reporter)
    approve = f"/api/v1/raportit/{report.pk}/hyvaksy/"
    assert APIClient().post(approve).status_code in (401, 403)
    api = _api(kuopio_user)
    assert api.post(approve).status_code == 428
    assert api.post(approve, HTTP_IF_MATCH=read).status_code == 412
    current = api.get(f"/api/v1/raportit/{report.pk}/")["ETag"]
    assert api.post(approve, HTTP_IF_MATCH=current).status_code == 200
