"""The agreement register: agreements, their versions and everything a version states."""

from .action_plan import ActionPlan, ActionPlanItem
from .agreement import Agreement, AgreementVersion, Party
from .drafts import AgreementDraft
from .funding import AgreementInstrument, FundingRule, Instrument
from .governance import CoordinationFundingPhase, GovernanceBody, GovernanceTask
from .revisions import PartyDecision, Revision, Signature, TerminationNotice
from .structure import (
    ActionGroup,
    Consideration,
    FocusArea,
    KeyMeasure,
    MethodCategory,
    QuantitativeTarget,
)

__all__ = [
    "ActionGroup",
    "ActionPlan",
    "ActionPlanItem",
    "Agreement",
    "AgreementDraft",
    "AgreementInstrument",
    "AgreementVersion",
    "Consideration",
    "CoordinationFundingPhase",
    "FocusArea",
    "FundingRule",
    "GovernanceBody",
    "GovernanceTask",
    "Instrument",
    "KeyMeasure",
    "MethodCategory",
    "Party",
    "PartyDecision",
    "QuantitativeTarget",
    "Revision",
    "Signature",
    "TerminationNotice",
]
