import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio.models import BudgetLine, Project, ProjectImport, ProjectStatus
from ekosopimus.portfolio.services import ImportRejected, project_link, projects_import

from .eura_files import EURA_2014_LIST, csv_bytes, eura2021_row, eura2021_xlsx

EURA_2014_HEADER = (
    "Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,Toteuttajan nimi,"
    "Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion rahoitus,"
    "Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus yhteensä"
)


def run_import(agreement, data: bytes, *, filename="hankkeet.xlsx", by=None):
    return projects_import(agreement=agreement, stream=io.BytesIO(data), filename=filename, by=by)


@pytest.fixture
def real_list(kuopio, kuopio_user):
    return run_import(kuopio, EURA_2014_LIST.read_bytes(), filename="eura2014.csv", by=kuopio_user)


def test_it_imports_every_row_of_the_real_2014_list(real_list):
    assert (real_list.rows, real_list.created) == (2881, 2881)
    assert Project.objects.count() == 2881
    assert real_list.unlinked == 2881
    project = Project.objects.get(code="A70301")
    assert project.status == ProjectStatus.ONGOING
    assert project.programme_period == "2014-2020"
    assert (project.start_date, project.end_date) == (date(2015, 3, 1), date(2017, 2, 28))
    assert project.lead_implementer.name == "Mikkelin Ammattikorkeakoulu Oy"
    line = project.budget_lines.get(source="eu_state")
    assert (line.instrument, line.granted, line.paid) == ("ERDF", Decimal("443909"), 71641)


def test_it_repairs_what_it_safely_can_and_says_so_on_each_line(real_list):
    warnings = {(line, message) for line, _column, message in real_list.warnings}
    shifted = Project.objects.get(code="A70447")
    assert shifted.start_date is None
    assert any(line == 148 and "7560" in message for line, message in warnings)
    assert Project.objects.get(code="A70355").name.startswith("Laserleikkurin, mittauslaitteiston")
    assert Project.objects.get(code="A70305").lead_implementer is None
    fragment = Project.objects.get(code="A70423")
    assert fragment.funding_authority.name == (
        "Keski-Suomen elinkeino- liikenne- ja ympäristökeskus"
    )
    assert Project.objects.get(code="A70051").name.startswith("SATAHIMA – Kohti")


def test_name_variants_of_one_implementer_resolve_to_one_organisation(real_list):
    uef = Organization.objects.filter(names__key="itä-suomen yliopisto").distinct()
    assert uef.count() == 1
    assert Project.objects.filter(lead_implementer=uef.get()).count() > 10


