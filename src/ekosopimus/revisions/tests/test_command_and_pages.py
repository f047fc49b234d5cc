"""revise_agreement, the pages and bad input: clear messages, nothing half-stored."""

import io
import json

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR
from ekosopimus.agreements.models import Agreement, AgreementDraft
from ekosopimus.agreements.services.revisions import (
    RevisionError,
    termination_notice_record,
)
from ekosopimus.portfolio.models import Project
from ekosopimus.revisions.services import revision_choose, revision_publish

from .conftest import kuopio_data, record


def _yaml(tmp_path, data, name="kuopio-2025.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_dry_run_json_prints_changed_rows_the_plan_and_the_rules_and_stores_nothing(
    kuopio, linked_portfolio, tmp_path
):
    data = kuopio_data()
    data["action_plan"]["items"][1]["amount_meur"] = "1,5"
    out = io.StringIO()

    call_command("revise_agreement", "kuopio", str(_yaml(tmp_path, data)), "--dry-run", "--json",
                 stdout=out)  # fmt: skip

    report = json.loads(out.getvalue())
    assert [(c["kind"], c["element"]) for c in report["changes"]] == [
        ("changed", "Toimenpidesuunnitelman rivi")
    ]
    assert report["carry_over"]["unmatched"] == []
    assert report["carry_over"]["links"] >= 5
    plan_rule = next(r for r in report["rules"] if r["key"] == "action_plan")
    assert plan_rule["before"]["status"] and plan_rule["after"]["status"]
    assert kuopio.versions.count() == 1 and not AgreementDraft.objects.exists()


def test_publish_refuses_listing_the_unmatched_links_and_stores_nothing(
    kuopio, linked_portfolio, tmp_path
):
    data = kuopio_data()
    del data["action_plan"]["items"][15]

    with pytest.raises(CommandError, match="Vesiosaamisen|odottavat valintaa") as refused:
        call_command("revise_agreement", "kuopio", str(_yaml(tmp_path, data)), "--publish")

    assert "valintaa" in str(refused.value)
    assert kuopio.versions.count() == 1


def test_publish_publishes_when_every_link_matches(kuopio, linked_portfolio, tmp_path):
    out = io.StringIO()
    call_command("revise_agreement", "kuopio", str(_yaml(tmp_path, kuopio_data())), "--publish",
                 "--initiated-by", "Kuopion kaupunki", "--enters-into-force", "2025-01-01",
                 stdout=out)  # fmt: skip
    assert kuopio.versions.count() == 2
    project = Project.objects.get(pk=linked_portfolio["project"].pk)
    assert project.focus_areas.get().version.number == 2


def test_a_revision_of_another_agreement_is_refused(kuopio, hev, tmp_path):
    path = tmp_path / "hev.yaml"
    path.write_bytes((BUNDLED_DATA_DIR / "helsinki-espoo-vantaa.yaml").read_bytes())
    with pytest.raises(CommandError, match="Helsinki"):
        call_command("revise_agreement", "kuopio", str(path), "--dry-run")


def test_a_document_that_is_not_an_agreement_is_refused(kuopio, tmp_path):
    path = tmp_path / "poytakirja.txt"
    path.write_text("Pöytäkirja\n\n1 Läsnä\n\nKokous avattiin klo 9.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ekosysteemisopimukselta"):
        call_command("revise_agreement", "kuopio", str(path), "--dry-run")
    assert not AgreementDraft.objects.exists()


def test_a_revision_ending_before_the_version_in_force_is_refused(kuopio, tmp_path):
    import datetime

    data = kuopio_data()
    data["ends_on"] = datetime.date(2026, 12, 31)
    with pytest.raises(CommandError, match="31.12.2026"):
        call_command("revise_agreement", "kuopio", str(_yaml(tmp_path, data)), "--publish")
    assert kuopio.versions.count() == 1


def _draft(kuopio, kuopio_user, data):
    from ekosopimus.revisions.services import revision_draft_create

    content = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    return revision_draft_create(
        agreement=kuopio, content=content, filename="kuopio-2025.yaml", by=kuopio_user
    )


