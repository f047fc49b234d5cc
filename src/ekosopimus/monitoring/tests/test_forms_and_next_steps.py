"""A report's form refuses a period that ends before it starts; an approved report points its
coordinator to mapping its indicators to the agreement's targets."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from ekosopimus.agreements.models import QuantitativeTarget
from ekosopimus.monitoring.forms import ReportForm
from ekosopimus.monitoring.services import (
    contribution_add,
    report_approve,
    report_create,
    report_submit,
)

pytestmark = pytest.mark.django_db


def test_a_report_period_that_ends_before_it_starts_is_a_field_error(indicators):
    with translation.override("fi"):
        form = ReportForm(
            {"period_start": "30.6.2024", "period_end": "1.1.2024", "spent": "1 200,50"},
            indicators=[indicators["RCO01"]],
        )
        assert not form.is_valid()
        assert form.errors["period_end"] == ["Jakso ei voi päättyä ennen kuin se alkaa."]


def _approved(project, user, indicators):
    report = report_create(
        project=project,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 30),
        values={indicators["RCO01"]: "3"},
        spent="0",
        narrative="Kolme yritystä sai tukea.",
        by=user,
    )
    report = report_submit(report=report, by=user)
    return report_approve(report=report, by=user)


def test_an_approved_report_links_its_unmapped_indicators_to_the_target_mapping(
    client, granted_project, kuopio_user, indicators
):
    report = _approved(granted_project, kuopio_user, indicators)
    client.force_login(kuopio_user)
    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    mapping = reverse("monitoring:targets", args=[granted_project.agreement.slug])
    assert 'id="map-indicators"' in page and mapping in page and "RCO01" in page


def test_the_link_goes_once_the_indicators_count_towards_a_target(
    client, granted_project, kuopio_user, indicators
):
    report = _approved(granted_project, kuopio_user, indicators)
    target = QuantitativeTarget.objects.filter(
        focus_area__version__agreement=granted_project.agreement
    ).first()
    contribution_add(target=target, indicator=indicators["RCO01"], by=kuopio_user)
    client.force_login(kuopio_user)
    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    assert 'id="map-indicators"' not in page
