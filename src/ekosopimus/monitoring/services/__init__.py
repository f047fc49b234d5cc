"""Writes to indicators, progress reports and target contributions.

Views, the API and commands all go through these functions; each validates, runs in a
transaction and leaves a history record with who and why.
"""

from .catalogue import CatalogueError, indicator_catalogue_load
from .contributions import contribution_add, contribution_remove
from .reports import (
    EntityInput,
    report_approve,
    report_create,
    report_return,
    report_submit,
    report_update,
)
from .schedule import reporting_rules_set
from .targets import ProjectTargetInput, project_targets_set

__all__ = [
    "CatalogueError",
    "EntityInput",
    "ProjectTargetInput",
    "contribution_add",
    "contribution_remove",
    "indicator_catalogue_load",
    "project_targets_set",
    "report_approve",
    "report_create",
    "report_return",
    "report_submit",
    "report_update",
    "reporting_rules_set",
]