def test_a_second_import_of_the_same_file_changes_and_duplicates_nothing(kuopio, real_list):
    lines = BudgetLine.objects.count()
    organisations = Organization.objects.count()
    again = run_import(kuopio, EURA_2014_LIST.read_bytes(), filename="eura2014.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2881)
    assert Project.objects.count() == 2881
    assert BudgetLine.objects.count() == lines
    assert Organization.objects.count() == organisations


def test_it_rejects_a_file_with_bad_rows_listing_each_and_writes_nothing(kuopio):
    data = csv_bytes(
        [
            EURA_2014_HEADER,
            "A70001,EAKR,Hyvä hanke,2,Pohjois-Savon liitto,Toiminnassa,1.1.2015,31.12.2016,"
            "Kuopion kaupunki,1000,0,2000,0",
            "A70002,EAKR,Huono summa,2,Pohjois-Savon liitto,Toiminnassa,1.1.2015,31.12.2016,"
            "Kuopion kaupunki,paljon,0,2000,0",
            "A70001,EAKR,Sama koodi,2,Pohjois-Savon liitto,Toiminnassa,1.1.2015,31.12.2016,"
            "Kuopion kaupunki,1000,0,2000,0",
            "A70003,EAKR,,2,Pohjois-Savon liitto,Outo tila,1.1.2017,31.12.2016,X Oy,1000,0,2000,0",
        ]
    )
    with pytest.raises(ImportRejected) as rejected:
        run_import(kuopio, data, filename="huono.csv")
    problems = [(problem.line, problem.message) for problem in rejected.value.problems]
    assert [line for line, _message in problems] == [3, 4, 5, 5, 5]
    assert "paljon" in problems[0][1]
    assert "line 2" in problems[1][1] or "rivillä 2" in problems[1][1]
    assert Project.objects.count() == 0
    assert Organization.objects.count() == 0
    assert ProjectImport.objects.count() == 0


def test_it_reads_the_eura_2021_export_by_header_name_and_skips_its_footer(kuopio, uef):
    shuffled = tuple(
        reversed(
            __import__(
                "ekosopimus.portfolio.imports.columns", fromlist=["EURA_2021_HEADERS"]
            ).EURA_2021_HEADERS
        )
    )
    data = eura2021_xlsx([eura2021_row(), eura2021_row(Hankekoodi="A80002")], headers=shuffled)
    result = run_import(kuopio, data)
    assert (result.file_format, result.created) == ("eura2021", 2)
    project = Project.objects.get(code="A80001")
    assert project.programme_period == "2021-2027"
    assert project.lead_implementer == uef
    assert project.funding_authority.kind == Organization.Kind.REGIONAL_COUNCIL
    money = {line.source: (line.granted, line.paid) for line in project.budget_lines.all()}
    assert money == {
        "eu_state": (Decimal("600000.00"), Decimal("150000.00")),
        "other_public": (Decimal("400000.00"), Decimal("100000.00")),
        "private": (Decimal("200000.00"), Decimal("50000.00")),
    }


def test_a_wrong_business_id_in_the_file_is_refused_with_its_line(kuopio):
    data = eura2021_xlsx([eura2021_row(**{"Toteuttajan Y-tunnus": "0245894-8"})])
    with pytest.raises(ImportRejected) as rejected:
        run_import(kuopio, data)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column) == (2, "Toteuttajan Y-tunnus")
    assert "0245894-8" in problem.message


def test_a_reimport_updates_by_code_and_keeps_the_coordinators_links(kuopio, kuopio_user):
    run_import(kuopio, eura2021_xlsx([eura2021_row()]))
    project = Project.objects.get(code="A80001")
    area = kuopio.versions.get(number=1).focus_areas.get(number="4.1")
    project_link(project=project, focus_areas=[area], by=kuopio_user)
    changed = eura2021_row(
        Toiminnan_tila="Toiminta päättynyt", **{"Toteutunut EU- ja valtion rahoitus": 590000}
    )
    result = run_import(kuopio, eura2021_xlsx([changed]), by=kuopio_user)
    assert (result.created, result.updated, result.unlinked) == (0, 1, 0)
    project.refresh_from_db()
    # EURA's new status waits in the reconciliation inbox; realised money follows the file.
    assert project.status == ProjectStatus.ONGOING
    assert result.differences == 1
    assert list(project.focus_areas.all()) == [area]
    assert project.budget_lines.get(source="eu_state").paid == Decimal("590000.00")
    latest = project.history.first()
    assert latest.history_user == kuopio_user
    assert "hankkeet.xlsx" in latest.history_change_reason


def test_a_blank_cell_never_erases_what_is_stored(kuopio):
    run_import(kuopio, eura2021_xlsx([eura2021_row()]))
    run_import(
        kuopio,
        eura2021_xlsx([eura2021_row(Aloituspvm="", Toteuttajan_nimi="", Toteuttajan_Y_tunnus="")]),
    )
    project = Project.objects.get(code="A80001")
    assert project.start_date == date(2023, 1, 1)
    assert project.lead_implementer is not None


def test_a_focus_area_column_links_the_project_and_an_unknown_one_waits(kuopio):
    rows = [
        eura2021_row(Painopiste="4.1"),
        eura2021_row(Hankekoodi="A80002", Painopiste="Avaruusteknologia"),
    ]
    headers = (
        *__import__(
            "ekosopimus.portfolio.imports.columns", fromlist=["EURA_2021_HEADERS"]
        ).EURA_2021_HEADERS,
        "Painopiste",
    )
    result = run_import(kuopio, eura2021_xlsx(rows, headers=headers))
    assert result.unlinked == 1
    assert Project.objects.get(code="A80001").focus_areas.get().number == "4.1"
    assert any("Avaruusteknologia" in message for _line, _col, message in result.warnings)


