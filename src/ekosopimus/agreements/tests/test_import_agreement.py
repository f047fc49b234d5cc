"""Importing an agreement from its document: accuracy on the seeds, drafts, review, publishing."""

import io
import json

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR, check_agreement_data
from ekosopimus.agreements.documents import NotAnAgreement, extract_lines, recognise_agreement
from ekosopimus.agreements.documents.accuracy import compare
from ekosopimus.agreements.documents.draft import from_json
from ekosopimus.agreements.models import Agreement, AgreementDraft
from ekosopimus.agreements.services import (
    AgreementDraftError,
    agreement_draft_create,
    agreement_draft_edit,
    agreement_draft_publish,
)
from ekosopimus.agreements.versions import version_changes, version_data

from .layout import SOURCES, seed_pdf

# The curated Kuopio data cuts one sentence of 4.2.1's key measures at an "ja" in a way no
# rule reproduces; everything else must come out exactly.
EXPECTED_MISSES = {("kuopio", "key_measures"): (1, 2)}
# Laid out anew, one coordination task's second sentence lands after a line WeasyPrint ends
# early, and is read as a paragraph of its own.
EXPECTED_PDF_MISSES = {**EXPECTED_MISSES, ("helsinki-espoo-vantaa", "governance_tasks"): (1, 1)}


def _curated(slug: str) -> dict:
    return yaml.safe_load((BUNDLED_DATA_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))


def _read(content: bytes, filename: str) -> dict:
    return recognise_agreement(extract_lines(content, filename=filename)).data


def _assert_reproduces(slug: str, data: dict, expected=EXPECTED_MISSES) -> None:
    for kind, score in compare(data, _curated(slug)).items():
        wrong, missed = expected.get((slug, kind), (0, 0))
        assert (score.wrong, score.missed) == (wrong, missed), (kind, score)


@pytest.mark.parametrize("slug", ["kuopio", "helsinki-espoo-vantaa"])
def test_it_reproduces_the_curated_data_from_the_seed_text(slug):
    _assert_reproduces(slug, _read((SOURCES / f"{slug}.txt").read_bytes(), f"{slug}.txt"))


@pytest.mark.parametrize("slug", ["kuopio", "helsinki-espoo-vantaa"])
def test_it_reproduces_the_curated_data_from_the_seed_laid_out_as_pdf(slug):
    content = seed_pdf(slug)
    lines = extract_lines(content, filename=f"{slug}.pdf")
    assert max(line.page for line in lines) > 3
    _assert_reproduces(slug, _read(content, f"{slug}.pdf"), EXPECTED_PDF_MISSES)


def test_the_draft_is_valid_agreement_data_and_says_where_each_item_came_from():
    draft = recognise_agreement(
        extract_lines((SOURCES / "kuopio.txt").read_bytes(), filename="kuopio.txt")
    )
    assert check_agreement_data(draft.data) == []
    # "Määrällisinä tavoitteina on 50 uutta yritystä …" stands on line 164 of the seed.
    assert draft.sources["focus_areas[0].targets[0]"] == (0, 164)
    assert draft.sources["focus_areas[0].action_groups[0]"] == (0, 174)
    assert draft.sources["action_plan.items[3]"][1] == 439


def test_a_document_that_is_not_an_agreement_is_refused():
    text = "Pöytäkirja\n\n1 Läsnä\n\nKokous avattiin klo 9.\n\n2 Päätökset\n\nHyväksyttiin."
    with pytest.raises(NotAnAgreement, match="ekosysteemisopimukselta"):
        _read(text.encode(), "poytakirja.txt")


