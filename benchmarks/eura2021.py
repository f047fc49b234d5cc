"""Generated EURA 2021 project exports of any size, for the import benchmark.

The rows vary as real ones do: a few thousand implementers with valid business IDs, the
regional councils and ELY centres that grant, ERDF, ESF+ and JTF money, and summaries of a
realistic length. The same seed gives the same file.
"""

import random
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from ekosopimus.lib.business_id import check_digit
from ekosopimus.portfolio.imports.columns import EURA_2021_HEADERS

AUTHORITIES = [
    "Pohjois-Savon liitto",
    "Uudenmaan liitto",
    "Pirkanmaan liitto",
    "Varsinais-Suomen liitto",
    "Pohjois-Pohjanmaan liitto",
    "Keski-Suomen liitto",
    "Lapin liitto",
    "Etelä-Savon maakuntaliitto",
    "Pohjois-Savon elinkeino-, liikenne- ja ympäristökeskus",
    "Uudenmaan elinkeino-, liikenne- ja ympäristökeskus",
    "Hämeen elinkeino-, liikenne- ja ympäristökeskus",
]
FUNDS = [("EAKR", 0.7), ("ESR+", 0.25), ("JTF", 0.05)]
CODE_LETTERS = {"EAKR": "A", "ESR+": "S", "JTF": "J"}
STATUSES = [("Toiminnassa", 0.8), ("Toiminta päättynyt", 0.17), ("Keskeytynyt", 0.03)]
KINDS = ["Oy", "Oy", "Oy", "ry", "kaupunki", "ammattikorkeakoulu Oy", "yliopisto", "säätiö sr"]
WORDS = [
    "terveysteknologia",
    "vety",
    "akkuteollisuus",
    "tekoäly",
    "data",
    "kiertotalous",
    "biotalous",
    "vesiosaaminen",
    "testiympäristö",
    "kasvuyritys",
    "vienti",
    "osaaminen",
    "innovaatioalusta",
    "hyvinvointi",
    "digitalisaatio",
    "energiamurros",
    "rakentaminen",
    "logistiikka",
    "matkailu",
    "kyberturvallisuus",
]


def _business_id(rng: random.Random) -> str:
    while True:
        digits = f"{rng.randrange(1_000_000, 3_400_000):07d}"
        check = check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([value for value, _w in weighted], [w for _v, w in weighted])[0]


def rows(count: int, *, seed: int = 2021):
    """``count`` projects as lists of cells in the export's column order."""
    rng = random.Random(seed)
    implementers = [
        (
            f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(KINDS)} {n}",
            _business_id(rng),
        )
        for n in range(3000)
    ]
    for number in range(count):
        name, business_id = rng.choice(implementers)
        fund = _pick(rng, FUNDS)
        start = date(2022, 1, 1) + timedelta(days=rng.randrange(0, 1400))
        end = start + timedelta(days=rng.randrange(180, 1100))
        eu = rng.randrange(20, 2000) * 1000
        public = eu + rng.randrange(0, 800) * 1000
        total = public + rng.randrange(0, 300) * 1000
        share = rng.random()
        topic = " ".join(rng.sample(WORDS, 3))
        yield [
            f"{CODE_LETTERS[fund]}{80000 + number}",
            "",
            fund,
            "",
            "1",
            "1.1",
            f"{topic.capitalize()} – kehittämishanke {number}",
            name,
            business_id,
            rng.choice(AUTHORITIES),
            _pick(rng, STATUSES),
            start.strftime("%-d.%-m.%Y"),
            end.strftime("%-d.%-m.%Y"),
            eu,
            public,
            total,
            round(eu * share, 2),
            round(public * share, 2),
            round(total * share, 2),
            round(eu * share * 0.6, 2),
            "Tutkimus- ja innovaatiotoiminta",
            "FI1D3 Pohjois-Savo",
            "70100",
            "Kuopio",
            "70100",
            "Kuopio",
            "Avustus",
            "Kaupunkialueet",
            "Muut palvelut",
            "",
            "Sukupuolisensitiivinen",
            "Ei",
            f"Hankkeessa kehitetään {topic} -ratkaisuja yhdessä yritysten kanssa. " * 3,
            f"https://eura2021.fi/hanke/{number}",
            "",
        ]


def write(path: Path, count: int, *, seed: int = 2021) -> Path:
    """Write a EURA 2021 export of ``count`` projects, with its two footer rows, to ``path``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hankkeet")
    sheet.append(list(EURA_2021_HEADERS))
    for row in rows(count, seed=seed):
        sheet.append(row)
    sheet.append(["Yhteensä"] + [""] * 14 + [f"{count} hanketta"])
    sheet.append(["Tiedot haettu EURA 2021 -järjestelmästä"])
    workbook.save(path)
    return path
