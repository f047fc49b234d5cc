"""Numbers that a browser or a form reads back are written without localisation.

Django groups thousands in every number a template prints (``USE_THOUSAND_SEPARATOR``), so
an id or a page number of 1,000 or more would come out as "1 048": an anchor that no link
finds, a form value that no view can read. Numbers in attributes go through ``unlocalize``.
"""

import re
from pathlib import Path

import ekosopimus

ATTRIBUTE = re.compile(
    r"""\b(?:href|value|id|name|for|aria-[a-z]+|data-[a-z-]+)="([^"]*)\"""", re.IGNORECASE
)
NUMBER = re.compile(
    r"\{\{\s*((?:[\w]+\.)*(?:pk|number|version|counter|percent|page_number|"
    r"previous_page_number|next_page_number))\s*\}\}"
)


def localised_numbers_in_attributes() -> list[str]:
    found = []
    root = Path(ekosopimus.__file__).parent
    for template in sorted(root.rglob("templates/**/*.html")):
        for line_number, line in enumerate(template.read_text("utf-8").splitlines(), 1):
            for attribute in ATTRIBUTE.finditer(line):
                for number in NUMBER.finditer(attribute.group(1)):
                    where = template.relative_to(root)
                    found.append(f"{where}:{line_number}: {number.group(1)}")
    return found


def test_no_template_writes_a_localised_number_into_an_attribute():
    assert localised_numbers_in_attributes() == []


def test_the_check_finds_an_id_written_as_is():
    line = '<tr id="item-{{ row.anchor.pk }}"><a href="?sivu={{ number }}">'
    found = [
        number.group(1)
        for attribute in ATTRIBUTE.finditer(line)
        for number in NUMBER.finditer(attribute.group(1))
    ]
    assert found == ["row.anchor.pk", "number"]
