"""Importing an agreement from its document: a draft to review, edit and publish."""

from collections.abc import Callable

import yaml
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.lib.versions import locked_for_edit

from ..anchors import linked_anchors
from ..data_files import check_agreement_data
from ..documents.draft import Draft, from_json, to_json
from ..documents.extract import (
    DocumentUnreadable,
    SourceLine,
    extract_lines,
    refuse_if_too_large,
)
from ..documents.recognise import recognise_agreement
from ..models import Agreement, AgreementDraft, AgreementVersion
from .loading import agreement_load_data


class AgreementDraftError(ValueError):
    """A draft that cannot be saved or published; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


YAML_SUFFIXES = (".yaml", ".yml")


def draft_read(*, content: bytes, filename: str) -> Draft:
    """Read a document into a draft without storing anything.

    Raises ``DocumentUnreadable`` (or its ``NotAnAgreement``) with a message for the user.
    """
    return _read(content, filename)[0]


def _read(content: bytes, filename: str) -> tuple[Draft, list[SourceLine]]:
    """The draft and the lines it was read from. A curated data file (YAML) is its own draft,
    checked like a bundled file."""
    if not filename.lower().endswith(YAML_SUFFIXES):
        lines = extract_lines(content, filename=filename)
        return recognise_agreement(lines), lines
    refuse_if_too_large(len(content))
    text = content.decode("utf-8", errors="replace")
    lines = [SourceLine(line, 0, number) for number, line in enumerate(text.splitlines(), 1)]
    try:
        data = draft_data_from_yaml(text)
    except AgreementDraftError as error:
        raise DocumentUnreadable(
            _("%(file)s is not valid agreement data: %(problems)s")
            % {"file": filename, "problems": "; ".join(error.problems)}
        ) from None
    return Draft(data=data), lines


@transaction.atomic
def agreement_draft_create(
    *,
    content: bytes,
    filename: str,
    by: AbstractBaseUser | None,
    revises: Agreement | None = None,
    check: Callable[[dict], list[str]] | None = None,
    on_recorded: Callable[[AgreementDraft], None] | None = None,
) -> AgreementDraft:
    """Store the draft read from an uploaded document, with the document's lines.

    ``revises`` names the agreement a revision is uploaded for; ``check`` may refuse the data
    read (a revision of another agreement) with its problems, and then nothing is stored.
    ``on_recorded(draft)`` runs in the transaction that stores the draft (a background job's
    note that the work is done commits with it)."""
    draft, lines = _read(content, filename)
    problems = check(draft.data) if check is not None else []
    if problems:
        raise DocumentUnreadable(" ".join(problems))
    record = AgreementDraft(
        filename=filename[:255],
        uploaded_by=by,
        revises=revises,
        data=to_json(draft.data),
        sources={place: list(where) for place, where in draft.sources.items()},
        notes=draft.notes,
        source_lines=[[line.page, line.line, line.text] for line in lines],
    )
    record._history_user = by
    record._change_reason = _("Read from %(file)s") % {"file": filename}
    with transaction.atomic():
        record.save()
        if on_recorded is not None:
            on_recorded(record)
    return record


def _editable(draft: AgreementDraft) -> None:
    if draft.status != AgreementDraft.Status.DRAFT:
        raise AgreementDraftError(
            [
                _("The draft is %(status)s and can no longer be changed.")
                % {"status": draft.get_status_display().lower()}
            ]
        )


def draft_data_from_yaml(text: str) -> dict:
    """The agreement data a reviewer wrote as YAML, checked like a curated data file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise AgreementDraftError(
            [_("The text is not valid YAML: %(error)s") % {"error": error}]
        ) from None
    data = from_json(data)
    problems = check_agreement_data(data)
    if problems:
        raise AgreementDraftError(problems)
    return data


@transaction.atomic
def agreement_draft_edit(
    *, draft: AgreementDraft, text: str, by: AbstractBaseUser | None, version: int | None = None
) -> AgreementDraft:
    """Replace the draft's data with the reviewer's edited YAML, if it checks out whole and
    nobody saved the draft after ``version`` was read (else ``StaleEdit``)."""
    draft = locked_for_edit(AgreementDraft.objects, pk=draft.pk, version=version)
    _editable(draft)
    draft.data = to_json(draft_data_from_yaml(text))
    draft._history_user = by
    draft._change_reason = _("Edited in review")
    draft.save()
    return draft


@transaction.atomic
def agreement_draft_publish(
    *, draft: AgreementDraft, agreement: Agreement | None, by: AbstractBaseUser | None
) -> AgreementVersion:
    """Publish the draft as a new agreement (``agreement=None``) or as the next version of
    ``agreement``. Nothing is stored unless the whole draft checks out."""
    draft = AgreementDraft.objects.select_for_update().get(pk=draft.pk)
    _editable(draft)
    data = from_json(draft.data)
    if agreement is None:
        if Agreement.objects.filter(slug=data.get("slug")).exists():
            raise AgreementDraftError(
                [
                    _(
                        "An agreement with the identifier %(slug)s exists already: publish the "
                        "draft as its new version, or change the slug."
                    )
                    % {"slug": data.get("slug")}
                ]
            )
    else:
        latest = agreement.versions.order_by("-number").first()
        if latest is not None and linked_anchors(latest):
            raise AgreementDraftError(
                [
                    _(
                        "Records link to the version in force of %(agreement)s. Review the "
                        "draft as its revision, which carries those links over."
                    )
                    % {"agreement": agreement}
                ]
            )
        data["slug"] = agreement.slug
        data["version"] = {**data["version"], "number": (latest.number if latest else 0) + 1}
    problems = check_agreement_data(data)
    if problems:
        raise AgreementDraftError(problems)
    outcome = agreement_load_data(data=data, source=draft.filename, by=by)
    version = AgreementVersion.objects.get(
        agreement__slug=outcome.slug, number=outcome.version_number
    )
    draft.status = AgreementDraft.Status.PUBLISHED
    draft.published_version = version
    draft._history_user = by
    draft._change_reason = _("Published as %(version)s") % {"version": version}
    draft.save()
    return version


@transaction.atomic
def agreement_draft_discard(*, draft: AgreementDraft, by: AbstractBaseUser | None) -> None:
    """Set a draft aside without publishing it; it stays in the history."""
    draft = AgreementDraft.objects.select_for_update().get(pk=draft.pk)
    _editable(draft)
    draft.status = AgreementDraft.Status.DISCARDED
    draft._history_user = by
    draft._change_reason = _("Discarded")
    draft.save()
