from .contributions import TargetContribution
from .indicators import IndicatorDefinition
from .reports import IndicatorValue, ProgressReport, ReportedEntity

__all__ = [
    "IndicatorDefinition",
    "IndicatorValue",
    "ProgressReport",
    "ReportedEntity",
    "TargetContribution",
]
