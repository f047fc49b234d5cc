import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ekosopimus.jobs.models import Job
from ekosopimus.portfolio.models import Project, ProjectImport

from .eura_files import EURA_2014_LIST, eura2021_row, eura2021_xlsx


def upload(client, slug: str, name: str, data: bytes):
    return client.post(
        reverse("portfolio:import", args=[slug]),
        {"file": SimpleUploadedFile(name, data)},
    )


def test_a_coordinator_imports_the_real_list_from_the_browser(client, kuopio, kuopio_user):
    client.force_login(kuopio_user)
    response = upload(client, "kuopio", "eura2014.csv", EURA_2014_LIST.read_bytes())
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    record = ProjectImport.objects.get()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result_url == reverse("portfolio:import_detail", args=[record.pk])
    assert not job.input_file  # the upload is not kept once imported
    page = client.get(job.result_url).content.decode()
    assert "2881" in page.replace("\xa0", "").replace(" ", "")
    assert "7560" in page
    assert Project.objects.filter(agreement=kuopio).count() == 2881


def test_a_rejected_upload_lists_every_bad_row_and_changes_nothing(client, kuopio, kuopio_user):
    client.force_login(kuopio_user)
    bad = eura2021_xlsx(
        [eura2021_row(), eura2021_row(**{"Toteuttajan Y-tunnus": "1234567-8"}),
         eura2021_row(Hankekoodi="A80001")]
    )  # fmt: skip
    response = upload(client, "kuopio", "huono.xlsx", bad)
    assert Job.objects.get().status == Job.Status.FAILED
    page = client.get(response.url).content.decode()
    assert "1234567-8" in page
    assert "A80001" in page
    assert not Project.objects.exists()
    assert not ProjectImport.objects.exists()


def test_only_staff_may_import(client, kuopio):
    response = upload(client, "kuopio", "eura2014.csv", b"x")
    assert response.status_code == 302
    assert not Project.objects.exists()


def test_the_download_follows_the_portfolio_filters(client, kuopio, kuopio_user):
    client.force_login(kuopio_user)
    upload(client, "kuopio", "a.xlsx", eura2021_xlsx([
        eura2021_row(), eura2021_row(Hankekoodi="A80002", Toiminnan_tila="Toiminta päättynyt"),
    ]))  # fmt: skip
    response = client.get(reverse("portfolio:export", args=["kuopio", "csv"]) + "?tila=closed")
    assert response["Content-Disposition"] == 'attachment; filename="hankkeet-kuopio.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["A80002"]


def test_the_public_download_holds_only_granted_projects(client, kuopio_project):
    response = client.get(reverse("portfolio:export", args=["kuopio", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[2] for row in sheet.iter_rows(values_only=True)] == ["Hankkeen nimi"]
    client.force_login(kuopio_project.history.first().history_user)
    response = client.get(reverse("portfolio:export", args=["kuopio", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [kuopio_project.name]
