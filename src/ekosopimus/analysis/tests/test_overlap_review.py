from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ekosopimus.analysis.models import OverlapReview
from ekosopimus.analysis.overlaps import overlap_report, reviews_recorded
from ekosopimus.analysis.services import overlap_review_record, overlap_review_withdraw

COORDINATED = OverlapReview.Outcome.COORDINATED


def _record(portfolio, kuopio, by, **fields):
    values = {
        "agreement": kuopio,
        "first": portfolio["health"],
        "second": portfolio["health_idea"],
        "outcome": COORDINATED,
        "note": "Työnjako sovittu ohjausryhmässä 12.3.2026.",
        "by": by,
    } | fields
    return overlap_review_record(**values)


def test_a_conclusion_is_found_whichever_way_round_the_pair_is_listed(
    portfolio, kuopio, kuopio_user, national_viewer
):
    _record(
        portfolio, kuopio, kuopio_user, first=portfolio["health_idea"], second=portfolio["health"]
    )
    review = OverlapReview.objects.get()
    assert review.project_a_id < review.project_b_id
    report = overlap_report(agreement=kuopio, user=national_viewer)
    assert report.reviewed_pairs == 1
    concluded = [p for c in report.clusters for p in c.pairs if p.review]
    assert [p.review.outcome for p in concluded] == [COORDINATED]
    assert {concluded[0].first, concluded[0].second} == {
        portfolio["health"],
        portfolio["health_idea"],
    }


def test_only_open_pairs_are_listed_when_asked(portfolio, kuopio, kuopio_user, national_viewer):
    everything = overlap_report(agreement=kuopio, user=national_viewer)
    _record(portfolio, kuopio, kuopio_user)
    open_only = overlap_report(agreement=kuopio, user=national_viewer, unreviewed_only=True)
    assert open_only.total_pairs == everything.total_pairs - 1
    assert open_only.reviewed_pairs == 1
    assert not any(p.review for c in open_only.clusters for p in c.pairs)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"note": "   \n "}, "Kerro, miten asia ratkaistiin."),
        ({"note": "x" * 2001}, "2001 merkkiä pitkä; enintään 2000"),
        ({"outcome": "forgotten"}, "Valitse jokin luetelluista"),
    ],
)
def test_it_refuses_a_conclusion_without_a_proper_note_or_outcome(
    portfolio, kuopio, kuopio_user, fields, message
):
    with pytest.raises(ValidationError, match=message):
        _record(portfolio, kuopio, kuopio_user, **fields)
    assert not OverlapReview.objects.exists()


def test_it_refuses_a_pair_outside_the_agreement_and_a_project_with_itself(
    portfolio, kuopio, hev, kuopio_user
):
    with pytest.raises(ValidationError, match="Kumpikaan hanke"):
        _record(portfolio, hev, kuopio_user)
    with pytest.raises(ValidationError, match="ei verrata itseensä"):
        _record(portfolio, kuopio, kuopio_user, second=portfolio["health"])
    assert not OverlapReview.objects.exists()


def test_it_refuses_to_save_over_a_conclusion_recorded_meanwhile(portfolio, kuopio, kuopio_user):
    _record(portfolio, kuopio, kuopio_user, seen=0)
    with pytest.raises(ValidationError, match="Joku muu kirjasi"):
        _record(portfolio, kuopio, kuopio_user, note="Toinen näkemys.", seen=0)
    review = OverlapReview.objects.get()
    assert review.note.startswith("Työnjako sovittu")
    changed = _record(portfolio, kuopio, kuopio_user, note="Toinen näkemys.", seen=review.version)
    assert (changed.note, changed.version) == ("Toinen näkemys.", 2)


def test_a_withdrawn_conclusion_leaves_the_pair_open_and_its_history(
    portfolio, kuopio, kuopio_user
):
    review = _record(portfolio, kuopio, kuopio_user)
    overlap_review_withdraw(review=review, by=kuopio_user)
    assert not OverlapReview.objects.exists()
    reasons = list(
        OverlapReview.history.order_by("history_date").values_list("history_type", flat=True)
    )
    assert reasons == ["+", "-"]


