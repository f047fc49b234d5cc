"""The annual reports and the meeting pack: the same figures on the page and in the DOCX,
PDF and XLSX; Word headings, tables, page numbers; clear messages for bad input."""

import io
import re
from datetime import date, datetime
from decimal import Decimal

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from ekosopimus.analysis.services import overlap_review_record
from ekosopimus.portfolio.models import BudgetLine, Project
from ekosopimus.portfolio.services import project_budget_set, project_create
from ekosopimus.reports.services import narrative_approve, narrative_write

FIGURE = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?[ \u00a0]?(?:M€|€|%)")


def figures(text: str) -> set[str]:
    return {re.sub(r"[ \u00a0]", " ", match) for match in FIGURE.findall(text)}


def page_part(html: str) -> str:
    part = html.split('<div id="report">', 1)[1]
    return part.split('<h2 id="narratives">', 1)[0]


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def approve_all(agreement, year, coordinator, member):
    for area in agreement.versions.get(number=1).focus_areas.all():
        narrative = narrative_write(
            agreement=agreement,
            year=year,
            focus_area_number=area.number,
            text=f"Kertomus {area.number}: ekosysteemi kasvoi.",
            by=coordinator,
        )
        narrative_approve(narrative=narrative, by=member)


def test_the_page_the_docx_the_pdf_and_the_xlsx_show_the_same_figures(
    download, client, kuopio_user, granted_project
):
    client.force_login(kuopio_user)
    page = client.get("/koosteet/kuopio/vuosiraportti/2023/")
    assert page.status_code == 200
    on_page = figures(page_part(page.content.decode()))
    assert {"1 000 000 €", "600 000 €", "400 000 €"} <= on_page

    word = download(client, "/koosteet/kuopio/vuosiraportti/2023/vuosiraportti.docx")
    assert "vuosiraportti-kuopio-2023.docx" in word["Content-Disposition"]
    assert figures(docx_text(word.content)) == on_page
    pdf = download(client, "/koosteet/kuopio/vuosiraportti/2023/vuosiraportti.pdf")
    assert figures(pdf_text(pdf.content)) == on_page
    assert "EURA-123" not in pdf_text(pdf.content)  # decisions by project, not number

    book = load_workbook(
        io.BytesIO(
            download(client, "/koosteet/kuopio/vuosiraportti/2023/vuosiraportti.xlsx").content
        )
    )
    focus = list(book["Rahat painopistealueittain"].iter_rows(values_only=True))
    assert focus[-1][0] == "Yhteensä"
    assert focus[-1][1:4] == (Decimal("1000000"), Decimal("1000000"), Decimal("0"))
    decisions = list(book["Päätökset"].iter_rows(values_only=True))
    assert [row[3] for row in decisions[1:]] == ["Esitetty rahoitettavaksi", "Myönnetty"]


def test_a_past_year_shows_its_figures_as_they_stood_when_it_ended(
    download, client, kuopio, kuopio_user
):
    last_year = timezone.localdate().year - 1
    project = project_create(
        agreement=kuopio,
        name="Viime vuoden hanke",
        start_date=date(last_year, 2, 1),
        by=kuopio_user,
    )
    for planned in (Decimal("120000"), Decimal("345000")):
        project_budget_set(
            project=project, lines=[{"source": "municipal", "planned": planned}], by=kuopio_user
        )
        if planned == Decimal("120000"):
            # As if entered in the summer of last year; the change after is made now.
            moment = timezone.make_aware(datetime(last_year, 6, 1, 12))
            Project.history.filter(id=project.pk).update(history_date=moment)
            BudgetLine.history.filter(project_id=project.pk).update(history_date=moment)
    client.force_login(kuopio_user)
    base = f"/koosteet/kuopio/vuosiraportti/{last_year}/"
    past = client.get(base).content.decode()
    assert "120 000 €" in figures(page_part(past))
    assert "345 000 €" not in figures(page_part(past))
    assert "luettu takaisin siitä, mitä rekisterissä oli vuoden päättyessä" in past
    word = docx_text(download(client, base + "vuosiraportti.docx").content)
    assert "120 000 €" in figures(word) and "345 000 €" not in figures(word)
    running = client.get(f"/koosteet/kuopio/vuosiraportti/{last_year + 1}/").content.decode()
    assert "345 000 €" in figures(page_part(running))
    assert "luettu takaisin" not in running


