"""Pages of the agreement register (``register``) and of importing agreements (``drafts``)."""

from .drafts import draft_discard, draft_edit, draft_publish, draft_review, draft_upload
from .register import agreement_detail, agreement_list, focus_area_detail, version_compare

__all__ = [
    "agreement_detail",
    "agreement_list",
    "draft_discard",
    "draft_edit",
    "draft_publish",
    "draft_review",
    "draft_upload",
    "focus_area_detail",
    "version_compare",
]
