"""Which EURA list a file is, and which column holds what — by header name, never by position."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_SPACES = re.compile(r"\s+")


class FileFormat:
    """The project lists coordinators receive (``ProjectImport.Format`` names them)."""

    EURA_2021 = "eura2021"
    EURA_2014 = "eura2014"
    EURA_2007 = "eura2007"

    PERIODS = {EURA_2021: "2021-2027", EURA_2014: "2014-2020", EURA_2007: "2007-2013"}


# Header (lower case, single spaces) -> the field it fills. Lists differ in wording, not meaning.
HEADERS: dict[str, str] = {
    "hankekoodi": "code",
    "koodi": "code",
    "ryhmähanketunnus": "group_code",
    "rahasto": "fund",
    "hankkeen nimi": "name",
    "projektin nimi": "name",
    "suunnitelman mukainen tiivistelmä hankkeen toteutuksesta": "summary",
    "tiivistelmä": "summary",
    "toteuttajan nimi": "lead_name",
    "toteuttajan y-tunnus": "lead_business_id",
    "osatoteuttajat": "co_implementers",
    "rahoittava viranomainen": "authority",
    "viranomainen": "authority",
    "toiminnan tila": "status",
    "tila": "status",
    "aloituspvm": "start_date",
    "päättymispvm": "end_date",
    "suunniteltu eu- ja valtion rahoitus": "eu_state_planned",
    "myönnetty eu- ja valtion rahoitus": "eu_state_granted",
    "toteutunut eu- ja valtion rahoitus": "eu_state_paid",
    "suunniteltu julkinen rahoitus": "public_planned",
    "suunniteltu julkinen rahoitus yhteensä": "public_planned",
    "toteutunut julkinen rahoitus": "public_paid",
    "toteutunut julkinen rahoitus yhteensä": "public_paid",
    "suunniteltu rahoitus yhteensä": "total_planned",
    "toteutunut rahoitus yhteensä": "total_paid",
    "ohjelma / osio": "programme",
    # Not in EURA: a coordinator may add these so that the import links projects at once.
    "painopiste": "focus_area",
    "painopisteet": "focus_area",
    "painopistealue": "focus_area",
    "toimenpidekokonaisuus": "action_group",
}

REQUIRED = ("code", "name", "status")
FIELD_HEADERS = {
    "code": "Hankekoodi",
    "name": "Hankkeen nimi",
    "status": "Toiminnan tila / Tila",
}


def header_key(header: object) -> str:
    """``"Hankekoodi "`` and ``"HANKEKOODI"`` are the same header."""
    return _SPACES.sub(" ", str(header or "")).strip().casefold()


@dataclass(frozen=True)
class Layout:
    """Where each known field sits in one file, and what the file is."""

    file_format: str
    positions: dict[str, int]
    ignored: tuple[str, ...]

    @property
    def period(self) -> str:
        return FileFormat.PERIODS[self.file_format]


class LayoutError(ValueError):
    """The file's header row is not one of a project list."""


def layout_for(header: list[object]) -> Layout:
    """Recognise the list from its header row; raises ``LayoutError`` saying what is missing."""
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(header):
        field = HEADERS.get(header_key(cell))
        if field is None:
            if header_key(cell):
                ignored.append(str(cell).strip())
        elif field in positions:
            raise LayoutError(
                _("Column “%(header)s” appears twice; the file is ambiguous.")
                % {"header": str(cell).strip()}
            )
        else:
            positions[field] = index
    missing = [FIELD_HEADERS[field] for field in REQUIRED if field not in positions]
    if missing:
        raise LayoutError(
            _("The file has no column %(columns)s, so it is not a EURA project list.")
            % {"columns": ", ".join(f"“{name}”" for name in missing)}
        )
    keys = {header_key(cell) for cell in header}
    if "projektin nimi" in keys or "ohjelma / osio" in keys:
        file_format = FileFormat.EURA_2007
    elif "koodi" in keys and "hankekoodi" not in keys:
        file_format = FileFormat.EURA_2014
    else:
        file_format = FileFormat.EURA_2021
    return Layout(file_format=file_format, positions=positions, ignored=tuple(ignored))


# The EURA 2021 project export's columns, in order (the code header carries a trailing space).
EURA_2021_HEADERS = (
    "Hankekoodi ",
    "Ryhmähanketunnus",
    "Rahasto",
    "EAKR-/JTF-alatyyppi",
    "Tl",
    "Et",
    "Hankkeen nimi",
    "Toteuttajan nimi",
    "Toteuttajan Y-tunnus",
    "Rahoittava viranomainen",
    "Toiminnan tila",
    "Aloituspvm",
    "Päättymispvm",
    "Suunniteltu EU- ja valtion rahoitus",
    "Suunniteltu julkinen rahoitus",
    "Suunniteltu rahoitus yhteensä",
    "Toteutunut EU- ja valtion rahoitus",
    "Toteutunut julkinen rahoitus",
    "Toteutunut rahoitus yhteensä",
    "Toteutunut EU-rahoituksen määrä",
    "Tukitoimen ala",
    "Sijainti",
    "Toteutuspaikan postinumero",
    "Toteutuspaikan postitoimipaikka",
    "Tuensaajan postinumero",
    "Tuensaajan postitoimipaikka",
    "Tukimuoto",
    "Alueellinen täytäntöönpanomekanismi ja alueellinen painopiste",
    "Taloudellinen toiminta",
    "Toissijainen teema, vain ESR+",
    "Sukupuolten tasa-arvo",
    "Itämeren alueen strategia",
    "Suunnitelman mukainen tiivistelmä hankkeen toteutuksesta",
    "Hankekuvauksen osoite",
    "Hankkeen kotisivun osoite",
)
