"""Guessing what kind of organisation a name in an imported list belongs to.

The guess only fills the type of an organisation created by an import; a coordinator corrects
it in the register. The returned values are those of ``Organization.Kind``.
"""

import re

# Checked in order: "Oulun yliopiston säätiö" is not a university, a "…kaupunki Oy" is a company.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("company", re.compile(r"\b(oy|oyj|ab|ay|ky|osakeyhtiö|osuuskunta)\b", re.I)),
    ("uas", re.compile(r"ammattikorkeakoulu|\bamk\b", re.I)),
    ("university", re.compile(r"yliopisto|korkeakoulusäätiö|university", re.I)),
    ("ely_centre", re.compile(r"elinkeino-\s*liikenne-\s*ja\s*ympäristökeskus|\bely\b", re.I)),
    ("regional_council", re.compile(r"maakuntaliitto|\b\w+(maan|n) liitto$", re.I)),
    ("ministry", re.compile(r"ministeriö", re.I)),
    ("wellbeing_county", re.compile(r"hyvinvointialue|sairaanhoitopiiri", re.I)),
    (
        "research_institute",
        re.compile(
            r"tutkimuslaitos|tutkimuskeskus|luonnonvarakeskus|\bvtt\b"
            r"|ilmatieteen laitos|\bsyke\b|\bthl\b",
            re.I,
        ),
    ),
    ("city", re.compile(r"\b\w+n kaupunki$|\b\w+n kunta$", re.I)),
)


def guess_kind(name: str) -> str:
    """The likely ``Organization.Kind`` value for ``name``; ``"other"`` when nothing fits."""
    for kind, pattern in _PATTERNS:
        if pattern.search(name):
            return kind
    return "other"


# The kinds that grant EU and State money to the agreements' projects: the regional councils
# and ELY centres as intermediate bodies, and the ministries.
FUNDING_AUTHORITY_KINDS = ("regional_council", "ely_centre", "ministry")
