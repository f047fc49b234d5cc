"""Every curated fact of the seed agreements is checked against the agreement's own text.

The texts in ``sources/`` are the signed agreements as extracted from PDF (hyphenated at line
ends, lines broken). A curated text counts as found when it occurs in the source once line
breaks are joined; a hyphen at a line end may be a syllable break (dropped) or a real compound
hyphen (kept), so the comparison accepts either at exactly those places.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR, check_agreement_data
from ekosopimus.lib.formatting import parse_meur

SOURCES = Path(__file__).parent / "sources"
SLUGS = ["kuopio", "helsinki-espoo-vantaa"]


def load(slug: str) -> dict:
    return yaml.safe_load((BUNDLED_DATA_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))


def flatten(source: str) -> str:
    """Join lines; mark each line-end hyphen with \x00 so that matching may keep or drop it."""
    marked = re.sub(r"-[ \t]*\n\s*", "\x00", source)
    return re.sub(r"\s+", " ", marked).strip()


def found_in(text: str, flat_source: str) -> bool:
    """Does ``text`` occur in the flattened source, a line-end hyphen counting as '-' or ''?"""
    pattern = ""
    for char in re.sub(r"\s+", " ", text).strip():
        if char == "-":
            pattern += "(?:-|\x00)"
        elif char == " ":
            # "tutkimus- ja" may be broken as "tutkimus-\nja": the space went with the line end.
            pattern += "(?: |(?<=\x00))"
        else:
            pattern += "\x00?" + re.escape(char)
    return re.search(pattern, flat_source, flags=re.IGNORECASE) is not None


def curated_texts(data: dict):
    """Every curated text that must come from the source, with the place it is kept."""
    for key in ("purpose_and_background", "goals", "focus_areas_intro", "implementation_text"):
        yield from ((key, p) for p in paragraphs_of(data.get(key)))
    yield "entry_into_force", data["entry_into_force"]
    for party in data["parties"]:
        yield "parties.name", party.get("named_as") or party["name"]
        if party.get("role"):
            yield "parties.role", party["role"]
    for area in data["focus_areas"]:
        yield "focus_areas.name", area["name"]
        yield from (("focus_areas.description", p) for p in paragraphs_of(area["description"]))
        if area.get("vision"):
            yield "focus_areas.vision", area["vision"]
        for target in area["targets"]:
            yield "targets.label", target["label"]
            yield "targets.source_sentence", target["source_sentence"]
        for group in area["action_groups"]:
            yield "action_groups.name", group["name"]
            yield "action_groups.core_description", group["core_description"]
            yield from (("key_measures", text) for text in group["key_measures"])
            yield from (("considerations", text) for text in group["considerations"])
    for category in data.get("method_categories") or []:
        yield "method_categories.name", category["name"]
        if category.get("description"):
            yield "method_categories.description", category["description"]
    plan = data["action_plan"]
    yield from (("action_plan.intro", p) for p in paragraphs_of(plan.get("intro")))
    for item in plan["items"]:
        yield "action_plan.measure", item["measure"]
        if item.get("group_label"):
            yield "action_plan.group_label", item["group_label"]
    funding = data["funding"]
    yield from (("funding.text", p) for p in paragraphs_of(funding["text"]))
    yield "funding.split_sentence", funding["split_sentence"]
    yield from (("funding.instruments", i["note"]) for i in funding["instruments"])
    yield from (("funding.rules", rule["sentence"]) for rule in funding["rules"])
    for body in data["governance"]:
        yield from (("governance.description", p) for p in paragraphs_of(body["description"]))
        yield from (("governance.tasks", task) for task in body["tasks"])
        for phase in body.get("funding_phases") or []:
            yield "governance.funding_phases", phase["sentence"]


def paragraphs_of(text: str | None) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text or "") if p.strip()]


@pytest.mark.parametrize("slug", SLUGS)
def test_the_data_file_passes_its_own_checks(slug):
    assert check_agreement_data(load(slug)) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_curated_text_occurs_in_the_agreement_text(slug):
    flat = flatten((SOURCES / f"{slug}.txt").read_text(encoding="utf-8"))
    missing = [
        (place, text) for place, text in curated_texts(load(slug)) if not found_in(text, flat)
    ]
    assert missing == []


def test_the_matcher_does_not_accept_text_that_is_not_there():
    flat = flatten("Kuopion kau-\npunki ja tki-\nverkosto")
    assert found_in("Kuopion kaupunki", flat)
    assert found_in("tki-verkosto", flat)
    assert not found_in("Kuopion kaupunginhallitus", flat)
    assert not found_in("kaupunki ja tkiverkko", flat)


def test_kuopio_has_every_party_focus_area_and_action_group():
    data = load("kuopio")
    assert [p["name"] for p in data["parties"] if p["kind"] == "contracting"] == [
        "Työ- ja elinkeinoministeriö",
        "Kuopion kaupunki",
    ]
    assert len([p for p in data["parties"] if p["kind"] == "cooperation"]) == 9
    assert [a["name"] for a in data["focus_areas"]] == [
        "Terveys- ja hyvinvointiteknologia",
        "Vesiosaaminen",
    ]
    groups = [g["number"] for a in data["focus_areas"] for g in a["action_groups"]]
    assert groups == ["4.1.1", "4.1.2", "4.1.3", "4.2.1", "4.2.2"]
    source = (SOURCES / "kuopio.txt").read_text(encoding="utf-8")
    assert len(re.findall(r"^\s*4\.\d\.\d Toimenpidekokonaisuus:", source, re.M)) == len(groups)
    assert len(re.findall(r"^\s*4\.\d Painopistealue:", source, re.M)) == 2


def test_kuopio_targets_are_50_50_in_health_and_40_20_in_water():
    targets = {
        area["name"]: [(t["value"], t["unit"]) for t in area["targets"]]
        for area in load("kuopio")["focus_areas"]
    }
    assert targets == {
        "Terveys- ja hyvinvointiteknologia": [(50, "company"), (50, "solution")],
        "Vesiosaaminen": [(40, "company"), (20, "solution")],
    }


def test_kuopio_action_plan_amounts_match_the_annex_row_by_row():
    """Between one measure and the next, the annex shows exactly the curated amount."""
    items = load("kuopio")["action_plan"]["items"]
    source = (SOURCES / "kuopio.txt").read_text(encoding="utf-8")
    annex = flatten(source[source.index("Tarkastelujakso") :]).replace("\x00", "")
    positions = []
    for item in items:
        match = re.search(re.escape(item["measure"]).replace(r"\-", "-?"), annex)
        assert match, item["measure"]
        positions.append(match)
    for index, match in enumerate(positions):
        end = positions[index + 1].start() if index + 1 < len(positions) else len(annex)
        numbers = re.findall(r"(?<![\w-])\d+(?:,\d+)?(?![\w-])", annex[match.end() : end])
        expected = [items[index]["amount_meur"]] if items[index]["amount_meur"] else []
        assert numbers == expected, items[index]["measure"]


def test_kuopio_action_plan_totals():
    items = load("kuopio")["action_plan"]["items"]
    assert len(items) == 16
    assert sum(1 for item in items if item["amount_meur"] is None) == 1

    def total(area):
        return sum(
            parse_meur(i["amount_meur"]) or Decimal(0) for i in items if i["focus_area"] == area
        )

    assert total("4.1") == Decimal("9750000")
    assert total("4.2") == Decimal("12000000")
    assert total(None) == Decimal("3300000")
    assert sum(parse_meur(i["amount_meur"]) or 0 for i in items) == Decimal("25050000")


def test_helsinki_espoo_vantaa_has_four_focus_areas_and_three_method_categories():
    data = load("helsinki-espoo-vantaa")
    assert [a["number"] for a in data["focus_areas"]] == ["4.1", "4.2", "4.3", "4.4"]
    assert [c["number"] for c in data["method_categories"]] == [1, 2, 3]
    assert {p["short_name"] for p in data["parties"] if p.get("short_name")} == {
        "TEM",
        "OKM",
        "YM",
    }
    assert all(
        area["action_groups"] == [] and area["targets"] == [] for area in data["focus_areas"]
    )


def test_helsinki_espoo_vantaa_example_topics_are_every_bullet_of_the_annex():
    data = load("helsinki-espoo-vantaa")
    source = (SOURCES / "helsinki-espoo-vantaa.txt").read_text(encoding="utf-8")
    annex = source[source.index("Liite 1:") : source.index("5) Koordinaatiohanke")]
    bullets = re.findall(r"^- ", annex, re.M)
    items = data["action_plan"]["items"]
    assert len(items) == len(bullets) == 27
    assert all(item["amount_meur"] is None for item in items)
    per_area = [sum(1 for i in items if i["focus_area"] == n) for n in ("4.1", "4.2", "4.3", "4.4")]
    assert per_area == [7, 6, 7, 7]


def test_helsinki_espoo_vantaa_caps_the_fourth_focus_area_and_funds_coordination_by_date():
    data = load("helsinki-espoo-vantaa")
    assert [(r["kind"], r["focus_area"]) for r in data["funding"]["rules"]] == [
        ("focus_area_below_others", "4.4")
    ]
    coordination = next(b for b in data["governance"] if b["kind"] == "coordination_project")
    phases = [
        (p["instrument"], str(p["starts_on"]), str(p["ends_on"]))
        for p in coordination["funding_phases"]
    ]
    assert phases == [("AKKE", "None", "2023-12-31"), ("ERDF", "2024-01-01", "None")]


@pytest.mark.parametrize("slug", SLUGS)
def test_split_validity_and_instruments_are_as_written(slug):
    data = load(slug)
    source = flatten((SOURCES / f"{slug}.txt").read_text(encoding="utf-8"))
    assert str(data["ends_on"]) == "2027-12-31"
    assert "päättyy 31.12.2027" in source
    assert (data["funding"]["local_share_percent"], data["funding"]["eu_state_share_percent"]) == (
        40,
        60,
    )
    assert re.search(r"omarahoitusosuus \([^)]*\) on 40 ?%", source)
    assert {i["code"] for i in data["funding"]["instruments"]} == {
        "ERDF",
        "ESF+",
        "JTF",
        "AKKE",
        "RRF",
    }
    assert data["signed_on"] is None, "the agreement text states no signing date"
