"""The administrator's pages for erasing a person's personal data (a data subject's request).

Find the person (an account, or a name typed into the records), see what would change per
kind of record, confirm with a reason, see the result. Only administrators: anyone else
signed in is refused (403).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import access_for, ensure
from .models import Erasure
from .privacy import (
    history_by,
    person_erase,
    person_erase_preview,
    person_name_erase,
    person_name_preview,
)
from .selectors import erasures_recent, users_search


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, user name or e-mail address"), max_length=200, required=False
    )


class NameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name or e-mail address exactly as the records write it"),
        max_length=300,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the erasure"),
        help_text=gettext_lazy(
            "Kept with the record of the erasure, e.g. the date and reference of the request. "
            "Do not name the person."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _administrator(request) -> None:
    ensure(access_for(request.user).is_admin)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def erasure_search(request):
    """Find the person: accounts by name or address, or a name in the records."""
    _administrator(request)
    form = SearchForm(request.GET or None)
    users = users_search(form.cleaned_data["q"]) if form.is_valid() else None
    return render(
        request,
        "accounts/erasure_search.html",
        {
            "form": form,
            "users": users,
            "name_form": NameForm(),
            "erasures": erasures_recent(),
        },
    )


@login_required
def erasure_user(request, pk: int):
    """What erasing the account would change (GET); the erasure itself (POST)."""
    _administrator(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = person_erase(user=person, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("accounts:erasure", pk=erasure.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/erasure_user.html",
        {
            "person": person,
            "found": person_erase_preview(user=person).values(),
            "history": history_by(person),
            "erased": Erasure.objects.filter(user=person).first(),
            "form": form,
        },
        status=status,
    )


@login_required
def erasure_name(request):
    """Records naming a person without an account, each shown (GET); their erasure (POST)."""
    _administrator(request)
    data = request.POST if request.method == "POST" else request.GET
    name_form = NameForm(data or None)
    form = ReasonForm(request.POST or None)
    found = None
    if name_form.is_valid():
        name = name_form.cleaned_data["name"]
        try:
            found = person_name_preview(name=name)
        except ValidationError as error:
            _add_errors(name_form, error)
        if found is not None and request.method == "POST" and form.is_valid():
            try:
                erasure = person_name_erase(
                    name=name, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if erasure is None:
                    messages.info(request, _("No record names that person."))
                    return redirect("accounts:erasure_search")
                return redirect("accounts:erasure", pk=erasure.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/erasure_name.html",
        {"name_form": name_form, "found": found, "form": form},
        status=status,
    )


@login_required
def erasure_detail(request, pk: int):
    """The record of one erasure: the pseudonym, who, when, why and how many records."""
    _administrator(request)
    erasure = get_object_or_404(Erasure.objects.select_related("erased_by", "user"), pk=pk)
    counts = [(_label(label), count) for label, count in erasure.counts.items()]
    return render(request, "accounts/erasure_detail.html", {"erasure": erasure, "counts": counts})


def _label(label: str) -> str:
    """The name of a kind of record as stored in an erasure's counts ("portfolio.meeting")."""
    from django.apps import apps

    try:
        return str(apps.get_model(label)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return label
