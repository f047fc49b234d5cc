import copy
from decimal import Decimal

import pytest
import yaml
from django.core.management import CommandError, call_command

from ekosopimus.agreements.data_files import (
    BUNDLED_DATA_DIR,
    AgreementDataError,
    check_agreement_data,
    read_agreement_file,
)
from ekosopimus.agreements.models import (
    ActionPlanItem,
    Agreement,
    AgreementVersion,
    FocusArea,
    KeyMeasure,
    QuantitativeTarget,
)
from ekosopimus.agreements.services import (
    LoadOutcome,
    agreement_load_data,
    agreements_load_bundled,
)


def kuopio_data() -> dict:
    return read_agreement_file(BUNDLED_DATA_DIR / "kuopio.yaml")


def snapshot():
    """Row and history counts of the register, to prove that nothing changed."""
    models = [Agreement, AgreementVersion, FocusArea, KeyMeasure, ActionPlanItem]
    return {m.__name__: (m.objects.count(), m.history.count()) for m in models}


def test_loading_creates_both_agreements_with_their_structure(agreements):
    full = {slug for slug, a in agreements.items() if a.completeness == "full_text"}
    assert full == {"kuopio", "helsinki-espoo-vantaa"}
    kuopio = agreements["kuopio"].versions.get()
    assert kuopio.focus_areas.count() == 2
    assert KeyMeasure.objects.filter(action_group__focus_area__version=kuopio).count() == 22
    assert kuopio.action_plan.items.count() == 16
    hev = agreements["helsinki-espoo-vantaa"].versions.get()
    assert hev.focus_areas.count() == 4
    assert hev.method_categories.count() == 3


def test_the_other_fourteen_city_regions_enter_as_public_summaries_saying_what_is_unverified(
    agreements,
):
    summaries = [a for a in agreements.values() if a.completeness == "public_summary"]
    assert len(summaries) == 14
    assert len(agreements) == 16
    assert all(a.unverified and a.source_document for a in summaries)
    kajaani = agreements["kajaani-sotkamo"].versions.get()
    targets = QuantitativeTarget.objects.filter(focus_area__version=kajaani)
    assert sorted(t.value for t in targets) == [2, 15, 20, 20]
    assert {t.deadline.isoformat() for t in targets} == {"2029-12-31"}
    tampere = agreements["tampere"].versions.get()
    assert [a.name for a in tampere.focus_areas.order_by("number")][0] == (
        "Sustainable Industry X (SIX)"
    )


def test_a_public_summary_without_its_unverified_note_is_refused():
    data = kuopio_data()
    data["completeness"] = "public_summary"
    assert any(p.startswith("unverified") for p in check_agreement_data(data))


def test_loading_again_changes_and_duplicates_nothing(agreements):
    before = snapshot()
    outcomes = agreements_load_bundled()
    assert {o.result for o in outcomes} == {LoadOutcome.UNCHANGED}
    assert snapshot() == before


def test_amounts_are_decimal_euros_and_a_blank_amount_stays_blank(kuopio):
    items = ActionPlanItem.objects.filter(plan__version__agreement=kuopio)
    assert items.get(measure="Aivoterveyden edistämisen osaamiskeskittymä").planned_amount == (
        Decimal("2250000.00")
    )
    blank = items.get(measure__startswith="Yritysten kasvu (public-private-partnership)")
    assert blank.planned_amount is None


def test_every_loaded_record_has_a_history_entry_saying_where_it_came_from(kuopio):
    entry = FocusArea.history.filter(name="Vesiosaaminen").get()
    assert entry.history_type == "+"
    assert entry.history_change_reason == "Ladattu tiedostosta kuopio.yaml"


def test_a_changed_data_file_does_not_overwrite_the_stored_version(kuopio):
    data = kuopio_data()
    data["focus_areas"][1]["name"] = "Vesi"
    outcome = agreement_load_data(data=data, source="kuopio.yaml")
    assert outcome.result == LoadOutcome.DIFFERS
    assert FocusArea.objects.filter(name="Vesiosaaminen").exists()


def test_update_replaces_a_changed_version_from_the_data_file(kuopio):
    data = kuopio_data()
    data["focus_areas"][1]["name"] = "Vesi"
    outcome = agreement_load_data(data=data, source="kuopio.yaml", update=True)
    assert outcome.result == LoadOutcome.REPLACED
    assert kuopio.versions.get().focus_areas.get(number="4.2").name == "Vesi"


def test_a_new_version_number_adds_a_version_and_keeps_the_old_one(kuopio):
    data = kuopio_data()
    data["version"] = {"number": 2, "label": "Tarkistettu sopimus 2025–2027"}
    data["focus_areas"][1]["name"] = "Vesi- ja ympäristöosaaminen"
    assert agreement_load_data(data=data, source="x.yaml").result == LoadOutcome.CREATED
    names = dict(
        FocusArea.objects.filter(version__agreement=kuopio, number="4.2").values_list(
            "version__number", "name"
        )
    )
    assert names == {1: "Vesiosaaminen", 2: "Vesi- ja ympäristöosaaminen"}


def test_a_bad_file_lists_every_problem_and_stores_nothing(db, tmp_path):
    data = kuopio_data()
    broken = copy.deepcopy(data)
    broken["action_plan"]["items"][0]["amount_meur"] = "kaksi"
    broken["action_plan"]["items"][1]["action_group"] = "9.9.9"
    broken["funding"]["local_share_percent"] = 50
    del broken["focus_areas"][0]["name"]
    problems = check_agreement_data(broken)
    assert len(problems) == 4
    assert any("items[0].amount_meur" in p and "kaksi" in p for p in problems)
    assert any("9.9.9 ei ole painopistealueen 4.1 toimenpidekokonaisuus" in p for p in problems)
    assert any("summan pitää olla 100 %" in p for p in problems)
    assert any("focus_areas[0].name: puuttuu" in p for p in problems)

    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(AgreementDataError) as error:
        read_agreement_file(path)
    assert len(error.value.problems) == 4
    assert Agreement.objects.count() == 0


def test_a_file_that_is_not_yaml_is_refused_with_its_name(tmp_path):
    path = tmp_path / "rikki.yaml"
    path.write_text("slug: [unclosed", encoding="utf-8")
    with pytest.raises(AgreementDataError, match="rikki.yaml: tiedostoa ei voi lukea"):
        read_agreement_file(path)


def test_the_command_reports_each_agreement(db, capsys):
    call_command("load_agreements")
    call_command("load_agreements")
    out = capsys.readouterr().out
    assert out.count("ladattu") == 16
    assert out.count("ajan tasalla") == 16


def test_the_command_fails_and_loads_nothing_when_a_bundled_file_is_bad(db, monkeypatch, tmp_path):
    good = (BUNDLED_DATA_DIR / "kuopio.yaml").read_text(encoding="utf-8")
    (tmp_path / "a-good.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "b-bad.yaml").write_text("slug: x\n", encoding="utf-8")
    monkeypatch.setattr(
        "ekosopimus.agreements.services.loading.bundled_data_files",
        lambda: sorted(tmp_path.glob("*.yaml")),
    )
    with pytest.raises(CommandError, match="b-bad.yaml"):
        call_command("load_agreements")
    assert Agreement.objects.count() == 0
