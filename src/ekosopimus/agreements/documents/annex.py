"""The action plan annex: a table of focus area / action group / measure / M€, or per-focus-area
sections listing example measures.

A PDF breaks the table's cells into loose lines: a measure may run over several lines, its
amount may stand on a line of its own, and the focus area and action group cells stand before
their first row. The names the agreement's own text gave its focus areas and action groups
tell the cells apart.
"""

import re

from ekosopimus.lib.text import collapse

from .draft import Draft
from .extract import SourceLine
from .lines import BULLET, Paragraph
from .lists import incomplete
from .outline import Section

_AMOUNT = r"\d{1,3}(?:,\d{1,3})?"
_AMOUNT_ONLY = re.compile(rf"^{_AMOUNT}$")
_TRAILING_AMOUNT = re.compile(rf"^(?P<text>.*\S)\s+(?P<amount>{_AMOUNT})$")
_TABLE_HEADER = re.compile(r"M€|milj\.?\s*€|Toimenpide\b.*\bToimenpide", re.I)
_REVIEW_PERIOD = re.compile(r"Tarkastelujakso\s+(?P<start>20\d\d)\s*[-–]\s*(?P<end>20\d\d)")
_LIST_LEAD = re.compile(r":\s*$")


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def read_action_plan(
    annex: Section, lines: list[SourceLine], areas: list[dict], draft: Draft
) -> tuple[dict, list[Section]]:
    """The action plan and the annex sections that were not about a focus area (such as the
    coordination project), for the caller to read as governance."""
    plan: dict = {"title": annex.title, "items": []}
    intro: list[str] = []
    for paragraph in annex.body:
        period = _REVIEW_PERIOD.search(paragraph.text)
        if period:
            plan["review_period_start"] = int(period["start"])
            plan["review_period_end"] = int(period["end"])
            break
        if _TABLE_HEADER.search(paragraph.text):
            break
        if len(paragraph.text.split()) > 3:
            intro.append(paragraph.text)
    plan["intro"] = "\n\n".join(intro)
    others: list[Section] = []
    for child in annex.children:
        area = _area_for(child, areas)
        if area is None:
            others.append(child)
            continue
        _listed_measures(child, area, plan["items"], draft)
    if not plan["items"]:
        start = annex.heading.line if annex.heading else 0
        page = annex.heading.page if annex.heading else 0
        region = [line for line in lines if (line.page, line.line) >= (page, start)]
        _table(region, areas, plan["items"], draft)
    return plan, others


def _area_for(section: Section, areas: list[dict]) -> str | None:
    key = _key(section.name)
    for area in areas:
        if _key(area["name"]) == key:
            return area["number"]
    return None


def _listed_measures(section: Section, area: str, items: list, draft: Draft) -> None:
    """Bullets after a lead that ends in a colon ("… voivat käsitellä mm. seuraavia aiheita:")."""
    listing = False
    for paragraph in section.all_paragraphs():
        bullet = BULLET.match(paragraph.text)
        if bullet and listing:
            draft.source(f"action_plan.items[{len(items)}]", paragraph, bullet.end())
            items.append(_item(area, None, None, paragraph.text[bullet.end() :], None))
        else:
            listing = bool(_LIST_LEAD.search(paragraph.text)) or (listing and bool(bullet))


def _item(area, group, label, measure, amount) -> dict:
    item = {"focus_area": area, "action_group": group}
    if area is None:
        item["group_label"] = label
    item["measure"] = collapse(measure)
    item["amount_meur"] = amount
    return item


