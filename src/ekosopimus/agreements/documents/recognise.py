"""From an agreement document's lines to a draft in the curated data files' shape."""

import re

from django.utils.translation import gettext as _

from ekosopimus.lib.text import collapse

from .annex import read_action_plan
from .draft import Draft
from .extract import DocumentUnreadable, SourceLine
from .focus import read_focus_areas, read_rules
from .governance import read_funding, read_governance, read_validity
from .lines import dehyphenate, paragraphs, undouble
from .outline import Section, outline
from .parties import city_region, read_parties


class NotAnAgreement(DocumentUnreadable):
    """The document was read, but it is not an innovation ecosystem agreement."""


def recognise_agreement(lines: list[SourceLine]) -> Draft:
    """Read the agreement's structure from its lines; raises ``NotAnAgreement`` when the
    document has neither a parties section nor strategic focus areas."""
    draft = Draft()
    found = paragraphs(lines)
    root = outline(found)
    sections: dict[str, Section] = {}
    for section in root.children:
        if section.kind and section.kind not in sections:
            sections[section.kind] = section
    focus = sections.get("focus")
    parties_section = sections.get("parties")
    areas = read_focus_areas(focus, draft) if focus else []
    parties = read_parties(parties_section, draft) if parties_section else []
    if not areas or not parties:
        raise NotAnAgreement(
            _(
                "This does not look like an innovation ecosystem agreement: no numbered "
                "section on the parties and on the strategic focus areas was found."
            )
        )

    data = draft.data
    region = city_region(parties)
    data["slug"] = _slug(region)
    # Agreement names are Finnish data, whatever the reader's language.
    data["name"] = f"Innovaatiotoiminnan ekosysteemisopimus – {region}"
    data["city_region"] = region
    data["status"] = "in_force"
    data["signed_on"] = None
    data.update(read_validity(found, draft))
    data["version"] = {"number": 1, "label": _("Imported from the document")}
    data["parties"] = parties
    data["purpose_and_background"] = _text(sections.get("purpose"))
    data["goals"] = _text(sections.get("goals"))
    data["focus_areas_intro"] = "\n\n".join(p.text for p in focus.body)
    data["focus_areas"] = areas

    annex = _merged([s for s in root.children if s.kind == "annex"])
    others: list[Section] = []
    if annex is not None:
        plan_lines = dehyphenate(undouble(lines))
        data["action_plan"], others = read_action_plan(annex, plan_lines, areas, draft)
    else:
        draft.notes.append(_("No action plan annex (LIITE) was found."))

    funding = read_funding(sections.get("funding"), draft)
    funding["rules"] = read_rules(found, areas, draft)
    data["funding"] = funding
    implementation = sections.get("implementation")
    data["implementation_text"] = _text(implementation)
    coordination = next((s for s in others if "koordinaatio" in s.title.lower()), None)
    data["governance"] = read_governance(implementation, coordination, draft)
    _note_missing(data, draft)
    return draft


def _merged(annexes: list[Section]) -> Section | None:
    """One annex from its parts: a "LIITE" title page and "Liite 1" are the same annex."""
    if not annexes:
        return None
    first = annexes[0]
    merged = Section(first.number, first.title, first.heading, first.level)
    for annex in annexes:
        merged.body += annex.body
        merged.children += annex.children
    return merged


def _text(section: Section | None) -> str:
    return "\n\n".join(p.text for p in section.all_paragraphs()) if section else ""


def _slug(region: str) -> str:
    table = str.maketrans("äöåÄÖÅ", "aoaAOA")
    words = re.findall(r"\w+", collapse(region).translate(table).lower())
    return "-".join(word for word in words if word != "ja") or "sopimus"


def _note_missing(data: dict, draft: Draft) -> None:
    funding = data["funding"]
    checks = [
        (data["city_region"], _("The city region could not be told from the parties.")),
        (data.get("ends_on"), _("No end date (”päättyy pp.kk.vvvv”) was found.")),
        (funding.get("split_sentence"), _("No funding split (40 % / 60 %) was found.")),
        (funding.get("instruments"), _("No funding instruments were found.")),
        (data["governance"], _("No steering group was found.")),
    ]
    draft.notes += [message for value, message in checks if not value]
