"""Writes to the portfolio. Views, the API and commands all go through these functions.

Each validates, runs in a transaction and leaves a history record with who and why.
"""

from .calls import call_create, call_update
from .changes import (
    change_request_decide,
    change_request_statement_record,
    change_request_submit,
    change_request_withdraw,
)
from .decisions import (
    funding_decision_record,
    steering_decision_record,
    steering_decisions_record_batch,
)
from .imports import ImportRejected, projects_import
from .meetings import (
    agenda_item_add,
    agenda_item_assess,
    conflict_declare,
    meeting_attendee_add,
    meeting_create,
)
from .projects import (
    project_budget_set,
    project_create,
    project_link,
    project_propose,
    project_transition,
    project_update,
)

__all__ = [
    "ImportRejected",
    "agenda_item_add",
    "agenda_item_assess",
    "call_create",
    "call_update",
    "change_request_decide",
    "change_request_statement_record",
    "change_request_submit",
    "change_request_withdraw",
    "conflict_declare",
    "funding_decision_record",
    "meeting_attendee_add",
    "meeting_create",
    "project_budget_set",
    "project_create",
    "project_link",
    "project_propose",
    "project_transition",
    "project_update",
    "projects_import",
    "steering_decision_record",
    "steering_decisions_record_batch",
]
