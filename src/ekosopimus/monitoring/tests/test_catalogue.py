"""The EU common indicator catalogue shipped with the application."""

import pytest
from django.core.management import call_command

from ekosopimus.monitoring.models import IndicatorDefinition
from ekosopimus.monitoring.services import CatalogueError, indicator_catalogue_load


def test_it_loads_the_35_eu_indicators_with_finnish_names(db):
    outcome = indicator_catalogue_load()
    assert (outcome.created, outcome.updated, outcome.unchanged) == (35, 0, 0)
    rco01 = IndicatorDefinition.objects.get(code="RCO01")
    assert rco01.kind == IndicatorDefinition.Kind.OUTPUT and rco01.is_eu_common
    assert rco01.name_fi.startswith("Tuetut yritykset")
    assert "yrityskoon" in rco01.disaggregation
    assert IndicatorDefinition.objects.get(code="RCR18").accumulation == "per_period"
    assert "ostaminen" in IndicatorDefinition.objects.get(code="RCO10").definition_note
    assert IndicatorDefinition.objects.filter(code__startswith="RCR", kind="result").count() == 16


def test_loading_again_changes_nothing_and_repairs_an_edited_name(db, kuopio_user):
    indicator_catalogue_load()
    IndicatorDefinition.objects.filter(code="RCR01").update(name_fi="Muutettu")
    outcome = indicator_catalogue_load(by=kuopio_user)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 34)
    rcr01 = IndicatorDefinition.objects.get(code="RCR01")
    assert rcr01.name_fi == "Tuetuissa yksiköissä luodut työpaikat"
    assert rcr01.history.first().history_user == kuopio_user


def test_a_broken_catalogue_is_refused_whole_with_every_problem(db, tmp_path):
    broken = tmp_path / "catalogue.yaml"
    broken.write_text(
        "indicators:\n"
        "  - {code: RCO01, kind: output, unit: yritystä, en: Enterprises, fi: Yritykset}\n"
        "  - {code: XYZ, kind: output, unit: kpl, en: X, fi: X}\n"
        "  - {code: RCR01, kind: output, unit: htv, en: Jobs, fi: ''}\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as caught:
        indicator_catalogue_load(path=broken)
    problems = caught.value.problems
    assert any("XYZ" in p and "RCO01" in p for p in problems)
    assert any("RCR01" in p and "fi" in p for p in problems)
    assert any("RCR01" in p and "RCO" in p for p in problems)
    assert not IndicatorDefinition.objects.exists()


def test_the_command_loads_the_catalogue(db, capsys):
    call_command("load_indicators")
    assert "35" in capsys.readouterr().out
    assert IndicatorDefinition.objects.count() == 35


def test_projects_can_pick_indicators_on_their_form(client, kuopio_project, kuopio_user):
    indicator_catalogue_load()
    client.force_login(kuopio_user)
    page = client.get(f"/hankkeet/hanke/{kuopio_project.pk}/muokkaa/").content.decode()
    assert "RCO10" in page and "Tutkimusorganisaatioiden kanssa" in page
