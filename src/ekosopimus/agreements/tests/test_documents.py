"""Reading agreement documents: text out of PDF, DOCX and plain text, hyphenation undone."""

import io
from pathlib import Path

import pytest

from ekosopimus.agreements.documents import (
    MAX_BYTES,
    DocumentUnreadable,
    SourceLine,
    dehyphenate,
    extract_lines,
    paragraphs,
)

SOURCES = Path(__file__).parent / "sources"


def _joined(*texts: str) -> str:
    lines = [SourceLine(text, 1, number) for number, text in enumerate(texts, start=1)]
    return " ".join(line.text for line in dehyphenate(lines))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("Kuopion kau-", "punki on osapuoli."), "Kuopion kaupunki on osapuoli."),
        (("terveys-", "ja hyvinvointiteknologia"), "terveys- ja hyvinvointiteknologia"),
        (("KuopioHealth-", "osuuskunta"), "KuopioHealth-osuuskunta"),
        (("Savonia-ammatti-", "korkeakoulu"), "Savonia-ammattikorkeakoulu"),
        (("tki-", "toiminta"), "tki-toiminta"),
        (("vesi-", "intensiivinen"), "vesi-intensiivinen"),
        (("EAKR-", "rahoitus"), "EAKR-rahoitus"),
        (("määriteltyihin kri-", "teereihin."), "määriteltyihin kriteereihin."),
        (
            ("Tutkimuksesta liiketoimintaan -", "toimintamallit"),
            "Tutkimuksesta liiketoimintaan - toimintamallit",
        ),
    ],
)
def test_it_undoes_line_end_hyphenation_and_keeps_real_hyphens(lines, expected):
    assert _joined(*lines) == expected


def test_the_documents_own_words_decide_an_unclear_cut():
    assert _joined("vesi-", "teknologia", "ja vesiteknologian osaaminen") == (
        "vesiteknologia ja vesiteknologian osaaminen"
    )
    assert _joined("data-", "analytiikka ja", "data-analytiikan") == (
        "data-analytiikka ja data-analytiikan"
    )


def test_a_cut_is_not_joined_across_a_blank_line():
    assert _joined("kau-", "", "punki") == "kau-  punki"


def test_paragraphs_rejoin_broken_lines_and_keep_where_they_began():
    lines = extract_lines(
        "1 Sopimusosapuolet\n\nSopimuksen osapuolet ovat TEM ja Kuopion kau-\n"
        "punki.\n- ensimmäinen kohta\n- toinen\nkohta\n\nTavoitteena on\n50 uutta yritystä.\n"
        "4.1 Terveys\n".encode(),
        filename="x.txt",
    )
    found = [(p.text, p.line) for p in paragraphs(lines)]
    assert found == [
        ("1 Sopimusosapuolet", 1),
        ("Sopimuksen osapuolet ovat TEM ja Kuopion kaupunki.", 3),
        ("- ensimmäinen kohta", 5),
        ("- toinen kohta", 6),
        ("Tavoitteena on 50 uutta yritystä.", 9),
        ("4.1 Terveys", 11),
    ]


def test_the_kuopio_seed_reads_with_its_compounds_whole():
    data = (SOURCES / "kuopio.txt").read_bytes()
    text = "\n".join(p.text for p in paragraphs(extract_lines(data, filename="kuopio.txt")))
    for phrase in (
        "Savonia-ammattikorkeakoulu, Pohjois-Savon liitto",
        "KuopioHealth-osuuskunta sekä opetus- ja kulttuuriministeriö",
        "tutkimus- ja kehittämismenojen osuus nykyisestä",
        "2030 mennessä",
        "(tki-toimintaa)",
    ):
        assert phrase in text
    assert "kau- punki" not in text and "men- nessä" not in text


def _pdf(html: str) -> bytes:
    from ekosopimus.lib.pdf import html_to_pdf

    return html_to_pdf(html)


def test_a_pdf_laid_out_anew_with_real_hyphenation_reads_back_whole():
    seed = extract_lines((SOURCES / "kuopio.txt").read_bytes(), filename="kuopio.txt")
    # The seed's parties section, set anew in a narrow column that WeasyPrint hyphenates.
    parties = [p.text for p in paragraphs(seed)][1:4]
    body = "".join(f"<p>{text}</p>" for text in parties)
    html = (
        '<html lang="fi"><body style="width: 9cm; hyphens: auto; font-size: 12pt">'
        f"{body}</body></html>"
    )
    lines = extract_lines(_pdf(html), filename="kuopio.pdf")
    assert any(line.text.rstrip().endswith("-") for line in lines)  # really hyphenated
    text = " ".join(p.text for p in paragraphs(lines))
    assert "Savonia-ammattikorkeakoulu" in text
    assert "Pohjois-Savon sairaanhoitopiiri/Kuopion yliopistollinen sairaala" in text
    assert "yhteistyöosapuolina" in text
    assert {line.page for line in lines} == {1}


def test_an_encrypted_pdf_is_refused_with_a_clear_message():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf("<p>Salainen sopimus</p>"))))
    writer.encrypt(user_password="salasana", algorithm="RC4-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    with pytest.raises(DocumentUnreadable, match="salattu"):
        extract_lines(encrypted.getvalue(), filename="salattu.pdf")


def test_an_image_only_pdf_is_refused_as_a_scan():
    svg = '<svg width="400" height="200"><rect width="400" height="200" fill="#333"/></svg>'
    with pytest.raises(DocumentUnreadable, match="tekstintunnistuksen"):
        extract_lines(_pdf(f"<body>{svg}</body>"), filename="skannattu.pdf")


def test_a_docx_gives_its_paragraphs_and_the_rows_of_its_tables():
    import docx

    document = docx.Document()
    document.add_paragraph("1 Sopimusosapuolet")
    document.add_paragraph("Sopimuksen osapuolet ovat TEM ja Kuopion kaupunki.")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("4.1", "Terveysdata", "2,5"), strict=True):
        cell.text = text
    saved = io.BytesIO()
    document.save(saved)
    texts = [line.text for line in extract_lines(saved.getvalue(), filename="sopimus.docx")]
    assert texts[:2] == ["1 Sopimusosapuolet", "Sopimuksen osapuolet ovat TEM ja Kuopion kaupunki."]
    assert texts[-1] == "4.1\tTerveysdata\t2,5"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"x" * (MAX_BYTES + 1), "raja on 20,0"),
        (b"\x00\x01\x02binary", "ei ole PDF"),
        (b"PK\x03\x04not really a zip", "ei ole Word"),
        (b"   \n\n  ", "ei ole tekstiä"),
    ],
)
def test_bad_files_are_refused_with_a_message_that_says_why(data, message):
    with pytest.raises(DocumentUnreadable, match=message):
        extract_lines(data, filename="tiedosto")
