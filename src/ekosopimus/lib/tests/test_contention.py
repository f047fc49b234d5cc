"""A write that meets a locked database is answered "try again" with what was posted, never a
500, and is logged."""

import logging
import sqlite3

import pytest
from django.db import OperationalError
from django.urls import reverse

from ekosopimus.lib.contention import Contention, contention_of


def _locked_error(tmp_path) -> OperationalError:
    """The error SQLite really gives a writer while another connection holds the write lock,
    wrapped as Django wraps it."""
    path = tmp_path / "lukittu.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    writer = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as cause:
        error = OperationalError(str(cause))
        error.__cause__ = cause
        return error
    finally:
        holder.close()
        writer.close()
    raise AssertionError("the second writer was not refused")


def test_a_locked_database_is_recognised_as_busy(tmp_path):
    assert contention_of(_locked_error(tmp_path)) is Contention.BUSY
    assert contention_of(OperationalError("no such table: x")) is None


def test_a_busy_save_answers_a_page_that_keeps_the_form(
    client, kuopio_user, kuopio_project, tmp_path, monkeypatch, caplog
):
    from ekosopimus.portfolio import services

    busy = _locked_error(tmp_path)

    def refuse(**kwargs):
        raise busy

    monkeypatch.setattr(services, "project_update", refuse)
    client.force_login(kuopio_user)
    posted = {
        "version": kuopio_project.version,
        "name": "Uusi nimi, jota ei saa hukata",
        "summary": "Rivi yksi\nrivi kaksi",
        "vahvista": "1",
    }
    with caplog.at_level(logging.WARNING, logger="ekosopimus.contention"):
        response = client.post(reverse("portfolio:project_edit", args=[kuopio_project.pk]), posted)
    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    assert "Yritä uudelleen" in page or "yritä uudelleen" in page.lower()
    assert 'value="Uusi nimi, jota ei saa hukata"' in page
    assert "kuopio-coordinator" in caplog.text and "busy" in caplog.text


def test_a_busy_api_write_answers_503_with_retry_after(
    kuopio_user, kuopio_project, tmp_path, monkeypatch
):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from ekosopimus.portfolio import services

    busy = _locked_error(tmp_path)

    def refuse(**kwargs):
        raise busy

    monkeypatch.setattr(services, "project_update", refuse)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=kuopio_user).key}")
    response = api.patch(
        f"/api/v1/hankkeet/{kuopio_project.pk}/",
        {"summary": "x"},
        format="json",
        HTTP_IF_MATCH=f'"{kuopio_project.pk}-{kuopio_project.version}"',
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "uudelleen" in response.json()["detail"]


@pytest.mark.parametrize("vendor_error", ["UNIQUE constraint failed: portfolio_project.code"])
def test_a_unique_value_taken_at_the_same_moment_is_a_conflict(vendor_error):
    from django.db import IntegrityError

    cause = sqlite3.IntegrityError(vendor_error)
    error = IntegrityError(vendor_error)
    error.__cause__ = cause
    assert contention_of(error) is Contention.CONFLICT
