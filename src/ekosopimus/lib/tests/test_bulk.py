"""Fast writes for imports: reserved ids, and history copied inside the database."""

import pytest
from django.db import IntegrityError, transaction

from ekosopimus.lib import bulk
from ekosopimus.organizations.models import Organization


def test_reserved_ids_come_after_existing_rows_and_later_rows_follow_them(db):
    first = Organization.objects.create(name="Ensimmäinen", kind="other")
    ids = bulk.reserve_ids(Organization, 3)
    assert len(ids) == len(set(ids)) == 3 and min(ids) > first.pk
    bulk.insert(Organization, [{"name": "Toinen", "kind": "other"}])
    later = Organization.objects.create(name="Kolmas", kind="other")
    assert later.pk > Organization.objects.get(name="Toinen").pk


def test_history_is_copied_from_the_rows_as_they_now_stand(db, kuopio_user):
    rows = [{"name": f"Yhdistys {n}", "kind": "other"} for n in range(3)]
    bulk.insert(Organization, rows)
    bulk.record_history(Organization, rows, user=kuopio_user, reason="Tuotu", change="+")
    rows[0]["name"] = "Yhdistys nolla"
    bulk.update(Organization, rows[:1], fields=["name"])
    bulk.record_history(Organization, rows[:1], user=kuopio_user, reason="Korjattu", change="~")
    organisation = Organization.objects.get(pk=rows[0]["id"])
    records = list(organisation.history.order_by("history_id"))
    assert [(r.history_type, r.name, r.history_change_reason) for r in records] == [
        ("+", "Yhdistys 0", "Tuotu"),
        ("~", "Yhdistys nolla", "Korjattu"),
    ]
    assert {r.history_user for r in records} == {kuopio_user}


def test_many_rows_go_in_full_statements_and_a_last_shorter_one(db):
    rows = [{"name": f"Yritys {n}", "kind": "company"} for n in range(2 * bulk.ROWS_PER_INSERT + 7)]
    bulk.insert(Organization, rows)
    stored = dict(Organization.objects.values_list("pk", "name"))
    assert stored == {row["id"]: row["name"] for row in rows}


def test_a_refused_row_raises_djangos_own_error(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert(Organization, [{"name": "", "kind": "other"}])


def test_history_is_recorded_for_the_given_rows_only_in_a_run_or_not(db):
    rows = [{"name": f"Säätiö {n}", "kind": "other"} for n in range(5)]
    bulk.insert(Organization, rows)
    bulk.record_history(Organization, rows[1:4], user=None, reason="Tuotu", change="+")
    bulk.record_history(Organization, rows[::2], user=None, reason="Korjattu", change="~")
    recorded = Organization.history.model.objects.values_list("id", "history_change_reason")
    assert sorted(recorded) == sorted(
        [(row["id"], "Tuotu") for row in rows[1:4]] + [(row["id"], "Korjattu") for row in rows[::2]]
    )
