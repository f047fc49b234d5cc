"""Real EURA files for the tests: the 2014 list as published, and EURA 2021 workbooks built
with openpyxl in the export's own layout."""

import io
from pathlib import Path

from openpyxl import Workbook

from ekosopimus.portfolio.imports.columns import EURA_2021_HEADERS

DATA = Path(__file__).parent / "data"
EURA_2014_LIST = DATA / "eura2014_projects_2016.csv"


def eura2021_row(**values) -> dict[str, object]:
    """One project of a EURA 2021 export; keyword names are the headers, spaces as "_"."""
    row: dict[str, object] = {
        "Hankekoodi": "A80001",
        "Rahasto": "EAKR",
        "Hankkeen nimi": "Terveysteknologian testiympäristö",
        "Toteuttajan nimi": "Itä-Suomen yliopisto",
        "Toteuttajan Y-tunnus": "0245894-7",
        "Rahoittava viranomainen": "Pohjois-Savon liitto",
        "Toiminnan tila": "Toiminnassa",
        "Aloituspvm": "1.1.2023",
        "Päättymispvm": "31.12.2025",
        "Suunniteltu EU- ja valtion rahoitus": 600000,
        "Suunniteltu julkinen rahoitus": 1000000,
        "Suunniteltu rahoitus yhteensä": 1200000,
        "Toteutunut EU- ja valtion rahoitus": 150000,
        "Toteutunut julkinen rahoitus": 250000,
        "Toteutunut rahoitus yhteensä": 300000,
    }
    row.update({key.replace("_", " "): value for key, value in values.items()})
    return row


def eura2021_xlsx(rows: list[dict[str, object]], *, headers=EURA_2021_HEADERS) -> bytes:
    """A workbook laid out as the EURA 2021 export, with its two footer rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(header.strip(), "") for header in headers])
    total = sum(row.get("Suunniteltu rahoitus yhteensä") or 0 for row in rows)
    footer = {"Hankekoodi": "Yhteensä", "Suunniteltu rahoitus yhteensä": total}
    sheet.append([footer.get(header.strip(), "") for header in headers])
    sheet.append([{"Hankekoodi": "Tiedot haettu 23.11.2026"}.get(h.strip(), "") for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")
