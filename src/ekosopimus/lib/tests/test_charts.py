"""The server-drawn charts: whole labels, no chart without data, legible text."""

import re
from decimal import Decimal
from xml.etree import ElementTree

from ekosopimus.lib.charts import (
    FONT_SIZE,
    Progress,
    Series,
    bar_chart,
    progress_chart,
    wrap,
)

SVG = "{http://www.w3.org/2000/svg}"
LONG = "Kestävä kaupunkikehitys ja älykkäät liikkumisen ratkaisut metropolialueella"


def _chart(categories, *series):
    return bar_chart(
        title="Raha painopisteittäin",
        description="Pylväät",
        categories=categories,
        series=list(series),
        value_format=lambda value: f"{value} €",
    )


def _text(svg: str) -> str:
    root = ElementTree.fromstring(svg)
    return " ".join(" ".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def test_a_long_label_is_wrapped_whole_and_never_cut():
    svg = _chart([LONG, "Terveys"], Series("Suunniteltu", [Decimal(5), Decimal(2)]))
    assert "…" not in svg
    assert " ".join(_text(svg).split()).count(LONG) == 1
    assert len(wrap(LONG)) > 1 and " ".join(wrap(LONG)) == LONG


def test_a_word_longer_than_a_line_is_split_over_lines_not_dropped():
    word = "Terveysteknologiainnovaatioekosysteemikehittämishanke"
    lines = wrap(word, 20)
    assert "".join(lines) == word and all(len(line) <= 20 for line in lines)


def test_no_data_draws_no_chart():
    assert _chart([], Series("Suunniteltu", [])) is None
    assert _chart(["Terveys"], Series("Suunniteltu", [None]), Series("Maksettu", [0])) is None
    assert progress_chart(title="Tavoitteet", description="", rows=[]) is None


def test_the_legend_names_only_series_with_data():
    svg = _chart(
        ["Terveys", "Energia"],
        Series("Suunniteltu", [Decimal(5), Decimal(2)]),
        Series("Myönnetty", [Decimal(3), None]),
        Series("Maksettu", [0, 0]),
    )
    text = _text(svg)
    assert "Suunniteltu" in text and "Myönnetty" in text and "Maksettu" not in text


def test_a_category_without_values_is_left_out():
    svg = _chart(["Terveys", "Energia"], Series("Suunniteltu", [Decimal(5), None]))
    assert "Terveys" in _text(svg) and "Energia" not in _text(svg)


def test_the_text_is_never_smaller_than_12_px_and_does_not_scale_with_the_chart():
    svg = _chart([LONG], Series("Suunniteltu", [Decimal(5)]), Series("Myönnetty", [1]))
    root = ElementTree.fromstring(svg)
    # Without a viewBox a user unit is a CSS pixel whatever the chart's width on screen.
    assert "viewBox" not in root.attrib and root.get("width") == "100%"
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= 12 and FONT_SIZE >= 12
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text


def test_a_progress_bar_shows_the_figures_in_words_and_marks_the_target():
    svg = progress_chart(
        title="Tavoitteet",
        description="Edistyminen",
        rows=[
            Progress(
                label="4.1 · 50 uutta yritystä",
                achieved=Decimal(10),
                target=Decimal(50),
                promised=Decimal(40),
                text="Saavutettu 10 / 50 (20 %); lupaukset toisivat 40.",
            )
        ],
    )
    root = ElementTree.fromstring(svg)
    widths = [rect.get("width") for rect in root.iter(f"{SVG}rect")]
    # the track, the promised part, the achieved part and the target's mark
    assert widths == ["98%", "78.40%", "19.60%", "3"]
    assert "Saavutettu 10 / 50 (20 %); lupaukset toisivat 40." in _text(svg)