def test_the_year_counts_the_conclusions_recorded_in_it(portfolio, kuopio, kuopio_user):
    review = _record(portfolio, kuopio, kuopio_user)
    year = review.reviewed_at.year
    counts = reviews_recorded(
        agreement=kuopio,
        since=review.reviewed_at.date().replace(month=1, day=1),
        until=review.reviewed_at.date().replace(month=12, day=31),
    )
    assert counts == {"complementary": 0, "coordinated": 1, "changed": 0}
    earlier = reviews_recorded(
        agreement=kuopio,
        since=review.reviewed_at.date().replace(year=year - 1, month=1, day=1),
        until=review.reviewed_at.date().replace(year=year - 1, month=12, day=31),
    )
    assert sum(earlier.values()) == 0


def _in_year(kuopio, year):
    return reviews_recorded(agreement=kuopio, since=date(year, 1, 1), until=date(year, 12, 31))


def test_a_conclusion_changed_or_withdrawn_later_still_counts_in_its_year(
    portfolio, kuopio, kuopio_user
):
    review = _record(portfolio, kuopio, kuopio_user)
    last_year = review.reviewed_at.year - 1
    recorded = timezone.make_aware(datetime(last_year, 9, 1, 12))
    OverlapReview.history.update(history_date=recorded)
    review = _record(
        portfolio,
        kuopio,
        kuopio_user,
        outcome=OverlapReview.Outcome.CHANGED,
        note="Hankkeet yhdistettiin.",
        seen=review.version,
    )
    assert _in_year(kuopio, last_year) == {"complementary": 0, "coordinated": 1, "changed": 0}
    assert _in_year(kuopio, last_year + 1) == {"complementary": 0, "coordinated": 0, "changed": 1}
    overlap_review_withdraw(review=review, by=kuopio_user)
    assert _in_year(kuopio, last_year)["coordinated"] == 1
    assert sum(_in_year(kuopio, last_year + 1).values()) == 0


def _url(kuopio, portfolio, name="analysis:overlap_review"):
    return reverse(name, args=[kuopio.slug, portfolio["health"].pk, portfolio["health_idea"].pk])


def test_a_coordinator_records_a_conclusion_from_the_pair_page(
    portfolio, kuopio, kuopio_user, client
):
    client.force_login(kuopio_user)
    page = client.get(_url(kuopio, portfolio))
    assert page.status_code == 200
    assert "Tallenna johtopäätös" in page.content.decode()
    response = client.post(
        _url(kuopio, portfolio),
        {"outcome": "complementary", "note": "Hankkeet täydentävät toisiaan.", "seen": "0"},
    )
    assert response.status_code == 302
    assert f"#pari-{portfolio['health'].pk}-{portfolio['health_idea'].pk}" in response["Location"]
    report_page = client.get(reverse("analysis:overlaps", args=[kuopio.slug])).content.decode()
    assert "Ei päällekkäisyyttä: hankkeet täydentävät toisiaan" in report_page


def test_a_note_too_long_comes_back_with_what_was_typed(portfolio, kuopio, kuopio_user, client):
    client.force_login(kuopio_user)
    typed = "pitkä " * 400
    response = client.post(
        _url(kuopio, portfolio), {"outcome": "coordinated", "note": typed, "seen": "0"}
    )
    assert response.status_code == 400
    assert typed.strip()[:100] in response.content.decode()
    assert not OverlapReview.objects.exists()


def test_the_steering_group_reads_the_conclusion_but_cannot_record_one(
    portfolio, kuopio, kuopio_user, kuopio_steering, client
):
    _record(portfolio, kuopio, kuopio_user)
    client.force_login(kuopio_steering)
    page = client.get(_url(kuopio, portfolio)).content.decode()
    assert "Työnjako sovittu" in page and "Tallenna johtopäätös" not in page
    response = client.post(
        _url(kuopio, portfolio), {"outcome": "changed", "note": "Ei käy.", "seen": "1"}
    )
    assert response.status_code == 403
    withdraw = client.post(_url(kuopio, portfolio, "analysis:overlap_review_withdraw"))
    assert withdraw.status_code == 403
    assert OverlapReview.objects.get().outcome == COORDINATED


def test_another_city_regions_coordinator_finds_no_such_pair(portfolio, kuopio, hev_user, client):
    client.force_login(hev_user)
    assert client.get(_url(kuopio, portfolio)).status_code == 404