def test_two_coordinators_publishing_at_once_one_is_refused(kuopio, kuopio_user, linked_portfolio):
    first = _draft(kuopio, kuopio_user, kuopio_data())
    second = _draft(kuopio, kuopio_user, kuopio_data())
    revision_publish(draft=first, record=record(), expected_version=1, by=kuopio_user)

    with pytest.raises(RevisionError, match="julkaistiin"):
        revision_publish(draft=second, record=record(), expected_version=1, by=kuopio_user)

    assert kuopio.versions.count() == 2
    second.refresh_from_db()
    assert second.status == AgreementDraft.Status.DRAFT


def test_a_coordinator_ends_a_removed_measures_links_with_a_reason_and_publishes(
    client, kuopio, kuopio_user, linked_portfolio
):
    data = kuopio_data()
    del data["action_plan"]["items"][15]
    draft = _draft(kuopio, kuopio_user, data)
    client.force_login(kuopio_user)
    url = reverse("revisions:carry_over", args=["kuopio", draft.pk])
    ref = f"plan_item:{linked_portfolio['idea'].action_plan_item_id}"

    page = client.get(url)
    assert "odottaa valintaa" in page.content.decode()
    client.post(url, {"ref": ref, "action": "end", "reason": ""})
    draft.refresh_from_db()
    assert draft.carry_over == {}
    client.post(url, {"ref": ref, "action": "end", "reason": "Toimenpide poistui tarkistuksessa"})
    publish = client.post(
        reverse("revisions:publish", args=["kuopio", draft.pk]),
        {
            "expected_version": 1,
            "label": "Tarkistettu 2025–2027",
            "initiated_by": "Kuopion kaupunki",
            "enters_into_force_on": "2025-01-01",
            "summary": "",
        },
    )

    assert publish.status_code == 302
    idea = Project.objects.get(pk=linked_portfolio["idea"].pk)
    assert idea.action_plan_item is None
    assert (
        "Toimenpide poistui tarkistuksessa"
        in idea.history.latest("history_id").history_change_reason
    )
    assert client.get(reverse("agreements:detail", args=["kuopio"])).status_code == 200


def test_a_choice_for_an_item_the_revision_lacks_is_refused(kuopio, kuopio_user, linked_portfolio):
    draft = _draft(kuopio, kuopio_user, kuopio_data())
    ref = f"plan_item:{linked_portfolio['idea'].action_plan_item_id}"
    with pytest.raises(RevisionError):
        revision_choose(draft=draft, ref=ref, to="#99", by=kuopio_user)


def test_a_termination_notice_terminates_and_the_portfolio_stays_readable(
    client, kuopio, kuopio_user, linked_portfolio
):
    import datetime

    notice = {
        "agreement": kuopio,
        "party": "Kuopion kaupunki",
        "given_on": datetime.date(2026, 1, 10),
        "reason": "Muuttuneet edellytykset",
        "by": kuopio_user,
    }
    with pytest.raises(RevisionError, match="ennen purkamisilmoitusta"):
        termination_notice_record(effective_on=datetime.date(2025, 1, 1), **notice)
    termination_notice_record(effective_on=datetime.date(2026, 6, 30), **notice)

    assert Agreement.objects.get(pk=kuopio.pk).status == Agreement.Status.TERMINATED
    client.force_login(kuopio_user)
    assert client.get(reverse("portfolio:portfolio", args=["kuopio"])).status_code == 200
    page = client.get(reverse("agreements:detail", args=["kuopio"])).content.decode()
    assert "30.6.2026" in page


def test_an_uploaded_revision_of_another_agreement_is_refused_by_its_worker(
    client, kuopio, hev, kuopio_user
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ekosopimus.jobs.models import Job

    client.force_login(kuopio_user)
    upload = SimpleUploadedFile(
        "hev.yaml", (BUNDLED_DATA_DIR / "helsinki-espoo-vantaa.yaml").read_bytes()
    )
    response = client.post(reverse("revisions:start", args=["kuopio"]), {"document": upload})

    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "Helsinki" in job.message and "Mitään ei tallennettu" in job.message
    assert not AgreementDraft.objects.exists()