def test_the_docx_has_word_headings_header_rows_page_numbers_and_finnish_formats(
    kuopio, granted_project, tmp_path
):
    target = tmp_path / "vuosiraportti.docx"
    call_command("annual_report", agreement="kuopio", year=2023, format="docx", output=target)
    document = docx.Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Rahat", "Hankkeet"]
    assert any(
        p.style.name == "Heading 2" and p.text.startswith("4.1") for p in document.paragraphs
    )
    first = document.tables[0]
    assert first.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert first.rows[0].cells[2].text == "Myönnetty"
    section = document.sections[0]
    assert kuopio.name in section.header.paragraphs[0].text
    assert "PAGE" in "".join(section.footer._element.xpath(".//w:instrText/text()"))
    text = docx_text(target.read_bytes())
    assert "1 000 000 €" in figures(text)
    assert "15.12.2023" in text


def test_the_report_is_a_draft_in_every_format_until_every_narrative_is_approved(
    download, client, kuopio, kuopio_user, kuopio_steering, granted_project
):
    client.force_login(kuopio_user)
    base = "/koosteet/kuopio/vuosiraportti/2023/"
    assert "LUONNOS" in docx_text(download(client, base + "vuosiraportti.docx").content)
    assert (
        "LUONNOS"
        in docx.Document(io.BytesIO(download(client, base + "vuosiraportti.docx").content))
        .sections[0]
        .header.paragraphs[0]
        .text
    )
    assert "LUONNOS" in pdf_text(download(client, base + "vuosiraportti.pdf").content)
    sheet = load_workbook(io.BytesIO(download(client, base + "vuosiraportti.xlsx").content)).active
    assert "LUONNOS" in str(sheet["A2"].value)

    approve_all(kuopio, 2023, kuopio_user, kuopio_steering)
    final = docx_text(download(client, base + "vuosiraportti.docx").content)
    assert "LUONNOS" not in final
    assert "Kertomus 4.1: ekosysteemi kasvoi." in final
    assert "Lopullinen" in client.get(base).content.decode()


