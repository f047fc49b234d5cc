"""The translation catalogues are complete for Finnish and Swedish and compiled from their sources.

The project keeps one catalogue, and an app with a ``locale`` folder of its own keeps its own.
"""

from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))


def _id(path: Path) -> str:
    return str(path.relative_to(PACKAGE).parent.parent)


def test_the_catalogues_are_found():
    assert {path.parent.parent.name for path in CATALOGUES} >= {"fi", "sv", "en"}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_id)
def test_the_compiled_catalogue_matches_its_source(po_path):
    """A .po edited without `make messages` would show stale text to users."""
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(po_path.with_suffix(".mo")))

    def entries(catalogue):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalogue
            if e.msgid and (e.msgstr or any(e.msgstr_plural.values())) and "fuzzy" not in e.flags
        }

    assert entries(mo) == entries(po)


@pytest.mark.parametrize(
    "po_path", [p for p in CATALOGUES if p.parent.parent.name in ("fi", "sv")], ids=_id
)
def test_every_message_is_translated(po_path):
    po = polib.pofile(str(po_path))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_other_packages_catalogue_overrides_ours(language):
    """Django's admin and DRF translate some of our words too ("Search" as "Haku", which here
    also means a funding call); the catalogue of an app listed before ours wins. Words they
    share with us carry a context, so that each page says what one of our catalogues says."""
    from django.utils import translation
    from django.utils.translation import gettext, pgettext

    ours: dict[tuple[str | None, str], set[str]] = {}
    for path in CATALOGUES:
        if path.parent.parent.name == language:
            for entry in polib.pofile(str(path)):
                if entry.msgstr and not entry.msgid_plural:
                    ours.setdefault((entry.msgctxt, entry.msgid), set()).add(entry.msgstr)
    with translation.override(language):
        shown = {key: pgettext(key[0], key[1]) if key[0] else gettext(key[1]) for key in ours}
    assert {key: text for key, text in shown.items() if text not in ours[key]} == {}
