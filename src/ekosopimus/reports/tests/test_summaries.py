"""The steering groups' summaries, as pages, PDF and XLSX, from the same figures."""

import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from openpyxl import load_workbook
from pypdf import PdfReader

from ekosopimus.agreements.models import QuantitativeTarget
from ekosopimus.jobs.models import Job

# A money, count-with-unit or percentage figure as the pages print it: 1,00 M€, 600 000 €, 40 %.
FIGURE = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?[ \u00a0]?(?:M€|€|%)")


def figures(text: str) -> set[str]:
    return {re.sub(r"[ \u00a0]", " ", match) for match in FIGURE.findall(text)}


def summary_part(html: str) -> str:
    part = html.split('<div id="summary">', 1)[1]
    return re.sub(r"<svg.*?</svg>", "", part, flags=re.S)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_half_year_report_moves_the_health_target_and_the_pdf_matches_the_page(
    download, client, kuopio, kuopio_user, granted_project, indicators
):
    client.force_login(kuopio_user)
    target = QuantitativeTarget.objects.get(
        focus_area__version__agreement=kuopio, focus_area__number="4.1", unit="company"
    )
    rco01 = indicators["RCO01"]
    client.post("/tilannekuva/kuopio/tavoitteet/", {"target": target.pk, "indicator": rco01.pk})
    response = client.post(
        f"/tilannekuva/hanke/{granted_project.pk}/raportti/",
        {
            "period_start": "1.1.2024",
            "period_end": "30.6.2024",
            "spent": "150000",
            "narrative": "Kolme uutta yritystä liittyi KuopioHealth-ekosysteemiin.",
            f"value_{rco01.pk}": "3",
            f"entities_{rco01.pk}": "Oy Yksi Ab; 0245894-7\nKaksi Oy\nKolme Oy",
        },
    )
    report_url = response["Location"]
    client.post(report_url + "laheta/")
    client.post(report_url + "hyvaksy/")
    situation = client.get("/tilannekuva/kuopio/").content.decode()
    assert "Hyväksytty" in client.get(report_url).content.decode()
    assert "6\u00a0%" in situation  # 3 of 50 companies

    page = client.get("/koosteet/kuopio/?alku=2023-01-01").content.decode()
    pdf = download(client, "/koosteet/kuopio/kooste.pdf?alku=2023-01-01")
    assert pdf["Content-Type"] == "application/pdf"
    assert "johtoryhman-kooste-kuopio-" in pdf["Content-Disposition"]
    on_page, in_pdf = figures(summary_part(page)), figures(pdf_text(pdf.content))
    assert {"6 %", "1,00 M€", "0,60 M€", "600 000 €", "150 000 €"} <= on_page
    assert on_page == in_pdf
    assert "Kolme uutta" not in pdf_text(pdf.content)  # narratives stay in the reports
    assert "EURA-123" in pdf_text(pdf.content)


def test_the_xlsx_summary_has_a_sheet_per_part_with_euros_as_numbers(
    client, kuopio_user, granted_project, download
):
    client.force_login(kuopio_user)
    response = download(client, "/koosteet/kuopio/kooste.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Yhteenveto", "Rahat", "Hankkeet tiloittain"]
    money = list(book["Rahat"].iter_rows(values_only=True))
    total = next(
        row for row in money if row[0] == "Rahat painopistealueittain" and row[1] == "Yhteensä"
    )
    assert total[3] == 1000000


