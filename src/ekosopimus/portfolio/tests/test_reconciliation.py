"""The EURA reconciliation inbox: a re-import queues every difference from what the portfolio
holds instead of overwriting it, and a coordinator resolves each one."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ekosopimus.portfolio.models import ChangeRequest, EuraDifference, Project
from ekosopimus.portfolio.services import ImportRejected, project_update
from ekosopimus.portfolio.services.reconciliation import (
    eura_differences_accept,
    eura_differences_keep,
    eura_differences_request_change,
)

from .eura_files import eura2021_row, eura2021_xlsx
from .test_import import run_import

# The same project as EURA lists it later: it ends half a year later, and a change decision
# raised its EU and State money (the local money stays the same); more has been paid.
CHANGED = {
    "Päättymispvm": "30.6.2026",
    "Suunniteltu EU- ja valtion rahoitus": 650000,
    "Suunniteltu julkinen rahoitus": 1050000,
    "Suunniteltu rahoitus yhteensä": 1250000,
    "Toteutunut EU- ja valtion rahoitus": 300000,
    "Toteutunut julkinen rahoitus": 400000,
    "Toteutunut rahoitus yhteensä": 450000,
}


def _waiting() -> dict[tuple[str, str], tuple[str, str]]:
    differences = EuraDifference.objects.filter(status="open")
    return {(d.field, d.source): (d.held_value, d.eura_value) for d in differences}


def _reimport(kuopio, user, filename="eura-2.xlsx", **values):
    return run_import(kuopio, eura2021_xlsx([eura2021_row(**values)]), filename=filename, by=user)


@pytest.fixture
def imported(kuopio, kuopio_user):
    run_import(kuopio, eura2021_xlsx([eura2021_row()]), filename="eura-1.xlsx", by=kuopio_user)
    return Project.objects.get(code="A80001")


def test_a_reimport_with_changed_money_and_dates_lands_in_the_inbox_instead_of_overwriting(
    kuopio, kuopio_user, imported
):
    result = _reimport(kuopio, kuopio_user, **CHANGED)
    assert result.differences == 2
    assert _waiting() == {
        ("end_date", ""): ("2025-12-31", "2026-06-30"),
        ("granted", "eu_state"): ("600000.00", "650000.00"),
    }
    project = Project.objects.get(pk=imported.pk)
    assert project.end_date == date(2025, 12, 31)
    line = project.budget_lines.get(source="eu_state")
    # Granted waits; the plan and the payments follow the list, as EURA keeps them.
    assert (line.planned, line.granted, line.paid) == (650000, 600000, 300000)
    difference = EuraDifference.objects.get(field="end_date")
    assert difference.project_import == result
    assert difference.history.get().history_user == kuopio_user


def test_a_project_made_in_the_portfolio_is_compared_when_eura_first_lists_it(
    kuopio, kuopio_user, granted_project
):
    project_update(project=granted_project, code="A80001", by=kuopio_user)
    _reimport(kuopio, kuopio_user, Aloituspvm="1.3.2024")
    # The steering group's proposal: granted by the decision recorded here, 1.1.2024 onwards.
    assert _waiting() == {
        ("start_date", ""): ("2024-01-01", "2024-03-01"),
        ("end_date", ""): ("2026-12-31", "2025-12-31"),
        ("status", ""): ("granted", "ongoing"),
    }
    project = Project.objects.get(pk=granted_project.pk)
    assert project.status == "granted" and project.start_date == date(2024, 1, 1)
    # What the project did not hold is filled in: the funding authority, the local money.
    assert project.funding_authority.name == "Pohjois-Savon liitto"
    assert project.budget_lines.get(source="other_public").granted == 400000
    assert project.budget_lines.get(source="municipal").granted == 400000  # kept


def test_the_same_list_again_queues_nothing_new(kuopio, kuopio_user, imported):
    _reimport(kuopio, kuopio_user, **CHANGED)
    again = _reimport(kuopio, kuopio_user, filename="eura-2b.xlsx", **CHANGED)
    assert again.differences == 2
    assert EuraDifference.objects.count() == 2


def test_accepting_takes_euras_values_into_the_project_recorded_as_from_eura(
    kuopio, kuopio_user, imported
):
    _reimport(kuopio, kuopio_user, **CHANGED)
    done = eura_differences_accept(differences=EuraDifference.objects.all(), by=kuopio_user)
    assert done == 2
    project = Project.objects.get(pk=imported.pk)
    assert project.end_date == date(2026, 6, 30)
    line = project.budget_lines.get(source="eu_state")
    assert line.granted == Decimal("650000")
    assert "eura-2.xlsx" in project.history.first().history_change_reason
    assert "eura-2.xlsx" in line.history.first().history_change_reason
    assert set(EuraDifference.objects.values_list("status", flat=True)) == {"accepted"}
    assert _reimport(kuopio, kuopio_user, filename="eura-3.xlsx", **CHANGED).differences == 0


def test_a_kept_value_is_not_queued_again_but_a_new_one_is(kuopio, kuopio_user, imported):
    _reimport(kuopio, kuopio_user, **{"Päättymispvm": "30.6.2026"})
    eura_differences_keep(differences=EuraDifference.objects.all(), by=kuopio_user)
    assert (
        _reimport(kuopio, kuopio_user, filename="b.xlsx", Päättymispvm="30.6.2026").differences == 0
    )
    assert (
        _reimport(kuopio, kuopio_user, filename="c.xlsx", Päättymispvm="31.12.2026").differences
        == 1
    )
    assert _waiting() == {("end_date", ""): ("2025-12-31", "2026-12-31")}


def test_a_later_list_that_agrees_settles_a_waiting_difference(kuopio, kuopio_user, imported):
    _reimport(kuopio, kuopio_user, **{"Päättymispvm": "30.6.2026"})
    _reimport(kuopio, kuopio_user, filename="korjattu.xlsx")
    difference = EuraDifference.objects.get()
    assert difference.status == "agreed"
    assert difference.project_import.file_name == "korjattu.xlsx"


def test_a_difference_recorded_as_a_change_request(kuopio, kuopio_user, imported):
    _reimport(kuopio, kuopio_user, **CHANGED)
    request = eura_differences_request_change(
        differences=EuraDifference.objects.all(), by=kuopio_user
    )
    assert request.status == "awaiting_decision"
    assert "eura-2.xlsx" in request.justification
    assert request.requested_state["end_date"] == "2026-06-30"
    assert set(EuraDifference.objects.values_list("status", flat=True)) == {"change_request"}
    assert EuraDifference.objects.filter(change_request=request).count() == 2


def test_a_status_is_not_asked_for_in_a_change_request(kuopio, kuopio_user, imported):
    _reimport(kuopio, kuopio_user, Toiminnan_tila="Toiminta päättynyt")
    with pytest.raises(ValidationError):
        eura_differences_request_change(differences=EuraDifference.objects.all(), by=kuopio_user)
    assert not ChangeRequest.objects.exists()
    assert EuraDifference.objects.get().status == "open"


def test_accepting_a_start_after_the_held_end_is_refused_and_nothing_changes(
    kuopio, kuopio_user, imported
):
    _reimport(kuopio, kuopio_user, Aloituspvm="1.1.2026", Päättymispvm="31.12.2026")
    start = EuraDifference.objects.filter(field="start_date")
    with pytest.raises(ValidationError, match="31.12.2025"):
        eura_differences_accept(differences=start, by=kuopio_user)
    assert Project.objects.get(pk=imported.pk).start_date == date(2023, 1, 1)
    assert set(EuraDifference.objects.values_list("status", flat=True)) == {"open"}
    eura_differences_accept(differences=EuraDifference.objects.all(), by=kuopio_user)
    project = Project.objects.get(pk=imported.pk)
    assert (project.start_date, project.end_date) == (date(2026, 1, 1), date(2026, 12, 31))


def test_a_list_of_another_agreements_projects_is_named_and_nothing_is_stored(
    kuopio, hev, kuopio_user, imported
):
    rows = [eura2021_row(), eura2021_row(Hankekoodi="A80002")]
    with pytest.raises(ImportRejected) as rejected:
        run_import(hev, eura2021_xlsx(rows), filename="hev.xlsx")
    first = rejected.value.problems[0]
    assert first.line == 0 and "Kuopio" in first.message and "1" in first.message
    assert not Project.objects.filter(code="A80002").exists()
    assert not EuraDifference.objects.exists()


def test_the_command_lists_the_open_differences(kuopio, kuopio_user, imported):
    _reimport(kuopio, kuopio_user, **CHANGED)
    out = io.StringIO()
    call_command("eura_differences", "--agreement", "kuopio", stdout=out)
    text = out.getvalue()
    assert "A80001\tPäättymispäivä\t31.12.2025\t30.6.2026\teura-2.xlsx" in text
    out = io.StringIO()
    call_command("eura_differences", "--agreement", "kuopio", "--json", stdout=out)
    listed = json.loads(out.getvalue())["differences"]
    assert {
        (d["project"]["code"], d["field"], d["held_value"], d["eura_value"]) for d in listed
    } == {
        ("A80001", "end_date", "2025-12-31", "2026-06-30"),
        ("A80001", "granted", "600000.00", "650000.00"),
    }


def test_the_inbox_page_shows_both_values_and_a_coordinator_resolves_them(
    client, kuopio, kuopio_user, kuopio_steering, imported
):
    _reimport(kuopio, kuopio_user, **CHANGED)
    client.force_login(kuopio_steering)
    page = client.get("/hankkeet/kuopio/eura-erot/").content.decode()
    assert "31.12.2025" in page and "30.6.2026" in page and "650\u00a0000,00\u00a0€" in page
    assert 'name="ero"' not in page  # a steering group member reads, but does not resolve
    ids = list(EuraDifference.objects.values_list("pk", flat=True))
    assert client.post("/hankkeet/kuopio/eura-erot/", {"ero": ids}).status_code == 403
    client.force_login(kuopio_user)
    end = EuraDifference.objects.get(field="end_date").pk
    response = client.post("/hankkeet/kuopio/eura-erot/", {"ero": [end], "toiminto": "pida"})
    assert response.status_code == 302
    assert EuraDifference.objects.get(pk=end).status == "kept"
    assert Project.objects.get(pk=imported.pk).end_date == date(2025, 12, 31)
