"""The project portfolio: projects, their money, calls, steering group meetings and decisions."""

from .budget import BudgetLine, FundingSource, line_label
from .calls import Call
from .changes import ChangeRequest
from .decisions import Decision
from .imports import EuraDifference, ProjectImport
from .meetings import AgendaItem, ConflictOfInterest, MeetingAttendee, SteeringGroupMeeting
from .project import ProgrammePeriod, Project, ProjectStatus

__all__ = [
    "AgendaItem",
    "BudgetLine",
    "Call",
    "ChangeRequest",
    "ConflictOfInterest",
    "Decision",
    "EuraDifference",
    "FundingSource",
    "MeetingAttendee",
    "ProgrammePeriod",
    "Project",
    "ProjectImport",
    "ProjectStatus",
    "SteeringGroupMeeting",
    "line_label",
]
