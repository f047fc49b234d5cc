"""Forms of the portfolio answer bad input with a field error in the user's language, never a
server error: dates in the wrong order, repeated or empty budget rows, numbers as Finns write
them, and the ways out of a form that needs something missing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ekosopimus.organizations.models import Organization
from ekosopimus.organizations.services import organization_create
from ekosopimus.portfolio.models import Call, Project
from ekosopimus.portfolio.services import project_budget_set, project_update

from .rendered import form_data, unlabelled_inputs

pytestmark = pytest.mark.django_db


def _project_form(agreement, **changes):
    data = {
        "name": "Datatalous",
        "code": "",
        "summary": "",
        "lead_implementer": "",
        "co_implementers": "",
        "funding_authority": "",
        "start_date": "2025-06-01",
        "end_date": "2025-01-31",
        "call": "",
        "vahvista": "1",
    }
    return {**data, **changes}


def test_a_new_project_that_ends_before_it_starts_is_refused_on_the_form(
    client, kuopio_user, kuopio
):
    client.force_login(kuopio_user)
    response = client.post(
        reverse("portfolio:project_create", args=[kuopio.slug]), _project_form(kuopio)
    )
    assert response.status_code == 200
    assert "Hanke ei voi päättyä ennen kuin se alkaa." in response.content.decode()
    assert not Project.objects.filter(name="Datatalous").exists()


def test_an_edit_that_makes_a_project_end_before_it_starts_is_refused_on_the_form(
    client, kuopio_user, kuopio_project
):
    client.force_login(kuopio_user)
    url = reverse("portfolio:project_edit", args=[kuopio_project.pk])
    data = form_data(client.get(url).content.decode())
    data.update(start_date="2025-06-01", end_date="2025-01-31", vahvista="1")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Hanke ei voi päättyä ennen kuin se alkaa." in response.content.decode()
    kuopio_project.refresh_from_db()
    assert kuopio_project.end_date is None


def test_the_project_service_refuses_an_end_before_the_start_in_the_user_language(
    kuopio_user, kuopio_project
):
    with pytest.raises(ValidationError) as error:
        project_update(
            project=kuopio_project,
            start_date=date(2025, 6, 1),
            end_date=date(2025, 1, 1),
            by=kuopio_user,
        )
    assert "end_date" in error.value.message_dict


def test_a_call_that_closes_before_it_opens_is_refused_on_the_form(client, kuopio_user, kuopio):
    client.force_login(kuopio_user)
    response = client.post(
        reverse("portfolio:call_create", args=[kuopio.slug]),
        {"title": "Haku 1", "opens_on": "2025-06-01", "closes_on": "2025-05-01", "budget": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"]
    assert not Call.objects.exists()


def test_a_call_budget_is_read_and_shown_as_finnish_writes_numbers(client, kuopio_user, kuopio):
    client.force_login(kuopio_user)
    url = reverse("portfolio:call_create", args=[kuopio.slug])
    response = client.post(
        url,
        {
            "title": "Haku 1",
            "opens_on": "1.6.2025",
            "closes_on": "31.8.2025",
            "budget": "300 000,00",
        },
    )
    assert response.status_code == 302
    assert Call.objects.get().budget == Decimal("300000.00")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("300 000,00", Decimal("300000.00")),
        ("300000,5", Decimal("300000.50")),
        ("300 000", Decimal("300000")),
        ("300\xa0000", Decimal("300000")),
    ],
)
def test_a_budget_amount_is_read_as_finnish_writes_numbers(
    client, kuopio_user, kuopio_project, typed, stored
):
    client.force_login(kuopio_user)
    url = reverse("portfolio:project_budget", args=[kuopio_project.pk])
    data = form_data(client.get(url).content.decode())
    data["municipal-planned"] = typed
    assert client.post(url, data).status_code == 302
    assert kuopio_project.budget_lines.get(source="municipal").planned == stored


def test_english_reads_amounts_as_english_writes_them(client, kuopio_user, kuopio_project):
    client.force_login(kuopio_user)
    client.cookies["django_language"] = "en"
    url = reverse("portfolio:project_budget", args=[kuopio_project.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    data = form_data(response.content.decode())
    data["municipal-planned"] = "300,000.50"
    assert client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    assert kuopio_project.budget_lines.get(source="municipal").planned == Decimal("300000.50")


def test_a_saved_budget_saves_again_untouched_and_stores_no_zero_lines(
    client, kuopio_user, kuopio_project
):
    project_budget_set(
        project=kuopio_project,
        lines=[
            {"source": "eu_state", "instrument": "ERDF", "planned": Decimal("600000")},
            {"source": "municipal", "planned": Decimal("400000"), "granted": Decimal("400000")},
        ],
        by=kuopio_user,
    )
    client.force_login(kuopio_user)
    url = reverse("portfolio:project_budget", args=[kuopio_project.pk])
    page = client.get(url).content.decode()
    # Shown as Finnish writes amounts: a no-break space between thousands, a decimal comma.
    assert 'value="600\xa0000,00"' in page
    response = client.post(url, form_data(page))
    assert response.status_code == 302, response.content.decode()
    lines = {(b.source, b.instrument): b.planned for b in kuopio_project.budget_lines.all()}
    assert lines == {("eu_state", "ERDF"): Decimal("600000"), ("municipal", ""): Decimal("400000")}


def test_a_budget_row_emptied_or_zeroed_is_removed_not_stored_as_zero(
    client, kuopio_user, kuopio_project
):
    project_budget_set(
        project=kuopio_project,
        lines=[{"source": "private", "planned": Decimal("1000")}],
        by=kuopio_user,
    )
    client.force_login(kuopio_user)
    url = reverse("portfolio:project_budget", args=[kuopio_project.pk])
    data = form_data(client.get(url).content.decode())
    data["private-planned"] = "0"
    data["other_public-granted"] = "0,00"
    assert client.post(url, data).status_code == 302
    assert not kuopio_project.budget_lines.exists()


def test_a_budget_amount_that_is_negative_or_not_a_number_is_refused_on_its_row(
    client, kuopio_user, kuopio_project
):
    client.force_login(kuopio_user)
    url = reverse("portfolio:project_budget", args=[kuopio_project.pk])
    data = form_data(client.get(url).content.decode())
    data["private-planned"] = "-5"
    data["municipal-paid"] = "kolme"
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"private-planned", "municipal-paid"}
    assert not kuopio_project.budget_lines.exists()


def test_the_budget_service_refuses_a_repeated_source_and_an_instrument_off_eu_money(
    kuopio_user, kuopio_project
):
    with pytest.raises(ValidationError, match="toistuu"):
        project_budget_set(
            project=kuopio_project,
            lines=[{"source": "private", "planned": 1}, {"source": "private", "planned": 2}],
            by=kuopio_user,
        )
    with pytest.raises(ValidationError, match="rahoitusväline"):
        project_budget_set(
            project=kuopio_project,
            lines=[{"source": "private", "instrument": "ERDF", "planned": 1}],
            by=kuopio_user,
        )


def test_every_budget_input_has_a_label_and_each_source_one_row(
    client, kuopio_user, kuopio_project
):
    client.force_login(kuopio_user)
    page = client.get(reverse("portfolio:project_budget", args=[kuopio_project.pk]))
    html = page.content.decode()
    assert unlabelled_inputs(html) == []
    names = [n for n in form_data(html) if n.endswith("-planned")]
    assert len(names) == len(set(names)) and "municipal-planned" in names
    assert "eu_state_erdf-planned" in names


def test_the_funding_authority_choice_offers_authorities_only(client, kuopio_user, kuopio):
    council = organization_create(
        name="Pohjois-Savon liitto", kind=Organization.Kind.REGIONAL_COUNCIL
    )
    company = organization_create(name="Esimerkki Oy", kind=Organization.Kind.COMPANY)
    sample = organization_create(
        name="Näyteliitto", kind=Organization.Kind.REGIONAL_COUNCIL, is_sample=True
    )
    client.force_login(kuopio_user)
    response = client.get(reverse("portfolio:project_create", args=[kuopio.slug]))
    choices = list(response.context["form"].fields["funding_authority"].queryset)
    assert council in choices
    assert company not in choices and sample not in choices


def test_a_project_form_links_to_adding_a_missing_organisation(client, kuopio_user, kuopio):
    client.force_login(kuopio_user)
    response = client.get(reverse("portfolio:project_create", args=[kuopio.slug]))
    assert reverse("organizations:create") in response.content.decode()


def test_a_proposal_without_meetings_offers_to_create_one_and_comes_back_to_it(
    client, kuopio_user, kuopio_project
):
    client.force_login(kuopio_user)
    propose = reverse("portfolio:project_propose", args=[kuopio_project.pk])
    page = client.get(propose).content.decode()
    create = reverse("portfolio:meeting_create", args=[kuopio_project.agreement.slug])
    link = f"{create}?paluu={propose}"
    assert link in page.replace("%2F", "/")
    response = client.post(
        link, {"title": "1/2026", "held_on": "15.1.2026", "location": "", "attendees": ""}
    )
    meeting = kuopio_project.agreement.meetings.get()
    assert response.status_code == 302
    assert response["Location"] == f"{propose}?kokous={meeting.pk}"
    form = client.get(response["Location"]).context["form"]
    assert form["meeting"].value() == meeting.pk


def test_a_detour_never_returns_to_another_site(client, kuopio_user, kuopio):
    client.force_login(kuopio_user)
    create = reverse("portfolio:meeting_create", args=[kuopio.slug])
    response = client.post(
        f"{create}?paluu=//evil.example/", {"title": "1/2026", "held_on": "2026-01-15"}
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_a_change_request_that_would_end_the_project_before_it_starts_is_refused(
    granted_project, kuopio_user
):
    from ekosopimus.portfolio.changes import ProjectChange
    from ekosopimus.portfolio.services import change_request_submit

    with pytest.raises(ValidationError) as error:
        change_request_submit(
            project=granted_project,
            change=ProjectChange(end_date=date(2023, 12, 31)),
            justification="Hanke päättyy aiemmin.",
            by=kuopio_user,
        )
    assert "end_date" in error.value.message_dict
