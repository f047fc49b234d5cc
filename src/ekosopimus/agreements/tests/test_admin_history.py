from django.urls import reverse

from ekosopimus.agreements.models import KeyMeasure


def test_an_edit_in_the_admin_is_kept_in_the_history_with_who_made_it(admin_client, kuopio):
    measure = KeyMeasure.objects.get(text="langattomat ratkaisut (5G)")
    response = admin_client.post(
        reverse("admin:agreements_keymeasure_change", args=[measure.pk]),
        {
            "action_group": measure.action_group_id,
            "position": measure.position,
            "text": "langattomat ratkaisut (5G ja 6G)",
        },
    )
    assert response.status_code == 302
    latest = measure.history.latest()
    assert latest.text == "langattomat ratkaisut (5G ja 6G)"
    assert latest.history_user.username == "admin"
    assert measure.history.count() == 2
    earlier = measure.history.earliest()
    assert earlier.text == "langattomat ratkaisut (5G)"


def test_the_admin_shows_an_agreements_history(admin_client, kuopio):
    response = admin_client.get(reverse("admin:agreements_agreement_history", args=[kuopio.pk]))
    assert response.status_code == 200
    assert "Ladattu tiedostosta kuopio.yaml" in response.content.decode()
