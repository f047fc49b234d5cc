"""The situation picture (tilannekuva): live figures per agreement and across all of them."""

from .agreement import SituationPicture, situation_picture
from .filters import SituationFilter
from .kept import figures_prepare, national_picture_kept, situation_picture_kept
from .national import NationalPicture, national_picture

__all__ = [
    "NationalPicture",
    "SituationFilter",
    "SituationPicture",
    "figures_prepare",
    "national_picture",
    "national_picture_kept",
    "situation_picture",
    "situation_picture_kept",
]