def test_the_command_writes_both_summaries(tmp_path, granted_project, agreements):
    call_command("summary", "--agreement", "kuopio", "--format", "pdf", "-o", tmp_path / "k.pdf")
    assert (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF")
    call_command("summary", "--national", "--format", "pdf", "-o", tmp_path / "n.pdf")
    text = pdf_text((tmp_path / "n.pdf").read_bytes())
    assert "Tampere" in text and "Kajaani" in text
    call_command(
        "summary",
        "--national",
        "--format",
        "xlsx",
        "-o",
        tmp_path / "n.xlsx",
        "--since",
        "1.1.2024",
    )
    assert len(list(load_workbook(tmp_path / "n.xlsx")["Kaupunkiseudut"].iter_rows())) == 18


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agreement", "turku-x"], "turku-x"),
        (["--agreement", "kuopio", "--since", "31.2.2024"], "31.2.2024"),
        (["--agreement", "kuopio", "--since", "2.1.2025", "--until", "1.1.2025"], "ennen"),
    ],
)
def test_the_command_refuses_bad_input_with_a_message(tmp_path, agreements, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("summary", *args, "-o", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_export_says_plainly_when_pdf_cannot_be_made(
    client, kuopio_user, agreements, monkeypatch
):
    from ekosopimus.lib import pdf

    def unavailable(*args, **kwargs):
        raise pdf.PdfUnavailable("PDF-tiedostoja ei voi tehdä tällä palvelimella.")

    monkeypatch.setattr("ekosopimus.reports.rendering.html_to_pdf", unavailable)
    client.force_login(kuopio_user)
    response = client.get("/koosteet/kuopio/kooste.pdf")
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "PDF-tiedostoja ei voi tehdä" in client.get(response.url).content.decode()
    assert client.get("/koosteet/kuopio/").status_code == 200


def test_a_download_asked_twice_while_it_is_made_is_made_once(client, kuopio_user, agreements):
    from ekosopimus.jobs.services import job_submit
    from ekosopimus.reports.tasks import summary_params

    params = summary_params(slug="kuopio", fmt="xlsx", since=None, until=None)
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        first = job_submit(kind="summary", title="x", by=kuopio_user, params=params)
        again = job_submit(kind="summary", title="x", by=kuopio_user, params=params)
    assert first.pk == again.pk
    assert Job.objects.count() == 1


def test_a_bad_date_in_the_url_is_said_and_dropped(client, kuopio_user, agreements):
    client.force_login(kuopio_user)
    page = client.get("/koosteet/kuopio/?alku=eilen").content.decode()
    assert "”eilen” ei ole päivämäärä" in page and 'role="alert"' in page
    # Dropped, the summary runs from the beginning up to today.
    assert 'name="alku" value=""' in page
    assert f'name="loppu" value="{date.today():%Y-%m-%d}"' in page


def _import(agreement, data: bytes, filename: str, user):
    from ekosopimus.portfolio.services import projects_import

    return projects_import(agreement=agreement, stream=io.BytesIO(data), filename=filename, by=user)


def test_an_earlier_programmes_list_is_counted_with_its_import_never_as_new_projects(
    client, download, kuopio, kuopio_user, kuopio_project
):
    from ekosopimus.portfolio.tests.eura_files import EURA_2014_LIST

    _import(kuopio, EURA_2014_LIST.read_bytes(), "eura2014.csv", kuopio_user)
    client.force_login(kuopio_user)
    page = summary_part(client.get("/koosteet/kuopio/").content.decode())
    assert page.count("Uusi hanke") == 0
    assert "Terveysdatan laatu -hanke" in page  # made in the portfolio, so new
    assert "A70301" not in page
    assert "eura2014.csv" in page and ">2\xa0881<" in page
    pdf = PdfReader(io.BytesIO(download(client, "/koosteet/kuopio/kooste.pdf").content))
    assert len(pdf.pages) < 15
    sheet = load_workbook(io.BytesIO(download(client, "/koosteet/kuopio/kooste.xlsx").content))
    kinds = [row[1] for row in sheet["Mitä muuttui"].iter_rows(min_row=2, values_only=True)]
    assert kinds == ["Uusi hanke", "EURA-luettelo tuotu"]


def test_a_large_import_of_new_projects_is_counted_and_a_small_one_listed(
    client, kuopio, kuopio_user
):
    from ekosopimus.portfolio.tests.eura_files import eura2021_row, eura2021_xlsx

    small = [eura2021_row(Hankekoodi=f"A8000{n}") for n in range(1, 3)]
    _import(kuopio, eura2021_xlsx(small), "pieni.xlsx", kuopio_user)
    client.force_login(kuopio_user)
    page = summary_part(client.get("/koosteet/kuopio/").content.decode())
    assert page.count("Terveysteknologian testiympäristö") == 2

    large = [eura2021_row(Hankekoodi=f"A81{n:03d}") for n in range(40)]
    _import(kuopio, eura2021_xlsx(large), "suuri.xlsx", kuopio_user)
    page = summary_part(client.get("/koosteet/kuopio/").content.decode())
    assert page.count("Terveysteknologian testiympäristö") == 0
    assert "42" in page and "suuri.xlsx" in page and "pieni.xlsx" in page


def test_the_date_range_summary_comes_as_a_docx_with_the_page_s_figures(
    client, kuopio_user, granted_project, download
):
    import docx

    client.force_login(kuopio_user)
    page = client.get("/koosteet/kuopio/?alku=2023-01-01").content.decode()
    assert "kooste.docx" in page
    response = download(client, "/koosteet/kuopio/kooste.docx?alku=2023-01-01")
    assert "johtoryhman-kooste-kuopio-" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert {"1 000 000 €", "600 000 €", "400 000 €"} <= figures(text)
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
