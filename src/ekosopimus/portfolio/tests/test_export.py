import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ekosopimus.portfolio.exports import HEADERS
from ekosopimus.portfolio.services import project_create

from .eura_files import eura2021_row, eura2021_xlsx
from .test_import import run_import


@pytest.fixture
def portfolio(kuopio, kuopio_user):
    run_import(kuopio, eura2021_xlsx([eura2021_row()]))
    return project_create(
        agreement=kuopio,
        name='=HYPERLINK("http://x.example","Avaa")',
        code="",
        by=kuopio_user,
    )


def test_the_xlsx_export_has_finnish_headers_real_dates_and_amounts(portfolio, tmp_path):
    path = tmp_path / "kuopio.xlsx"
    call_command("export_projects", "--agreement", "kuopio", "--format", "xlsx", "-o", str(path))
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    by_code = {row[0]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]}
    project = by_code["A80001"]
    assert project["Tila"] == "Käynnissä"
    assert project["Aloituspvm"].date().isoformat() == "2023-01-01"
    assert project["Myönnetty EU- ja valtion rahoitus"] == 600000
    assert project["Suunniteltu rahoitus yhteensä"] == 1200000
    assert project["Rahasto"] == "EAKR"


def test_a_cell_that_would_run_as_a_formula_is_neutralised(portfolio, tmp_path):
    path = tmp_path / "kuopio.xlsx"
    call_command("export_projects", "--agreement", "kuopio", "-o", str(path))
    names = [row[2] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x.example","Avaa")' in names
    formulas = [
        cell.coordinate
        for row in load_workbook(path).active.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []


def test_the_csv_export_opens_in_finnish_excel(portfolio, tmp_path):
    path = tmp_path / "kuopio.csv"
    call_command("export_projects", "--agreement", "kuopio", "--format", "csv", "-o", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS
    project = dict(zip(HEADERS, next(r for r in rows if r[0] == "A80001"), strict=True))
    assert project["Aloituspvm"] == "1.1.2023"
    assert project["Myönnetty EU- ja valtion rahoitus"] == "600000,00"
    assert any(row[2].startswith("'=HYPERLINK") for row in rows)


def test_sample_projects_are_left_out_unless_asked_for_and_then_marked(
    kuopio, kuopio_user, tmp_path
):
    sample = project_create(agreement=kuopio, name="Esimerkkihanke", by=kuopio_user)
    sample.is_sample = True
    sample.save()
    path = tmp_path / "out.csv"
    call_command("export_projects", "--agreement", "kuopio", "--format", "csv", "-o", str(path))
    assert "Esimerkkihanke" not in path.read_text(encoding="utf-8-sig")
    call_command(
        "export_projects", "--agreement", "kuopio", "--format", "csv", "-o", str(path),
        "--include-sample",
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [
        row["Esimerkkiaineisto"] for row in rows if row["Hankkeen nimi"] == "Esimerkkihanke"
    ] == ["kyllä"]