def test_the_command_prints_json_in_the_curated_shape_and_stores_nothing(db, capsys):
    call_command("import_agreement", str(SOURCES / "kuopio.txt"), "--dry-run", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["slug"] == "kuopio"
    assert printed["sources"]["parties[0]"] == [0, 6]
    data = from_json({k: v for k, v in printed.items() if k not in ("sources", "notes")})
    assert check_agreement_data(data) == []
    assert not AgreementDraft.objects.exists() and not Agreement.objects.exists()


def test_the_command_refuses_an_unreadable_file_and_stores_nothing(db, tmp_path):
    scan = tmp_path / "kuva.pdf"
    scan.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError, match="Mitään ei tallennettu"):
        call_command("import_agreement", str(scan))
    assert not AgreementDraft.objects.exists()


def _kuopio_draft(user) -> AgreementDraft:
    content = (SOURCES / "kuopio.txt").read_bytes()
    return agreement_draft_create(content=content, filename="kuopio.txt", by=user)


def test_a_draft_publishes_as_the_next_version_with_its_changes(kuopio, kuopio_user):
    draft = _kuopio_draft(kuopio_user)
    data = from_json(draft.data)
    data["action_plan"]["items"][0]["amount_meur"] = "2,5"
    del data["focus_areas"][1]["action_groups"][0]["considerations"][0]
    agreement_draft_edit(draft=draft, text=yaml.safe_dump(data, allow_unicode=True), by=kuopio_user)
    draft.refresh_from_db()

    changes = version_changes(version_data(kuopio.versions.get(number=1)), from_json(draft.data))
    kinds = {(change.kind, change.element) for change in changes}
    assert ("changed", "Toimenpidesuunnitelman rivi") in kinds
    assert ("removed", "Huomioitava näkökohta") in kinds

    version = agreement_draft_publish(draft=draft, agreement=kuopio, by=kuopio_user)
    assert version.number == 2 and version.agreement == kuopio
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_version == version
    assert draft.history.first().history_user == kuopio_user
    with pytest.raises(AgreementDraftError):
        agreement_draft_publish(draft=draft, agreement=kuopio, by=kuopio_user)


def test_an_edit_that_does_not_check_out_changes_nothing(kuopio_user):
    draft = _kuopio_draft(kuopio_user)
    before = draft.data
    with pytest.raises(AgreementDraftError) as raised:
        agreement_draft_edit(draft=draft, text="slug: kuopio\nparties: []\n", by=kuopio_user)
    assert any("focus_areas" in problem for problem in raised.value.problems)
    with pytest.raises(AgreementDraftError, match="YAML"):
        agreement_draft_edit(draft=draft, text="parties: [", by=kuopio_user)
    draft.refresh_from_db()
    assert draft.data == before


def test_a_draft_is_not_published_as_a_new_agreement_over_an_existing_one(kuopio, kuopio_user):
    draft = _kuopio_draft(kuopio_user)
    with pytest.raises(AgreementDraftError, match="kuopio"):
        agreement_draft_publish(draft=draft, agreement=None, by=kuopio_user)
    assert kuopio.versions.count() == 1


def test_the_review_page_shows_the_draft_beside_its_source(client, kuopio, admin_user):
    draft = _kuopio_draft(admin_user)
    client.force_login(admin_user)
    page = client.get(reverse("agreements:draft", args=[draft.pk])).content.decode()
    assert 'id="r-0-164"' in page  # the source line of the first target
    assert 'href="#r-0-164"' in page
    assert "Julkaise uudeksi versioksi: Kuopio" in page
    assert "31.12.2027" in page


def test_only_administrators_see_the_import_pages(client, kuopio_user):
    # An agreement being imported may have no coordinators yet; the register is the
    # administrator's.
    client.force_login(kuopio_user)
    assert client.get(reverse("agreements:draft_upload")).status_code == 404


def test_an_unreadable_upload_gets_a_clear_message_and_creates_nothing(client, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO(b"%PDF-1.4 broken")
    upload.name = "rikki.pdf"
    response = client.post(reverse("agreements:draft_upload"), {"document": upload})
    page = client.get(response.url)
    assert "PDF" in page.content.decode()
    assert (
        "Nothing was stored" in page.content.decode()
        or "Mitään ei tallennettu" in page.content.decode()
    )
    assert not AgreementDraft.objects.exists()
