"""The organisation register's pages: HDS pagination that stays narrow however long the list."""

import re

import pytest
from django.urls import reverse

from ekosopimus.organizations.models import Organization


@pytest.fixture
def register(db):
    Organization.objects.bulk_create(
        Organization(name=f"Organisaatio {number:03d}", business_id=f"{number:07d}-1")
        for number in range(1, 501)
    )


def test_the_list_pages_with_hds_pagination_that_elides_far_pages(register, client):
    html = client.get(reverse("organizations:list"), {"sivu": "5"}).content.decode()
    pager = html[html.index('<nav class="hds-pagination"') :]
    pager = pager[: pager.index("</nav>")]
    pages = re.findall(r'class="hds-pagination__item-link[^"]*"[^>]*>(\d+)</a>', pager)
    assert pages == ["1", "4", "5", "6", "10"]
    assert 'aria-current="page"' in pager.split(">5</a>")[0].rsplit("<a", 1)[1]
    assert pager.count("hds-pagination__item-ellipsis") == 2
    assert "sivu=4" in pager and "sivu=6" in pager  # previous and next


def test_the_search_is_kept_when_paging(register, client):
    html = client.get(reverse("organizations:list"), {"haku": "Organisaatio 1"}).content.decode()
    assert "haku=Organisaatio%201&amp;sivu=2" in html