def test_a_year_outside_the_agreement_is_refused_with_the_agreement_s_years(
    client, kuopio, kuopio_user
):
    client.force_login(kuopio_user)
    for url in (
        "/koosteet/kuopio/vuosiraportti/2019/",
        "/koosteet/kuopio/vuosiraportti/2019/vuosiraportti.docx",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "2019" in response.content.decode()
        assert "2027" in response.content.decode()
    with pytest.raises(CommandError, match="2019"):
        call_command("annual_report", agreement="kuopio", year=2019, output="/dev/null")


def test_an_empty_year_and_an_agreement_without_projects_say_so(
    client, kuopio_user, hev_user, granted_project
):
    client.force_login(kuopio_user)
    empty = client.get("/koosteet/kuopio/vuosiraportti/2022/").content.decode()
    assert "Vuonna 2022 ei kirjattu" in empty
    client.force_login(hev_user)
    none = client.get("/koosteet/helsinki-espoo-vantaa/vuosiraportti/2024/").content.decode()
    assert "Sopimuksella ei ole vielä hankkeita" in none


def test_a_narrative_over_its_length_is_refused_on_the_page_and_kept_for_fixing(
    client, kuopio_user
):
    client.force_login(kuopio_user)
    response = client.post(
        "/koosteet/kuopio/vuosiraportti/2024/kertomus/4.1/", {"text": "sana " * 2000}
    )
    assert response.status_code == 400
    assert "enintään 6000 merkkiä" in response.content.decode()
    assert "sana sana" in response.content.decode()


def test_post_only_urls_answer_405_to_get(client, kuopio_user):
    client.force_login(kuopio_user)
    for url in (
        "/koosteet/kuopio/vuosiraportti/2024/kertomus/4.1/",
        "/koosteet/kuopio/vuosiraportti/2024/kertomus/4.1/hyvaksy/",
    ):
        assert client.get(url).status_code == 405


def test_a_steering_member_approves_on_the_page_and_a_coordinator_sees_no_approve_button(
    client, kuopio, kuopio_user, kuopio_steering
):
    narrative_write(
        agreement=kuopio, year=2024, focus_area_number="4.1", text="Teksti.", by=kuopio_user
    )
    client.force_login(kuopio_user)
    assert (
        "kertomus/4.1/hyvaksy/"
        not in client.get("/koosteet/kuopio/vuosiraportti/2024/").content.decode()
    )
    assert (
        client.post("/koosteet/kuopio/vuosiraportti/2024/kertomus/4.1/hyvaksy/").status_code == 403
    )
    client.force_login(kuopio_steering)
    page = client.get("/koosteet/kuopio/vuosiraportti/2024/").content.decode()
    assert "kertomus/4.1/hyvaksy/" in page
    assert 'name="text"' not in page
    client.post("/koosteet/kuopio/vuosiraportti/2024/kertomus/4.1/hyvaksy/")
    assert "Hyväksynyt" in client.get("/koosteet/kuopio/vuosiraportti/2024/").content.decode()


def test_the_national_annual_report_marks_the_public_summaries(
    download, client, national_viewer, granted_project
):
    client.force_login(national_viewer)
    page = client.get("/koosteet/vuosiraportti/2023/").content.decode()
    assert "Vain julkinen tiivistelmä" in page
    word = docx_text(download(client, "/koosteet/vuosiraportti/2023/vuosiraportti.docx").content)
    assert "Vain julkinen tiivistelmä" in word
    assert figures(word) == figures(page_part(page + '<h2 id="narratives">'))
    assert "1 000 000 €" in figures(word)


def test_the_meeting_pack_shows_the_rules_after_granting_and_then_the_decisions(
    download, client, kuopio, kuopio_user, kuopio_project
):
    from ekosopimus.portfolio.services import (
        agenda_item_assess,
        meeting_create,
        project_budget_set,
        project_propose,
        steering_decision_record,
    )

    project_budget_set(
        project=kuopio_project,
        lines=[
            {"source": "eu_state", "instrument": "ERDF", "planned": Decimal("590000")},
            {"source": "municipal", "planned": Decimal("410000"), "granted": Decimal("410000")},
        ],
        by=kuopio_user,
    )
    meeting = meeting_create(
        agreement=kuopio, held_on=date(2025, 3, 1), title="Johtoryhmä 1/2025", by=kuopio_user
    )
    project_propose(project=kuopio_project, meeting=meeting, by=kuopio_user)
    client.force_login(kuopio_user)
    assert (
        "Ei arvioijan huomioita." in client.get(f"/koosteet/kokous/{meeting.pk}/").content.decode()
    )
    agenda_item_assess(
        item=meeting.agenda_items.get(), notes="Vahva sovitus toimenpiteeseen.", by=kuopio_user
    )
    page = client.get(f"/koosteet/kokous/{meeting.pk}/").content.decode()
    assert "Arvioijan huomiot: Vahva sovitus toimenpiteeseen." in page
    assert "41,0 %" in figures(page)  # the local share once the EU and State money is granted
    word = download(client, f"/koosteet/kokous/{meeting.pk}/kokousmateriaali.docx")
    assert figures(docx_text(word.content)) == figures(page_part(page + '<h2 id="narratives">'))
    assert "Vahva sovitus toimenpiteeseen." in docx_text(word.content)
    assert client.get(f"/koosteet/kokous/{meeting.pk}/kokousmateriaali.xlsx").status_code == 404

    kuopio_project.refresh_from_db()
    steering_decision_record(
        project=kuopio_project, meeting=meeting, outcome="selected", by=kuopio_user
    )
    minutes = docx_text(
        download(client, f"/koosteet/kokous/{meeting.pk}/kokousmateriaali.docx").content
    )
    assert re.search(r"Esitetty rahoitettavaksi \(\d+\.\d+\.\d{4}\)", minutes)
    assert "Kokouksessa kirjatut päätökset" in minutes


def test_the_annual_report_counts_the_overlaps_resolved_in_the_year(
    download, client, kuopio, kuopio_user, kuopio_project
):
    other = project_create(agreement=kuopio, name="Terveysdatan laatu II", by=kuopio_user)
    overlap_review_record(
        agreement=kuopio,
        first=kuopio_project,
        second=other,
        outcome="coordinated",
        note="Työnjako sovittu.",
        by=kuopio_user,
    )
    year = timezone.localdate().year
    client.force_login(kuopio_user)
    word = download(client, f"/koosteet/kuopio/vuosiraportti/{year}/vuosiraportti.docx")
    text = docx_text(word.content)
    assert f"Johtopäätökset {year}: ratkaistu työnjaolla\n1\n" in text
    assert f"Johtopäätökset {year}: ei päällekkäisyyttä\n0\n" in text
    earlier = download(client, f"/koosteet/kuopio/vuosiraportti/{year - 1}/vuosiraportti.docx")
    assert f"Johtopäätökset {year - 1}: ratkaistu työnjaolla\n0\n" in docx_text(earlier.content)
