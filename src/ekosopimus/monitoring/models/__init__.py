from .contributions import TargetContribution
from .indicators import CATEGORIES, Category, Dimension, IndicatorDefinition
from .reports import IndicatorValue, IndicatorValuePart, ProgressReport, ReportedEntity
from .schedule import ReportingRules
from .targets import ProjectTarget, ProjectTargetPart, ProjectTargetPeriod

__all__ = [
    "CATEGORIES",
    "Category",
    "Dimension",
    "IndicatorDefinition",
    "IndicatorValue",
    "IndicatorValuePart",
    "ProgressReport",
    "ProjectTarget",
    "ProjectTargetPart",
    "ProjectTargetPeriod",
    "ReportedEntity",
    "ReportingRules",
    "TargetContribution",
]
