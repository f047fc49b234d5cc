import pytest
from django.core.exceptions import ValidationError

from ekosopimus.organizations.models import Organization
from ekosopimus.organizations.services import (
    organization_create,
    organization_resolve,
    organizations_resolve_bulk,
)


def test_name_variants_resolve_to_one_organisation(uef):
    for spelling in ["ITÄ-SUOMEN YLIOPISTO", "Itä-Suomen  yliopisto", " itä-suomen yliopisto "]:
        assert organization_resolve(name=spelling) == uef
    assert Organization.objects.count() == 1
    assert uef.names.count() == 1


def test_a_business_id_finds_the_organisation_under_any_name(uef):
    assert (
        organization_resolve(name="University of Eastern Finland", business_id="0245894-7") == uef
    )
    assert uef.names.count() == 2


def test_two_business_ids_are_never_merged(uef):
    other = organization_resolve(name="Itä-Suomen yliopisto", business_id="1927400-1")
    assert other != uef
    assert Organization.objects.count() == 2


def test_a_name_known_without_id_takes_the_id_when_it_arrives(db):
    first = organization_resolve(name="Savonia-ammattikorkeakoulu Oy")
    again = organization_resolve(name="SAVONIA-AMMATTIKORKEAKOULU OY", business_id="1927400-1")
    assert again == first
    first.refresh_from_db()
    assert first.business_id == "1927400-1"


def test_it_refuses_a_wrong_business_id_and_stores_nothing(db):
    with pytest.raises(ValidationError, match="tarkistusnumero on väärä"):
        organization_resolve(name="Yritys Oy", business_id="1927400-2")
    assert not Organization.objects.exists()


def test_it_refuses_a_second_organisation_with_the_same_business_id(uef):
    with pytest.raises(ValidationError):
        organization_create(name="Toinen nimi", business_id="0245894-7")


def test_the_admin_form_refuses_a_wrong_check_digit(db):
    organization = Organization(name="Yritys Oy", business_id="0245894-8")
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "tarkistusnumero on väärä" in " ".join(error.value.message_dict["business_id"])


def test_bulk_resolution_creates_each_organisation_once_with_its_history(db, kuopio_user):
    pairs = [("Uusi Oy", "1927400-1"), ("UUSI  OY", "1927400-1"), ("Pohjois-Savon liitto", None)]
    resolved = organizations_resolve_bulk(
        names=pairs * 1000, by=kuopio_user, reason="Tuotu tiedostosta " + "x" * 200
    )
    assert Organization.objects.count() == 2
    new = resolved[("uusi oy", "1927400-1")]
    assert new == Organization.objects.get(business_id="1927400-1")
    assert resolved[("pohjois-savon liitto", None)].kind == Organization.Kind.REGIONAL_COUNCIL
    record = new.history.get()
    assert (record.history_type, record.history_user) == ("+", kuopio_user)
    # The reason is cut to its column's length, which PostgreSQL enforces.
    assert record.history_change_reason == ("Tuotu tiedostosta " + "x" * 200)[:100]
    assert list(new.names.values_list("name", flat=True)) == ["Uusi Oy"]
