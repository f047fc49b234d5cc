import gzip
import io
import json

import pytest
from django.core.management import CommandError, call_command

from ekosopimus.lib.backup import backup_check, backup_restore, backup_write


def _backup() -> bytes:
    stream = io.BytesIO()
    backup_write(stream)
    return stream.getvalue()


def backup_read(stream) -> tuple[dict, list]:
    """The header and rows of a backup file, checked whole first."""
    header = backup_check(stream)
    lines = [json.loads(line) for line in gzip.decompress(stream.getvalue()).splitlines()]
    return header, [line for line in lines[1:] if "end" not in line]


@pytest.fixture
def filled(granted_project, kuopio_reporter, national_viewer, hev_user):
    """Agreements, organisations, a granted project with its decisions, budget and history,
    and users with roles."""
    from datetime import date

    from ekosopimus.monitoring.services import report_create

    report_create(
        project=granted_project,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 30),
        values={},
        narrative="Ensimmäinen puolivuotiskausi – ”lainausmerkit” ja åäö.",
        by=kuopio_reporter,
    )


def test_a_backup_restores_into_an_empty_database_identically(transactional_db, filled, tmp_path):
    first = _backup()
    header, rows = backup_read(io.BytesIO(first))
    models = {row["model"] for row in rows}
    assert {"portfolio.project", "portfolio.historicalproject", "accounts.membership"} <= models
    assert {"agreements.agreement", "monitoring.progressreport", "auth.user"} <= models

    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "varmuuskopio.json.gz").write_bytes(first)
    call_command("restore", str(tmp_path / "varmuuskopio.json.gz"), verbosity=0)

    _header, restored = backup_read(io.BytesIO(_backup()))
    assert restored == rows


def test_restoring_into_a_database_with_data_is_refused_and_changes_nothing(filled):
    from ekosopimus.portfolio.models import Project

    backup = _backup()
    before = Project.objects.count()
    with pytest.raises(Exception, match="ei ole tyhjä"):
        backup_restore(io.BytesIO(backup))
    assert Project.objects.count() == before


def test_a_backup_of_another_schema_is_refused(transactional_db, tmp_path):
    lines = gzip.decompress(_backup()).splitlines()
    first = json.loads(lines[0])
    first["header"]["schema"]["portfolio"] = "9999_from_the_future"
    path = tmp_path / "vanha.json.gz"
    path.write_bytes(gzip.compress(b"\n".join([json.dumps(first).encode(), *lines[1:]])))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="portfolio"):
        call_command("restore", str(path))


def test_a_file_that_is_not_a_backup_is_refused_with_a_message(db, tmp_path):
    path = tmp_path / "hankkeet.csv"
    path.write_text("Hankekoodi;Nimi\n")
    with pytest.raises(CommandError, match="ei ole Ekosopimuksen varmuuskopio"):
        call_command("restore", str(path))


def test_the_backup_command_writes_a_file(db, tmp_path, capsys):
    call_command("backup", "-o", str(tmp_path / "b.json.gz"))
    with open(tmp_path / "b.json.gz", "rb") as stream:
        header = backup_check(stream)
    assert header["format"] == "ekosopimus-backup"
    assert "portfolio" in header["schema"]


def test_a_backup_cut_short_is_refused_before_anything_is_written(transactional_db, tmp_path):
    lines = gzip.decompress(_backup()).splitlines()
    path = tmp_path / "katkennut.json.gz"
    path.write_bytes(gzip.compress(b"\n".join(lines[:-1])))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="puuttuu|kesken"):
        call_command("restore", str(path))
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.exists()


def test_rows_read_as_plain_values_are_those_djangos_serialiser_writes(filled):
    """The backup reads most tables without making model objects; what it writes must be what
    Django's own serialiser (which the restore's loader reads) would write."""
    from ekosopimus.lib.backup import _line, _rows_read, _rows_serialised, backed_up_models

    compared = 0
    for model in backed_up_models():
        fast = [_line(row) for chunk in _rows_read(model) for row in chunk]
        slow = [_line(row) for chunk in _rows_serialised(model) for row in chunk]
        assert fast == slow, model._meta.label
        compared += len(fast)
    assert compared > 500
