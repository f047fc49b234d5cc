"""A form that was posted from an older version than the one stored: both side by side.

When a service refuses an edit with ``StaleEdit``, the view shows the conflict page: each field
whose posted value ("mine") differs from the stored one ("theirs"), with a choice for each, and
three ways out: keep mine, take theirs, or merge field by field. The page posts back to the
same form with the stored version, so the form runs again with the values chosen; a field that
only one side changed since the version the user read starts chosen for that side.

It works without JavaScript: the choices are radio buttons and both values travel as hidden
inputs.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _

MERGE = "conflict-merge"
KEEP_ALL = "conflict-all"
MINE, THEIRS = "mine", "theirs"
_MINE_PREFIX, _THEIRS_PREFIX, _CHOICE_PREFIX = (
    "conflict-mine:",
    "conflict-theirs:",
    "conflict-choice:",
)
# Buttons and markers of the pages' own flow that a merge must not carry on.
_CONTROL = {"csrfmiddlewaretoken", "tarkista", "vahvista", MERGE, KEEP_ALL}


@dataclass
class FieldConflict:
    """One field that differs between the user's post and what is stored now."""

    name: str
    label: str
    mine: list[str]
    theirs: list[str]
    mine_text: str
    theirs_text: str
    # Which side to start chosen, from the version the user read: None when both changed it
    # (or that version is not known) and the user must choose.
    proposed: str | None


def _raw(form: forms.Form, name: str) -> list[str]:
    """A field's value as the form would post it, as a list of strings."""
    field = form.fields[name]
    if form.is_bound:
        value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    else:
        value = field.prepare_value(form[name].initial)
        if not isinstance(value, list | tuple | bool):
            value = field.widget.format_value(value)
    return _listed(value)


def _listed(value: Any) -> list[str]:
    if isinstance(value, bool):
        return ["on"] if value else []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item not in (None, "")]
    return [] if value in (None, "") else [str(value)]


def _cleaned(field: forms.Field, raw: list[str]) -> Any:
    """The value ``raw`` stands for, so that "400000" and "400000.00" are the same amount."""
    try:
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            value = field.clean(raw)
            return frozenset(getattr(item, "pk", item) for item in value)
        value = field.clean(raw[0] if raw else "")
        return getattr(value, "pk", value)
    except ValidationError:
        return tuple(raw)


def _text(field: forms.Field, raw: list[str]) -> str:
    """How a value reads on the page."""
    if not raw:
        return "–"
    if isinstance(field, forms.BooleanField):
        return _("Yes")
    try:
        if isinstance(field, forms.ModelMultipleChoiceField):
            return ", ".join(str(item) for item in field.clean(raw))
        if isinstance(field, forms.ModelChoiceField):
            return str(field.clean(raw[0]))
        if isinstance(field, forms.ChoiceField):
            labels = dict(field.choices)
            return ", ".join(str(labels.get(item, item)) for item in raw)
        if isinstance(field, forms.DateField | forms.DecimalField):
            return str(formats.localize(field.clean(raw[0])))
    except ValidationError:
        pass
    return "\n".join(raw)


def form_conflicts(
    *, mine: forms.Form, theirs: forms.Form, base: forms.Form | None = None
) -> list[FieldConflict]:
    """The fields whose values differ between the posted form ``mine`` and the unbound form
    ``theirs`` of the object as stored; ``base`` (unbound, of the version the user read)
    proposes the side that changed."""
    conflicts = []
    for name, field in mine.fields.items():
        if name == "version" or isinstance(field.widget, forms.HiddenInput):
            continue
        mine_raw, theirs_raw = _raw(mine, name), _raw(theirs, name)
        mine_value, theirs_value = _cleaned(field, mine_raw), _cleaned(field, theirs_raw)
        if mine_value == theirs_value:
            continue
        proposed = None
        if base is not None and name in base.initial:
            base_value = _cleaned(field, _raw(base, name))
            if theirs_value == base_value:
                proposed = MINE
            elif mine_value == base_value:
                proposed = THEIRS
        conflicts.append(
            FieldConflict(
                name=name,
                label=str(field.label or name),
                mine=mine_raw,
                theirs=theirs_raw,
                mine_text=_text(field, mine_raw),
                theirs_text=_text(field, theirs_raw),
                proposed=proposed,
            )
        )
    return conflicts


def merged_post(post: QueryDict) -> QueryDict:
    """The form data a conflict page posted, with each differing field taken from the side
    chosen for it (or from the side of "keep mine" / "take theirs"); other posts as they are."""
    if post.get(MERGE) != "1":
        return post
    merged = QueryDict(mutable=True)
    for key, values in post.lists():
        if key in _CONTROL or key.startswith((_MINE_PREFIX, _THEIRS_PREFIX, _CHOICE_PREFIX)):
            continue
        merged.setlist(key, values)
    every = post.get(KEEP_ALL)
    for key in post:
        if key.startswith(_MINE_PREFIX):
            name = key[len(_MINE_PREFIX) :]
            choice = every if every in (MINE, THEIRS) else post.get(_CHOICE_PREFIX + name)
            # A field left unchosen keeps what is stored: nothing anyone saved is overwritten.
            prefix = _MINE_PREFIX if choice == MINE else _THEIRS_PREFIX
            merged.setlist(name, post.getlist(prefix + name))
    return merged


def conflict_page(
    request,
    *,
    mine: forms.Form,
    theirs: forms.Form,
    current: Any,
    base: forms.Form | None = None,
    title: str,
    back_url: str,
) -> HttpResponse:
    """The page that shows a stale form's values beside the stored ones (answer 409)."""
    conflicts = form_conflicts(mine=mine, theirs=theirs, base=base)
    differing = {conflict.name for conflict in conflicts}
    kept = [
        (key, value)
        for key, values in mine.data.lists()
        if key not in _CONTROL and key not in differing and key != mine.add_prefix("version")
        for value in values
    ]
    context = {
        "title": title,
        "conflicts": conflicts,
        "kept": kept,
        "version": current.version,
        "version_name": mine.add_prefix("version"),
        "changed": _last_change(current),
        "back_url": back_url,
        "names": {
            "merge": MERGE,
            "all": KEEP_ALL,
            "mine": _MINE_PREFIX,
            "theirs": _THEIRS_PREFIX,
            "choice": _CHOICE_PREFIX,
        },
        "MINE": MINE,
        "THEIRS": THEIRS,
    }
    return render(request, "conflict.html", context, status=409)


def _last_change(current: Any) -> Any:
    """The history record of the stored version (who saved it and when), where kept."""
    history = getattr(current, "history", None)
    if history is None:
        return None
    return history.filter(version=current.version).select_related("history_user").first()


def base_form(
    form_class, current: Any, version: Any, initial_for, *, leave_out=(), **kwargs
) -> forms.Form | None:
    """An unbound ``form_class`` of the version the user read, from the history, or None.

    ``leave_out`` names the fields the history does not keep (many-to-many links read from a
    historical object would be today's): for those the user chooses without a proposal.
    """
    history = getattr(current, "history", None)
    if history is None or version in (None, ""):
        return None
    record = history.filter(version=version).order_by("-history_id").first()
    if record is None:
        return None
    initial = {
        name: value for name, value in initial_for(record.instance).items() if name not in leave_out
    }
    return form_class(initial=initial, **kwargs)
