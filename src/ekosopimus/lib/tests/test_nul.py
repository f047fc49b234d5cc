import pytest


@pytest.mark.parametrize(
    "url",
    ["/hankkeet/kuopio/?haku=a%00b", "/api/v1/hankkeet/?sopimus=%00"],
)
def test_a_query_with_a_nul_character_is_refused_with_a_message(client, agreements, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_an_api_body_with_a_nul_character_is_refused_and_stores_nothing(client, kuopio_user):
    from ekosopimus.portfolio.models import Project

    client.force_login(kuopio_user)
    response = client.post(
        "/api/v1/hankkeet/",
        '{"agreement": "kuo\\u0000pio", "name": "x"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Project.objects.filter(name="x").exists()


def test_a_multipart_api_body_with_a_nul_character_is_refused_and_stores_nothing(
    client, kuopio_user
):
    from ekosopimus.portfolio.models import Project

    client.force_login(kuopio_user)
    # The test client sends a dict as multipart/form-data, as a form with a file would.
    response = client.post("/api/v1/hankkeet/", {"agreement": "\x00", "name": "y"})
    assert response.status_code == 400
    assert not Project.objects.filter(name="y").exists()