def test_it_refuses_a_project_code_of_another_agreement(kuopio, hev):
    run_import(kuopio, eura2021_xlsx([eura2021_row()]))
    with pytest.raises(ImportRejected) as rejected:
        run_import(hev, eura2021_xlsx([eura2021_row()]))
    assert [problem.line for problem in rejected.value.problems] == [0, 2]
    assert Project.objects.get(code="A80001").agreement == kuopio


def test_it_reads_a_2007_list_in_windows_encoding_with_semicolons(kuopio):
    data = (
        "Koodi;Rahasto;Projektin nimi;Ohjelma / osio;Viranomainen;Toiminnan tila;Aloituspvm;"
        "Päättymispvm;Toteuttajan nimi;Myönnetty EU- ja valtion rahoitus\n"
        "S10234;ESR;Työllisyyden polku;Manner-Suomen ESR;Pohjois-Savon ELY-keskus;Keskeytynyt;"
        "1.1.2009;31.12.2010;Kuopion kaupunki;12 500,50\n"
    ).encode("cp1252")
    result = run_import(kuopio, data, filename="eura2007.csv")
    project = Project.objects.get(code="S10234")
    assert (result.file_format, project.programme_period) == ("eura2007", "2007-2013")
    assert project.status == ProjectStatus.DISCONTINUED
    line = project.budget_lines.get()
    assert (line.instrument, line.granted) == ("ESF", Decimal("12500.50"))


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "tyhja.csv", "tyhjä"),
        (b"Nimi,Osoite\nx,y\n", "osoitteet.csv", "Hankekoodi"),
        (b"PK\x03\x04 not really a workbook", "rikki.xlsx", "Excel"),
        (b"%PDF-1.7", "sopimus.pdf", "CSV"),
    ],
)
def test_a_file_that_is_not_a_project_list_gets_a_clear_message(kuopio, data, filename, expected):
    with pytest.raises(ImportRejected) as rejected:
        run_import(kuopio, data, filename=filename)
    [problem] = rejected.value.problems
    assert problem.line == 0
    assert expected in problem.message


def test_the_command_imports_and_reports(kuopio, tmp_path, capsys):
    path = tmp_path / "eura2021.xlsx"
    path.write_bytes(eura2021_xlsx([eura2021_row()]))
    call_command("import_projects", str(path), "--agreement", "kuopio")
    assert "1" in capsys.readouterr().out
    assert Project.objects.filter(code="A80001").exists()


def test_the_command_fails_on_a_rejected_file_and_prints_every_row_error(kuopio, tmp_path):
    path = tmp_path / "huono.xlsx"
    path.write_bytes(
        eura2021_xlsx(
            [
                eura2021_row(Aloituspvm="1.1.2026", Päättymispvm="1.1.2025"),
                eura2021_row(Hankekoodi=""),
            ]
        )
    )
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_projects", str(path), "--agreement", "kuopio", stderr=stderr)
    output = stderr.getvalue()
    assert "2" in output and "3" in output
    assert output.count("\n") >= 2
    assert not Project.objects.exists()


def test_the_command_refuses_an_unknown_agreement(tmp_path, agreements):
    path = tmp_path / "x.csv"
    path.write_bytes(b"x")
    with pytest.raises(CommandError, match="ei-ole"):
        call_command("import_projects", str(path), "--agreement", "ei-ole")


def test_the_history_of_an_import_holds_each_projects_and_lines_values(kuopio, kuopio_user):
    run_import(kuopio, eura2021_xlsx([eura2021_row()]), by=kuopio_user)
    changed = eura2021_row(**{"Toteutunut EU- ja valtion rahoitus": 590000})
    run_import(kuopio, eura2021_xlsx([changed]), by=kuopio_user)
    project = Project.objects.get(code="A80001")
    created, updated = project.history.order_by("history_date", "history_id")
    assert (created.history_type, updated.history_type) == ("+", "~")
    assert created.name == project.name and created.agreement_id == kuopio.pk
    line = project.budget_lines.get(source="eu_state")
    records = list(line.history.order_by("history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert records[-1].paid == Decimal("590000.00") and records[0].paid != records[-1].paid
    assert {r.history_user for r in records} == {kuopio_user}
