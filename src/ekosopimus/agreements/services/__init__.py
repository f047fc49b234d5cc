"""Writes to the agreement register. Every write runs in a transaction and leaves history."""

from .drafts import (
    AgreementDraftError,
    agreement_draft_create,
    agreement_draft_discard,
    agreement_draft_edit,
    agreement_draft_publish,
)
from .loading import (
    LoadOutcome,
    agreement_load_data,
    agreement_load_file,
    agreements_load_bundled,
)
from .targets import target_plan_set

__all__ = [
    "AgreementDraftError",
    "LoadOutcome",
    "agreement_draft_create",
    "agreement_draft_discard",
    "agreement_draft_edit",
    "agreement_draft_publish",
    "agreement_load_data",
    "agreement_load_file",
    "agreements_load_bundled",
    "target_plan_set",
]
