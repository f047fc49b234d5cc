"""The seed agreement texts laid out anew as a PDF, to exercise the PDF path on real content.

Running text is set in justified, hyphenated paragraphs (WeasyPrint hyphenates Finnish at its
own places, not the seed's); headings stand alone; the annex keeps its loose table lines.
"""

from html import escape
from pathlib import Path

from ekosopimus.agreements.documents import extract_lines, paragraphs
from ekosopimus.lib.pdf import html_to_pdf

SOURCES = Path(__file__).parent / "sources"


def seed_pdf(slug: str) -> bytes:
    """The seed text of ``slug`` as a new A4 PDF."""
    lines = extract_lines((SOURCES / f"{slug}.txt").read_bytes(), filename=f"{slug}.txt")
    annex = next(
        (i for i, line in enumerate(lines) if line.text.strip().upper().startswith("LIITE")),
        len(lines),
    )
    body = []
    for paragraph in paragraphs(lines[:annex]):
        tag = "h2" if paragraph.heading else "p"
        body.append(f"<{tag}>{escape(paragraph.text)}</{tag}>")
    for line in lines[annex:]:
        if line.text.strip():
            body.append(f'<div class="row">{escape(line.text.strip())}</div>')
    html = (
        '<html lang="fi"><head><style>'
        "@page { size: A4; margin: 2.5cm 2cm; }"
        "body { font-size: 11pt; } p { hyphens: auto; }"
        "h2 { font-size: 12pt; } .row { margin: 0; }"
        f"</style></head><body>{''.join(body)}</body></html>"
    )
    return html_to_pdf(html)
