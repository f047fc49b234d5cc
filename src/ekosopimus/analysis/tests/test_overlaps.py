import io
import zipfile

import pytest
from django.urls import reverse

from ekosopimus.analysis.overlaps import overlap_report
from ekosopimus.portfolio.services import project_create


def _pairs(report):
    """The pairs' names, each pair unordered: which of two is first follows the database's
    order of ids, which differs between SQLite and PostgreSQL."""
    return {
        frozenset((pair.first.name, pair.second.name))
        for cluster in report.clusters
        for pair in cluster.pairs
    }


def _pair(first, second):
    return frozenset((first, second))


def test_it_groups_the_pairs_that_share_a_project(portfolio, kuopio, national_viewer):
    report = overlap_report(agreement=kuopio, user=national_viewer)
    assert report.compared == 3  # the earlier period's projects are compared against only
    assert _pairs(report) == {
        _pair("Terveysdatan laatu -hanke", "Terveysdatan laadun parantaminen"),
        _pair("Terveysdatan laatu -hanke", "Terveysdatan laatu pääkaupunkiseudulla"),
    }
    # The idea and the Helsinki–Espoo–Vantaa project are less alike, but one group with both.
    [cluster] = report.clusters
    assert len(cluster.projects) == 3
    assert cluster.best == max(pair.score for pair in cluster.pairs)


def test_only_pairs_within_the_portfolio_when_asked(portfolio, kuopio, national_viewer):
    report = overlap_report(agreement=kuopio, user=national_viewer, only_within=True)
    assert _pairs(report) == {
        _pair("Terveysdatan laatu -hanke", "Terveysdatan laadun parantaminen")
    }


def test_a_higher_threshold_leaves_fewer_pairs(portfolio, kuopio, national_viewer):
    assert overlap_report(agreement=kuopio, user=national_viewer, threshold=0.9).clusters == []


def test_a_pair_with_a_project_the_reader_may_not_see_is_left_out(portfolio, kuopio, kuopio_user):
    report = overlap_report(agreement=kuopio, user=kuopio_user)
    names = {name for pair in _pairs(report) for name in pair}
    assert names and not any("pääkaupunkiseudulla" in name for name in names)


def test_unrelated_groups_stay_apart(portfolio, kuopio, kuopio_user):
    project_create(
        agreement=kuopio,
        name="Älykkäät vesihuollon ratkaisut Savilahteen",
        summary="Vesihuollon digitalisaatio ja mittausalueet vesilaitoksen kanssa.",
        by=kuopio_user,
    )
    report = overlap_report(agreement=kuopio, user=kuopio_user)
    assert len(report.clusters) == 2
    assert {len(cluster.projects) for cluster in report.clusters} == {2}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_report_downloads_with_finnish_headers_and_no_formula(
    portfolio, kuopio, kuopio_user, client, fmt, download
):
    project_create(
        agreement=kuopio,
        name="=HYPERLINK(terveysdatan laatu)",
        summary="Terveysdatan laadun parantaminen ja hyödynnettävyys.",
        by=kuopio_user,
    )
    client.force_login(kuopio_user)
    url = reverse("analysis:overlaps_export", args=["kuopio", fmt])
    response = download(client, url, {"kynnys": "0,3"})
    assert "paallekkaisyydet-kuopio-" in response["Content-Disposition"]
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert text.startswith("Ryhmä;Samankaltaisuus;Hankekoodi;Hankkeen nimi")
        assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    else:
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet and "&apos;=HYPERLINK" in sheet or "'=HYPERLINK" in sheet


def test_a_threshold_that_makes_no_sense_is_named_and_not_used(portfolio, kuopio_user, client):
    client.force_login(kuopio_user)
    response = client.get(reverse("analysis:overlaps", args=["kuopio"]), {"kynnys": "7"})
    assert response.status_code == 200
    assert "ei ole samankaltaisuus" in response.content.decode()
    assert response.context["report"].threshold == 0.40


def test_an_unknown_download_format_is_not_found(portfolio, kuopio_user, client):
    client.force_login(kuopio_user)
    response = client.get(reverse("analysis:overlaps_export", args=["kuopio", "pdf"]))
    assert response.status_code == 404


def test_past_the_limit_pairs_are_counted_but_only_the_closest_are_listed(
    portfolio, kuopio, national_viewer, client
):
    report = overlap_report(agreement=kuopio, user=national_viewer, limit=1)
    assert (report.total_pairs, report.pair_count, report.is_cut) == (2, 1, True)
    [cluster] = report.clusters
    assert cluster.pairs[0].score == max(
        pair.score
        for pair in overlap_report(agreement=kuopio, user=national_viewer).clusters[0].pairs
    )
