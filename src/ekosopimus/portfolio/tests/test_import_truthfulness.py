"""An import stores what the file says: money stays in the state its column names, every
change made to a value on reading is among the warnings, and an encoding it cannot read is
named."""

from decimal import Decimal

import pytest

from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio.models import Project, ProjectStatus
from ekosopimus.portfolio.services import ImportRejected

from .eura_files import csv_bytes, eura2021_row, eura2021_xlsx
from .test_import import EURA_2014_HEADER, run_import


def _money(code: str) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    lines = Project.objects.get(code=code).budget_lines.all()
    return {line.source: (line.planned, line.granted, line.paid) for line in lines}


def _messages(result, line: int) -> list[str]:
    return [message for number, _column, message in result.warnings if number == line]


def test_a_discontinued_projects_planned_money_is_not_read_as_granted(kuopio):
    result = run_import(
        kuopio,
        eura2021_xlsx([eura2021_row(Toiminnan_tila="Keskeytynyt")]),
    )
    assert _money("A80001") == {
        "eu_state": (Decimal("600000.00"), Decimal("0.00"), Decimal("150000.00")),
        "other_public": (Decimal("400000.00"), Decimal("0.00"), Decimal("100000.00")),
        "private": (Decimal("200000.00"), Decimal("0.00"), Decimal("50000.00")),
    }
    [warning] = _messages(result, 2)
    assert str(ProjectStatus.DISCONTINUED.label) in warning
    assert all(f"{amount}\xa0000\xa0€" in warning for amount in (600, 400, 200))


def test_an_ongoing_projects_plan_is_its_grant_and_the_file_says_so_once(kuopio):
    result = run_import(kuopio, eura2021_xlsx([eura2021_row(), eura2021_row(Hankekoodi="A80002")]))
    assert _money("A80001")["eu_state"] == (
        Decimal("600000.00"),
        Decimal("600000.00"),
        Decimal("150000.00"),
    )
    assert len(_messages(result, 0)) == 1
    assert _messages(result, 2) == [] and _messages(result, 3) == []


def test_a_discontinued_2014_project_keeps_its_grant_and_gets_no_planned_money(kuopio):
    data = csv_bytes(
        [
            EURA_2014_HEADER,
            "A70009,EAKR,Keskeytetty kehityshanke,2,Pohjois-Savon liitto,Keskeytynyt,1.1.2015,"
            "31.12.2016,Kuopion kaupunki,1000,200,1500,300",
        ]
    )
    result = run_import(kuopio, data, filename="eura2014.csv")
    assert _money("A70009") == {
        "eu_state": (Decimal("0.00"), Decimal("1000.00"), Decimal("200.00")),
        "other_public": (Decimal("500.00"), Decimal("0.00"), Decimal("100.00")),
    }
    assert len(_messages(result, 2)) == 2


def test_collapsed_spaces_and_removed_characters_are_listed_among_the_warnings(kuopio):
    row = eura2021_row(
        Hankkeen_nimi="Testiympäristö  terveysteknologialle.",
        Toteuttajan_nimi="Itä-Suomen  yliopisto.",
        Rahoittava_viranomainen=" Pohjois-Savon liitto ",
    )
    result = run_import(kuopio, eura2021_xlsx([row]))
    project = Project.objects.get(code="A80001")
    assert project.name == "Testiympäristö terveysteknologialle."
    assert project.lead_implementer.name == "Itä-Suomen yliopisto"
    by_column = {(column, message) for _line, column, message in result.warnings}
    assert any(
        column == "Hankkeen nimi" and "Testiympäristö terveysteknologialle." in message
        for column, message in by_column
    )
    implementer = [m for c, m in by_column if c == "Toteuttajan nimi"]
    assert len(implementer) == 1 and "”.” poistettu" in implementer[0]
    authority = "Rahoittava viranomainen"
    [trimmed] = [m for line, c, m in result.warnings if line == 0 and c == authority]
    assert trimmed.endswith(" 2)")


def test_a_value_read_as_it_stands_gets_no_warning(kuopio):
    result = run_import(kuopio, eura2021_xlsx([eura2021_row()]))
    assert _messages(result, 2) == []
    assert Organization.objects.filter(name="Itä-Suomen yliopisto").exists()


def test_a_utf16_list_with_its_byte_order_mark_is_read(kuopio):
    text = (
        "Koodi\tRahasto\tHankkeen nimi\tTila\tToteuttajan nimi\tMyönnetty EU- ja valtion rahoitus\n"
        "A70010\tEAKR\tÄlykäs vesihuolto\tToiminnassa\tKuopion Vesi Oy\t2500\n"
    )
    result = run_import(kuopio, text.encode("utf-16"), filename="unicode.txt")
    assert result.created == 1
    assert Project.objects.get(code="A70010").name == "Älykäs vesihuolto"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ("Koodi,Hankkeen nimi,Tila\n".encode("utf-32"), "UTF-32"),
        ("Koodi,Hankkeen nimi,Tila\nA1,Nimi,Toiminnassa\n".encode("utf-16-le"), "UTF-16"),
    ],
)
def test_an_encoding_the_import_does_not_read_is_named(kuopio, data, named):
    with pytest.raises(ImportRejected) as rejected:
        run_import(kuopio, data, filename="hankkeet.csv")
    [problem] = rejected.value.problems
    assert named in problem.message
    assert "EURA" not in problem.message
    assert not Project.objects.exists()
