from .contributions import TargetContribution
from .indicators import IndicatorDefinition
from .reports import IndicatorValue, ProgressReport, ReportedEntity
from .schedule import ReportingRules

__all__ = [
    "IndicatorDefinition",
    "IndicatorValue",
    "ProgressReport",
    "ReportedEntity",
    "ReportingRules",
    "TargetContribution",
]
