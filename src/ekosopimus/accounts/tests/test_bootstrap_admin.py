import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from ekosopimus.accounts.services import admin_bootstrap


def test_an_empty_installation_gets_one_administrator_with_a_one_time_password(db):
    password = admin_bootstrap()
    admin = get_user_model().objects.get()
    assert admin.is_superuser and admin.check_password(password)
    assert admin_bootstrap() is None
    assert get_user_model().objects.count() == 1


def test_no_administrator_is_generated_when_users_exist(kuopio_user, hev_user):
    assert admin_bootstrap() is None
    assert not get_user_model().objects.filter(is_superuser=True).exists()


def test_production_settings_never_generate_an_administrator(db, settings):
    settings.EKOSOPIMUS_BOOTSTRAP_ADMIN = False
    with pytest.raises(CommandError, match="kehitysasennuksissa|development"):
        call_command("bootstrap_admin")
    assert not get_user_model().objects.exists()


def test_the_command_prints_the_password_once(db, capsys):
    call_command("bootstrap_admin")
    call_command("bootstrap_admin")
    out = capsys.readouterr().out
    assert out.count("kertakäyttöinen") + out.count("one-time") == 1
