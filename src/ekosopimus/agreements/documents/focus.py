"""Strategic focus areas and their action groups, with targets, key measures and considerations."""

import re

from .draft import Draft
from .lines import Paragraph
from .lists import Piece, enumeration, sentences
from .outline import Section

# A subsection of the focus-area section that describes how the agreement is run, not a theme.
_NOT_A_THEME = re.compile(r"organisoi|koordinaatio|hallinnoi|johtaminen|seuranta|toteutus", re.I)
_KEY_MEASURES = re.compile(r"^Keskeisi[äa] toimenpiteit[äa] ovat(?: mm\.| muun muassa)?\s+")
_CONSIDERATIONS = re.compile(r"^Toimenpiteiss[äa] huomioidaan\s+")
_MORE = re.compile(r"^(?:Lisäksi|Myös)\s+")
_TARGET_SENTENCE = re.compile(r"tavoit", re.I)
# "50 uutta yritystä …", "20 pilotoitua uutta ratkaisua": a count of something.
_COUNT = re.compile(
    r"(?<![\d,.])(?P<value>\d{1,5})\s+(?P<label>[a-zåäö][^,;]*?)(?=,\s|\s+sekä\s|\s+ja\s+\d|$)"
)
_NOT_COUNTED = re.compile(r"^(prosent|%|miljoon|miljard|euro|vuo|kpl\b)", re.I)
_BY_YEAR = re.compile(r"(?:vuoteen|vuoden)\s+(?P<year>20\d\d)\s+(?:mennessä|loppuun)")
_VISION = re.compile(r"[Vv]isiona\b[^:”]*?\bon:?\s*(?:”(?P<quoted>[^”]+)”|(?P<plain>.+))")


def read_focus_areas(section: Section, draft: Draft) -> list[dict]:
    """The focus areas under the focus-area section, each with its action groups."""
    themes = [child for child in section.children if not _NOT_A_THEME.search(child.title)]
    areas = []
    for index, child in enumerate(themes):
        place = f"focus_areas[{index}]"
        draft.source(place, child.heading)
        areas.append(_focus_area(child, place, draft))
    return areas


def _focus_area(section: Section, place: str, draft: Draft) -> dict:
    body = section.body
    area = {
        "number": section.number,
        "name": section.name,
        "description": "\n\n".join(p.text for p in body),
        "targets": _targets(body, place, draft),
        "action_groups": [],
    }
    vision = _vision(body)
    if vision:
        area["vision"] = vision
    for index, child in enumerate(section.children):
        gplace = f"{place}.action_groups[{index}]"
        draft.source(gplace, child.heading)
        area["action_groups"].append(_action_group(child, gplace, draft))
    return area


def _action_group(section: Section, place: str, draft: Draft) -> dict:
    """Name, core description, key measures and considerations of one action group.

    The lists are told by their lead words, sentence by sentence, as a PDF may run the
    considerations on in the same paragraph as the key measures.
    """
    group = {"number": section.number, "name": section.name, "key_measures": []}
    group["considerations"] = []
    core: list[str] = []
    for paragraph in section.all_paragraphs():
        key, own = None, []
        for sentence in sentences(paragraph.text):
            for lead, name in (
                (_KEY_MEASURES, "key_measures"),
                (_CONSIDERATIONS, "considerations"),
            ):
                match = lead.match(sentence.text)
                if match:
                    key = name
                    start = sentence.offset + match.end()
                    pieces = enumeration(sentence.text[match.end() :], start)
                    break
            else:
                if key is None:
                    own.append(sentence.text)
                    continue
                more = _MORE.match(sentence.text)
                skip = more.end() if more else 0
                text = sentence.text[skip:].rstrip(".")
                pieces = [Piece(text, sentence.offset + skip)]
            for piece in pieces:
                draft.source(f"{place}.{key}[{len(group[key])}]", paragraph, piece.offset)
                group[key].append(piece.text)
        if own:
            core.append(" ".join(own))
    group["core_description"] = "\n\n".join(core)
    return group


def _targets(body: list[Paragraph], place: str, draft: Draft) -> list[dict]:
    """Quantitative targets: counts in a sentence about targets ("Määrällisinä tavoitteina …")."""
    targets = []
    for paragraph in body:
        for sentence in sentences(paragraph.text):
            if not _TARGET_SENTENCE.search(sentence.text):
                continue
            year = _BY_YEAR.search(sentence.text)
            for count in _COUNT.finditer(sentence.text.rstrip(".")):
                label = count["label"].strip()
                if _NOT_COUNTED.match(label) or int(count["value"]) <= 0:
                    continue
                draft.source(
                    f"{place}.targets[{len(targets)}]",
                    paragraph,
                    sentence.offset + count.start(),
                )
                targets.append(
                    {
                        "label": label,
                        "value": int(count["value"]),
                        "unit": _unit(label),
                        "deadline": f"{year['year']}-12-31" if year else None,
                        "source_sentence": sentence.text,
                    }
                )
    return targets


def _unit(label: str) -> str:
    lower = label.lower()
    if "yritys" in lower or "yrityst" in lower:
        return "company"
    if "ratkaisu" in lower:
        return "solution"
    return "other"


def _vision(body: list[Paragraph]) -> str | None:
    for paragraph in body:
        for sentence in sentences(paragraph.text):
            match = _VISION.search(sentence.text)
            if match:
                return (match["quoted"] or match["plain"]).strip().rstrip(".") + "."
    return None


_ORDINALS = {"ensimmäiseen": 1, "toiseen": 2, "kolmanteen": 3, "neljänteen": 4, "viidenteen": 5}
_LESS_THAN_OTHERS = re.compile(r"vähemmän (?:resursseja|rahoitusta|varoja) kuin", re.I)


def read_rules(paragraphs: list[Paragraph], areas: list[dict], draft: Draft) -> list[dict]:
    """Rules the text states about focus areas: "… neljänteen painopisteeseen ohjautuu
    vähemmän resursseja kuin kolmeen …" becomes a focus_area_below_others rule."""
    rules: list[dict] = []
    for paragraph in paragraphs:
        for sentence in sentences(paragraph.text):
            if not _LESS_THAN_OTHERS.search(sentence.text):
                continue
            area = _area_named_in(sentence.text, areas)
            if area is None or any(rule["focus_area"] == area for rule in rules):
                continue
            draft.source(f"funding.rules[{len(rules)}]", paragraph, sentence.offset)
            rules.append(
                {"kind": "focus_area_below_others", "focus_area": area, "sentence": sentence.text}
            )
    return rules


def _area_named_in(sentence: str, areas: list[dict]) -> str | None:
    lower = sentence.lower()
    for area in areas:
        if area["name"].lower() in lower:
            return area["number"]
    for word, ordinal in _ORDINALS.items():
        if re.search(rf"\b{word}\s+painopiste", lower) and ordinal <= len(areas):
            return areas[ordinal - 1]["number"]
    return None
