"""The situation picture (tilannekuva): live figures per agreement and across all of them."""

from .agreement import SituationPicture, situation_picture
from .filters import SituationFilter
from .national import NationalPicture, national_picture

__all__ = [
    "NationalPicture",
    "SituationFilter",
    "SituationPicture",
    "national_picture",
    "situation_picture",
]