def _table(lines: list[SourceLine], areas: list[dict], items: list, draft: Draft) -> None:
    names = {_key(area["name"]): area["number"] for area in areas}
    groups = {
        _key(group["name"]): (area["number"], group["number"])
        for area in areas
        for group in area.get("action_groups") or []
    }
    header = next((i for i, line in enumerate(lines) if _TABLE_HEADER.search(line.text)), None)
    if header is None:
        return
    state = {"area": None, "group": None, "label": None}
    pending: list[SourceLine] = []
    # A row read cell by cell may lose its empty last cells with the line's trailing space.
    columns = lines[header].text.count("\t") + 1

    def flush(amount: str | None) -> None:
        if not pending:
            return
        text = " ".join(line.text.strip() for line in pending)
        words = text.split()
        if amount is None and len(words) > 1 and words[0][0].isupper() and words[1][0].isupper():
            # "Yhteiset Painopistealueiden yhteisiä toimenpiteitä": a heading row of two
            # cells, for rows that belong to no focus area.
            state.update(area=None, group=None, label=" ".join(words[1:]))
        else:
            where = Paragraph(text, pending[0].page, pending[0].line)
            draft.source(f"action_plan.items[{len(items)}]", where)
            label = state["label"] if state["area"] is None else None
            items.append(_item(state["area"], state["group"], label, text, amount))
        pending.clear()

    for line in _names_joined(lines[header + 1 :], [*names, *groups]):
        text = line.text.strip()
        if not text:
            continue
        if "\t" in text:
            flush(None)
            _row(line, columns, names, groups, state, items, draft)
            continue
        if _AMOUNT_ONLY.match(text):
            flush(text)
            continue
        key = _key(text)
        if key in names:
            flush(None)
            state.update(area=names[key], group=None, label=None)
            continue
        group = next((g for g in groups if key == g or key.startswith(g + " ")), None)
        if group:
            flush(None)
            state.update(area=groups[group][0], group=groups[group][1], label=None)
            text = text[_cut_after(text, group) :].strip()
            if not text:
                continue
        trailing = _TRAILING_AMOUNT.match(text)
        body = trailing["text"] if trailing else text
        if pending and not _continues(pending[-1].text, body):
            flush(None)
        pending.append(SourceLine(body, line.page, line.line))
        if trailing:
            flush(trailing["amount"])
    flush(None)


def _row(line: SourceLine, columns: int, names, groups, state: dict, items: list, draft) -> None:
    """One row of a table read cell by cell (a ruled PDF table, a DOCX table): focus area,
    action group, measure and amount, where an empty area or group cell repeats the row
    above's (a merged cell)."""
    cells = [collapse(cell) for cell in line.text.split("\t")]
    cells += [""] * (columns - len(cells))
    if len(cells) < 3:
        return
    *places, measure, amount = cells
    if amount and not _AMOUNT_ONLY.match(amount):
        measure, amount = " ".join(c for c in (measure, amount) if c), ""
    area_cell = places[0] if places else ""
    group_cell = places[1] if len(places) > 1 else ""
    if area_cell:
        area = names.get(_key(area_cell))
        state.update(area=area, group=None, label=None if area else group_cell or area_cell)
    if group_cell:
        group = groups.get(_key(group_cell))
        if group is not None:
            state.update(area=group[0], group=group[1], label=None)
        elif state["area"] is None:
            state["label"] = group_cell
    if not measure:
        return
    draft.source(f"action_plan.items[{len(items)}]", Paragraph(measure, line.page, line.line))
    label = state["label"] if state["area"] is None else None
    items.append(_item(state["area"], state["group"], label, measure, amount or None))


def _continues(before: str, text: str) -> bool:
    """Whether ``text`` goes on with the cell of the line ``before`` rather than start a row."""
    if before.rstrip().endswith("."):
        return False
    return text[0].islower() or text[0] in "(–-,;" or incomplete(before)


def _names_joined(lines: list[SourceLine], keys: list[str]) -> list[SourceLine]:
    """Lines with a focus area's or action group's name rejoined where the cell broke it."""
    joined: list[SourceLine] = []
    for line in lines:
        if joined and line.text.strip():
            before = joined[-1]
            both = f"{before.text.strip()} {line.text.strip()}"
            head = _key(before.text)
            if head and any(k.startswith(head + " ") and _key(both).startswith(k) for k in keys):
                joined[-1] = SourceLine(both, before.page, before.line)
                continue
        joined.append(line)
    return joined


def _cut_after(text: str, key: str) -> int:
    """Where in ``text`` the words that make ``key`` end."""
    for match in re.finditer(r"\S+", text):
        if _key(text[: match.end()]) == key:
            return match.end()
    return len(text)
