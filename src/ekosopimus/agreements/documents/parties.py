"""The parties section: who signs the agreement and who cooperates in it."""

import re

from .draft import Draft
from .lists import enumeration, sentences
from .outline import Section

# The municipalities that are parties to the 16 agreements, from the genitive the texts use
# ("Helsingin, Espoon ja Vantaan kaupungit") to the name.
MUNICIPALITIES = {
    "helsingin": "Helsinki",
    "espoon": "Espoo",
    "vantaan": "Vantaa",
    "tampereen": "Tampere",
    "turun": "Turku",
    "oulun": "Oulu",
    "rovaniemen": "Rovaniemi",
    "vaasan": "Vaasa",
    "joensuun": "Joensuu",
    "kuopion": "Kuopio",
    "jyväskylän": "Jyväskylä",
    "lappeenrannan": "Lappeenranta",
    "imatran": "Imatra",
    "lahden": "Lahti",
    "porin": "Pori",
    "seinäjoen": "Seinäjoki",
    "mikkelin": "Mikkeli",
    "kajaanin": "Kajaani",
    "sotkamon": "Sotkamo",
    "kokkolan": "Kokkola",
}
_COOPERATION = re.compile(r"yhteistyö|muina osapuolina|muut osapuolet", re.IGNORECASE)
_LEAD = re.compile(
    r"^.*?\b(?:ovat|on)\b(?:\s+valtion puolesta)?\s+|^.*?osapuolet:\s*", re.IGNORECASE
)
_SHORT = re.compile(r"\s*\((?:jäljempänä\s+)?(?P<short>[A-ZÅÄÖ][\w-]{1,9})\)")
# "ja" joining two parties; "opetus- ja kulttuuriministeriö" is one.
_AND = re.compile(r"(?<!-)\s+ja\s+")
_GENITIVE = re.compile(r"^[A-ZÅÄÖ][\w-]*n$")


def read_parties(section: Section, draft: Draft) -> list[dict]:
    """The parties in the order the text names them.

    A sentence about cooperation ("muina yhteistyöosapuolina ovat …") names cooperation
    parties; the others name the contracting ones.
    """
    parties: list[dict] = []
    for paragraph in section.all_paragraphs():
        for sentence in sentences(paragraph.text):
            kind = "cooperation" if _COOPERATION.search(sentence.text) else "contracting"
            lead = _LEAD.match(sentence.text)
            start = lead.end() if lead else 0
            for item in enumeration(sentence.text[start:], sentence.offset + start):
                for party in _parties(item.text, kind):
                    draft.source(f"parties[{len(parties)}]", paragraph, item.offset)
                    parties.append(party)
    return parties


def _parties(text: str, kind: str) -> list[dict]:
    """One item of the list: a party, two joined by "ja", or several sharing a noun."""
    last_and = list(_AND.finditer(text))
    if not last_and:
        return [_party(text, kind)]
    cut = last_and[-1]
    head, tail = text[: cut.start()], text[cut.end() :]
    firsts = [part.strip() for part in head.split(",")]
    if not all(_GENITIVE.match(first) for first in firsts):
        return [_party(head, kind), _party(tail, kind)]
    # "Helsingin, Espoon ja Vantaan kaupungit" names three parties.
    last, _, noun = tail.partition(" ")
    singular = {"kaupungit": "kaupunki", "kunnat": "kunta"}.get(noun.rstrip("."), noun)
    written = _capitalised(text.rstrip("."))
    return [
        {"name": f"{_capitalised(first)} {singular}", "named_as": written, "kind": kind}
        for first in [*firsts, last]
    ]


def _party(text: str, kind: str) -> dict:
    short = _SHORT.search(text)
    party = {"name": _capitalised(_SHORT.sub("", text).strip().rstrip(".")), "kind": kind}
    if short:
        party["short_name"] = short.group("short")
    return party


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def city_region(parties: list[dict]) -> str:
    """The city region from the contracting municipalities ("Kuopio", "Helsinki, Espoo …")."""
    names = []
    for party in parties:
        first = party["name"].split(" ", 1)[0].lower()
        if party["kind"] == "contracting" and first in MUNICIPALITIES:
            names.append(MUNICIPALITIES[first])
    if len(names) > 1:
        return ", ".join(names[:-1]) + " ja " + names[-1]
    return names[0] if names else ""
