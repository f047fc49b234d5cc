"""The seed agreement texts laid out anew as a PDF, to exercise the PDF path on real content.

Running text is set in justified, hyphenated paragraphs (WeasyPrint hyphenates Finnish at its
own places, not the seed's); headings stand alone; the annex keeps its loose table lines.
"""

from html import escape
from pathlib import Path

from ekosopimus.agreements.documents import extract_lines, paragraphs
from ekosopimus.lib.pdf import html_to_pdf

SOURCES = Path(__file__).parent / "sources"


def _ruled_annex(slug: str) -> str:
    """The curated action plan of ``slug`` as a ruled HTML table, laid out as the agreements
    lay out their annex: focus area, action group, measure, M€, a merged cell left empty."""
    import yaml

    from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR

    data = yaml.safe_load((BUNDLED_DATA_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))
    areas = {area["number"]: area for area in data["focus_areas"]}
    groups = {
        (area["number"], group["number"]): group["name"]
        for area in data["focus_areas"]
        for group in area.get("action_groups") or []
    }
    rows, before = [], (None, None)
    for item in data["action_plan"]["items"]:
        area = areas[item["focus_area"]]["name"] if item.get("focus_area") else "Yhteiset"
        group = groups.get((item.get("focus_area"), item.get("action_group")))
        group = group or item.get("group_label") or ""
        cells = (
            area if area != before[0] else "",
            group if (area, group) != before else "",
            item["measure"],
            item.get("amount_meur") or "",
        )
        rows.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
        before = (area, group)
    head = "".join(
        f"<th>{name}</th>"
        for name in ("Painopistealue", "Toimenpidekokonaisuus", "Toimenpide", "M€")
    )
    return f'<table class="ruled"><tr>{head}</tr>{"".join(rows)}</table>'


def seed_pdf(slug: str, *, ruled_annex: bool = False) -> bytes:
    """The seed text of ``slug`` as a new A4 PDF; with ``ruled_annex`` its action plan is a
    genuinely ruled table (every cell bordered) instead of the seed's loose lines."""
    lines = extract_lines((SOURCES / f"{slug}.txt").read_bytes(), filename=f"{slug}.txt")
    annex = next(
        (i for i, line in enumerate(lines) if line.text.strip().upper().startswith("LIITE")),
        len(lines),
    )
    body = []
    for paragraph in paragraphs(lines[:annex]):
        tag = "h2" if paragraph.heading else "p"
        body.append(f"<{tag}>{escape(paragraph.text)}</{tag}>")
    annex_lines = [line.text.strip() for line in lines[annex:] if line.text.strip()]
    if ruled_annex:
        # The annex heading and the text before its table stay; the table is drawn anew.
        header = next(i for i, text in enumerate(annex_lines) if "M€" in text)
        tail = next(
            (
                i
                for i, text in enumerate(annex_lines)
                if i > header and text.startswith("Koordinaatio")
            ),
            len(annex_lines),
        )
        body += [f'<div class="row">{escape(text)}</div>' for text in annex_lines[:header]]
        body.append(_ruled_annex(slug))
        body += [f'<div class="row">{escape(text)}</div>' for text in annex_lines[tail:]]
    else:
        body += [f'<div class="row">{escape(text)}</div>' for text in annex_lines]
    html = (
        '<html lang="fi"><head><style>'
        "@page { size: A4; margin: 2.5cm 2cm; }"
        "body { font-size: 11pt; } p { hyphens: auto; }"
        "h2 { font-size: 12pt; } .row { margin: 0; }"
        "table.ruled { border-collapse: collapse; font-size: 9pt; }"
        ".ruled td, .ruled th { border: 0.75pt solid black; padding: 3pt; vertical-align: top; }"
        f"</style></head><body>{''.join(body)}</body></html>"
    )
    return html_to_pdf(html)
