"""Funding (split, instruments), the bodies that run the agreement, and its validity."""

import datetime
import re

from .draft import Draft
from .lines import BULLET, Paragraph
from .lists import sentences
from .outline import Section

# The instrument codes of the register, by how Finnish texts name them.
_INSTRUMENTS = [
    ("ERDF", re.compile(r"\bEAKR\b|aluekehitysrahast", re.I)),
    ("ESF+", re.compile(r"\bESR\+?|sosiaalirahast", re.I)),
    ("JTF", re.compile(r"\bJTF\b|oikeudenmukaisen siirtymän", re.I)),
    ("AKKE", re.compile(r"\bAKKE\b|alueellisesta kehittämisrahasta", re.I)),
    ("RRF", re.compile(r"\bRRF\b|elpymis- ja palautumistuki", re.I)),
]
_SPLIT = re.compile(r"jakosuh|rahoitussuh|omarahoitusosuus", re.I)
_PERCENT = re.compile(r"(?P<value>\d{1,3})\s?(?:%|prosent)")
_SAME_FOR_AKKE = re.compile(r"AKKE.*sama[an]* (?:rahoitus|jako)suhdet", re.I)
_ENDS = re.compile(r"päättyy\s+(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>20\d\d)")
_STEERING = re.compile(r"johtoryhmä", re.I)
_NATIONAL = re.compile(r"kansallinen ohjausryhmä|kansallisen ohjausryhmän", re.I)
_TASK = re.compile(r"(?:tehtävänä|tarkoituksena) on (?:myös )?(?P<task>.+?)\.?$")
_PHASE_END = re.compile(r"AKKE.*?vuoden (?P<year>20\d\d) loppuun", re.I)


def read_funding(section: Section | None, draft: Draft) -> dict:
    """Split percentages, whether they apply to AKKE, and the instruments named, in order."""
    if section is None:
        return {}
    paragraphs = section.all_paragraphs()
    funding: dict = {"text": "\n\n".join(p.text for p in paragraphs), "instruments": []}
    for paragraph in paragraphs:
        for sentence in sentences(paragraph.text):
            percents = [int(m["value"]) for m in _PERCENT.finditer(sentence.text)]
            if (
                "split_sentence" not in funding
                and _SPLIT.search(sentence.text)
                and len(percents) >= 2
                and sum(percents[:2]) == 100
            ):
                funding["local_share_percent"], funding["eu_state_share_percent"] = percents[:2]
                funding["split_sentence"] = sentence.text
                draft.source("funding.split_sentence", paragraph, sentence.offset)
            if _SAME_FOR_AKKE.search(sentence.text):
                funding["split_applies_to_akke"] = True
            for code, pattern in _INSTRUMENTS:
                codes = [i["code"] for i in funding["instruments"]]
                if code not in codes and pattern.search(sentence.text):
                    draft.source(f"funding.instruments[{len(codes)}]", paragraph, sentence.offset)
                    funding["instruments"].append({"code": code, "note": sentence.text})
    funding.setdefault("split_applies_to_akke", False)
    return funding


def read_validity(paragraphs: list[Paragraph], draft: Draft) -> dict:
    """The end date and the sentence on entry into force, wherever the text states them."""
    found: dict = {}
    for paragraph in paragraphs:
        for sentence in sentences(paragraph.text):
            if "voimaan" in sentence.text and "entry_into_force" not in found:
                found["entry_into_force"] = sentence.text
                draft.source("entry_into_force", paragraph, sentence.offset)
            end = _ENDS.search(sentence.text)
            if end and "ends_on" not in found:
                found["ends_on"] = datetime.date(
                    int(end["year"]), int(end["month"]), int(end["day"])
                )
                draft.source("ends_on", paragraph, sentence.offset + end.start())
    return found


def read_governance(
    implementation: Section | None, coordination: Section | None, draft: Draft
) -> list[dict]:
    """The local steering group, the coordination project and the national steering group."""
    bodies: list[dict] = []
    paragraphs = implementation.all_paragraphs() if implementation else []
    steering = _body(paragraphs, _STEERING, "steering_group", "Johtoryhmä", bodies, draft)
    if steering:
        bodies.append(steering)
    if coordination is not None:
        bodies.append(_coordination(coordination, len(bodies), draft))
    national = _body(
        paragraphs, _NATIONAL, "national_steering_group", "Kansallinen ohjausryhmä", bodies, draft
    )
    if national:
        bodies.append(national)
    return bodies


def _body(paragraphs, pattern, kind, name, bodies, draft) -> dict | None:
    """The first sentence naming the body describes it; the sentences after it that start
    with its name are its tasks, and so is what "jonka tehtävänä on …" says."""
    place = f"governance[{len(bodies)}]"
    for paragraph in paragraphs:
        found = sentences(paragraph.text)
        for index, sentence in enumerate(found):
            if not pattern.search(sentence.text):
                continue
            draft.source(place, paragraph, sentence.offset)
            body = {"kind": kind, "name": name, "description": sentence.text, "tasks": []}
            stem = name.split()[-1][:-1].lower()  # "johtoryhm", "ohjausryhm"
            for task in found[index:]:
                stated = _TASK.search(task.text)
                if stated:
                    body["tasks"].append(stated["task"])
                elif task is not sentence and task.text.lower().startswith(stem):
                    body["tasks"].append(task.text)
                else:
                    continue
                draft.source(f"{place}.tasks[{len(body['tasks']) - 1}]", paragraph, task.offset)
            return body
    return None


def _coordination(section: Section, index: int, draft: Draft) -> dict:
    """The coordination project from its own section: tasks listed as bullets, funding phases
    from "… AKKE-rahalla vuoden 2023 loppuun saakka. Tämän jälkeen … EAKR-rahoituksella"."""
    place = f"governance[{index}]"
    draft.source(place, section.heading)
    body = {"kind": "coordination_project", "name": section.name, "tasks": []}
    description, phases = [], []
    for paragraph in section.all_paragraphs():
        bullet = BULLET.match(paragraph.text)
        if bullet:
            draft.source(f"{place}.tasks[{len(body['tasks'])}]", paragraph, bullet.end())
            body["tasks"].append(paragraph.text[bullet.end() :])
            continue
        if not body["tasks"]:
            description.append(paragraph.text)
        for sentence in sentences(paragraph.text):
            end = _PHASE_END.search(sentence.text)
            if end:
                year = int(end["year"])
                phases.append(
                    {
                        "instrument": "AKKE",
                        "starts_on": None,
                        "ends_on": datetime.date(year, 12, 31),
                        "sentence": sentence.text,
                    }
                )
            elif phases and phases[-1]["ends_on"] and len(phases) == 1:
                code = next(
                    (c for c, p in _INSTRUMENTS if c != "AKKE" and p.search(sentence.text)), None
                )
                if code:
                    phases.append(
                        {
                            "instrument": code,
                            "starts_on": phases[0]["ends_on"] + datetime.timedelta(days=1),
                            "ends_on": None,
                            "sentence": sentence.text,
                        }
                    )
    body["description"] = "\n\n".join(description)
    if phases:
        body["funding_phases"] = phases
    return body
