"""Erasing a person's personal data while keeping what happened.

An administrator handling a data subject's request for erasure erases either a user account
(``person_erase``) or a name typed into the records of someone who never had an account
(``person_name_erase``). Either way the person becomes a stable pseudonym ("Poistettu käyttäjä
7F3A9C"), the same in every record, so that the history stays coherent: it still says what was
done, by "the pseudonym". An ``Erasure`` record keeps who erased, when and why; never the data.

Where the personal data of a person is held, and what erasure does there:

- the user account (``auth.User``): user name, first and last name, e-mail address, password,
  last sign-in. The names become the pseudonym, the address is emptied, the password made
  unusable, the account inactive, without staff or administrator rights.
- roles (``accounts.Membership``): revoked; their history keeps that the pseudonym held them.
- API tokens (``authtoken.Token``): deleted.
- message choices (``messaging.Preferences``): the language and e-mail choices stay, the
  calendar feed's secret key is revoked, so the feed stops.
- notifications (``messaging.Notification``), the person's own list of what they were told:
  deleted.
- the e-mail outbox (``messaging.OutboxMessage`` and its history): the address of a message to
  the person becomes the pseudonym's undeliverable address, and their names, address and user
  name in its subject and text become the pseudonym; a message still waiting is not sent.
- sessions (``sessions.Session``; a single sign-on keeps its OpenID Connect tokens there):
  deleted. mozilla-django-oidc keeps no link of its own: it finds the account by e-mail, which
  is emptied, so the person signing in again by single sign-on gets a new account without roles.
- django-axes' logs (``AccessAttempt``, ``AccessLog``, ``AccessFailureLog``: user name, IP
  address, browser): deleted for the person's user name.
- every history record (django-simple-history): kept. ``history_user`` still points to the
  account, which now shows the pseudonym; change reasons that copied a name are pseudonymised.
- who did something, by reference (``approved_by``, ``recorded_by``, ``submitted_by``,
  ``decided_by``, ``resolved_by``, ``imported_by``, ``uploaded_by``, ``published_by``, jobs'
  ``created_by``, the administration's log): kept; they show the pseudonym.
- names typed as text: meeting attendees (``portfolio.MeetingAttendee.name``, with conflicts of
  interest pointing to them), signatories (``agreements.Signature.signatory``), and any text
  that copied the name or address: meeting notes, report narratives and return comments,
  decisions' rationales, change requests' statements and JSON snapshots, job messages and
  parameters, the administration's log, and the history rows of all of these. Every text and
  JSON field of every model is searched, except those listed in ``SKIPPED``.
- projects and organisations hold no contact persons: they have no such fields.

A name matches only as a whole: a field that holds exactly the name, or, for a name of two
words or more, the words in that order and not inside a longer name ("Anna Virtanen" is not
found in "Anna Virtanen-Kallio"). An e-mail address matches wherever it appears.
"""

import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Erasure, Membership

# Erased or handled on their own, not by searching their text.
SKIPPED = {
    "auth.user",
    "auth.permission",
    "auth.group",
    "contenttypes.contenttype",
    "sessions.session",
    "accounts.erasure",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}
AXES_MODELS = ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog")
# A reserved top-level domain: nothing is ever delivered there.
ERASED_DOMAIN = "poistettu.invalid"
SAMPLE_ROWS = 20
# Stands for the pseudonym in a preview, which makes none.
PREVIEW_PSEUDONYM = "- -"
ERASED_USER = gettext_noop("Erased user")
ERASED_PERSON = gettext_noop("Erased person")


@dataclass(frozen=True)
class Identity:
    """What names the person in the records, and the pseudonym that replaces it."""

    pseudonym: str
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    # Matched only as a field's whole value (a user name is too short to look for in text).
    exact: tuple[str, ...] = ()
    patterns: tuple[tuple[re.Pattern, str], ...] = field(init=False)

    def __post_init__(self):
        patterns = [(re.compile(re.escape(e), re.IGNORECASE), self.email) for e in self.emails]
        for name in self.names:
            words = name.split()
            if len(words) > 1:
                body = r"\s+".join(re.escape(word) for word in words)
                pattern = re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
                patterns.append((pattern, self.pseudonym))
        object.__setattr__(self, "patterns", tuple(patterns))

    @property
    def code(self) -> str:
        return self.pseudonym.rsplit(" ", 1)[-1]

    @property
    def email(self) -> str:
        return f"{self.code.lower()}@{ERASED_DOMAIN}"

    def _whole(self) -> dict[str, str]:
        whole = {name.casefold(): self.pseudonym for name in (*self.names, *self.exact)}
        whole.update({email.casefold(): self.email for email in self.emails})
        return whole

    def replace(self, text: str) -> str:
        """``text`` with the person's names and address replaced by the pseudonym."""
        whole = self._whole().get(" ".join(text.split()).casefold())
        if whole is not None:
            return whole
        for pattern, replacement in self.patterns:
            text = pattern.sub(replacement, text)
        return text

    def replace_json(self, value):
        if isinstance(value, str):
            return self.replace(value)
        if isinstance(value, list):
            return [self.replace_json(item) for item in value]
        if isinstance(value, dict):
            return {key: self.replace_json(item) for key, item in value.items()}
        return value

    def lookup(self, field: models.Field) -> Q:
        """Rows whose ``field`` may hold the person: a cheap filter, checked row by row after."""
        name = field.name
        query = Q(pk__in=[])
        if isinstance(field, models.JSONField):
            for text in (*self.names, *self.exact, *self.emails):
                # A whole string value, and also inside text; SQLite keeps JSON ASCII-escaped.
                for form in {json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}:
                    query |= Q(**{f"{name}__icontains": form})
            return query
        for text in (*self.names, *self.exact, *self.emails):
            query |= Q(**{f"{name}__iexact": text})
        for text in self.emails:
            query |= Q(**{f"{name}__icontains": text})
        for text in self.names:
            words = text.split()
            if len(words) > 1:
                # The first and last word: the pattern allows other spacing between the words.
                query |= Q(**{f"{name}__icontains": words[0]}) & Q(
                    **{f"{name}__icontains": words[-1]}
                )
        return query


@dataclass
class Found:
    """What erasure changes (or changed) in one kind of record."""

    label: str
    name: str
    count: int = 0
    samples: list[str] = field(default_factory=list)


def _text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not f.primary_key
        and not f.choices
        and not isinstance(f, models.SlugField)
    ]


def _searched_models() -> Iterable:
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED or model._meta.proxy or not model._meta.managed:
            continue
        fields = _text_fields(model)
        if fields:
            yield model, fields


def _text_copies(identity: Identity, *, apply: bool) -> dict[str, Found]:
    """The records whose text names the person; with ``apply``, pseudonymised in place.

    Written with ``update()``: a pseudonymisation is no edit of its own to record in the
    history (the erasure record says it happened), but a versioned record's version goes up,
    so that a form opened before cannot save the name back.
    """
    found: dict[str, Found] = {}
    for model, fields in _searched_models():
        query = Q(pk__in=[])
        for text_field in fields:
            query |= identity.lookup(text_field)
        for row in model._default_manager.filter(query).order_by("pk").iterator():
            changes = {}
            for text_field in fields:
                value = getattr(row, text_field.attname)
                if value in (None, ""):
                    continue
                if isinstance(text_field, models.JSONField):
                    new = identity.replace_json(value)
                else:
                    new = identity.replace(value)
                if new != value:
                    changes[text_field.attname] = new
            if not changes:
                continue
            label = model._meta.label_lower
            entry = found.setdefault(label, Found(label, str(model._meta.verbose_name_plural)))
            entry.count += 1
            if len(entry.samples) < SAMPLE_ROWS:
                entry.samples.append(str(row)[:200])
            if apply:
                if any(f.name == "version" for f in model._meta.concrete_fields):
                    changes["version"] = F("version") + 1
                model._default_manager.filter(pk=row.pk).update(**changes)
    return found


def _sessions_of(user) -> list[str]:
    keys = []
    for session in Session.objects.iterator():
        try:
            data = session.get_decoded()
        except Exception:  # noqa: BLE001 - a session Django itself cannot read is nobody's
            continue
        if data.get("_auth_user_id") == str(user.pk):
            keys.append(session.session_key)
    return keys


def _axes_logs(username: str) -> list:
    querysets = []
    for label in AXES_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        querysets.append(model.objects.filter(username=username))
    return querysets


def _outbox_to(user, identity: Identity):
    from ekosopimus.messaging.models import OutboxMessage

    query = Q(recipient=user)
    for email in identity.emails:
        query |= Q(to__iexact=email)
    return OutboxMessage.objects.filter(query)


def _pseudonym(template: str) -> str:
    # Stored, not shown in one reader's language: written in the service's first language.
    with translation.override(settings.LANGUAGE_CODE):
        prefix = _(template)
    while True:
        pseudonym = f"{prefix} {secrets.token_hex(3).upper()}"
        if not Erasure.objects.filter(pseudonym=pseudonym).exists():
            return pseudonym


def _account_identity(user, pseudonym: str) -> Identity:
    names = {" ".join(user.get_full_name().split())}
    if user.first_name.strip() and user.last_name.strip():
        names.add(" ".join(f"{user.last_name} {user.first_name}".split()))
    names.discard("")
    erased = hasattr(user, "erasure")
    return Identity(
        pseudonym=pseudonym,
        names=tuple(sorted(names)),
        emails=(user.email,) if user.email else (),
        exact=() if erased else (user.get_username(),),
    )


def _refuse_last_administrator(user) -> None:
    if not (user.is_superuser and user.is_active):
        return
    others = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
    if not others.exists():
        raise ValidationError(
            _(
                "This is the last administrator: make someone else an administrator before "
                "erasing this account."
            ),
            code="last_administrator",
        )


def _check_reason(reason: str, identity: Identity) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the data is erased.")}, code="required")
    if identity.replace(reason) != reason or any(
        text.casefold() in reason.casefold() for text in (*identity.names, *identity.exact) if text
    ):
        raise ValidationError(
            {"reason": _("The reason is kept: do not name the person in it.")}, code="names"
        )
    return reason


def history_by(user) -> int:
    """How many history records name ``user`` as who made the change: kept by erasure, they
    show the pseudonym afterwards."""
    return sum(
        model._default_manager.filter(history_user=user).count()
        for model in apps.get_models()
        if any(f.name == "history_user" for f in model._meta.concrete_fields)
    )


def person_erase_preview(*, user) -> dict[str, Found]:
    """What ``person_erase`` would change for ``user``, per kind of record, changing nothing."""
    existing = getattr(user, "erasure", None)
    identity = _account_identity(user, existing.pseudonym if existing else PREVIEW_PSEUDONYM)
    return _account_erasure(user, identity, apply=False)


def _account_erasure(user, identity: Identity, *, apply: bool, by=None) -> dict[str, Found]:
    from rest_framework.authtoken.models import Token

    from ekosopimus.messaging.models import Notification, OutboxMessage, Preferences

    from .services import membership_revoke

    found: dict[str, Found] = {}

    def note(label, name, count, samples=()):
        if count:
            found[label] = Found(label, name, count, list(samples)[:SAMPLE_ROWS])

    memberships = list(Membership.objects.filter(user=user).select_related("agreement"))
    note("accounts.membership", _("roles"), len(memberships), [str(m) for m in memberships])
    tokens = Token.objects.filter(user=user)
    note("authtoken.token", _("API tokens"), tokens.count())
    feeds = Preferences.objects.filter(user=user, calendar_token__isnull=False)
    note("messaging.preferences", _("calendar feeds"), feeds.count())
    notifications = Notification.objects.filter(recipient=user)
    note("messaging.notification", _("notifications"), notifications.count())
    sessions = _sessions_of(user)
    note("sessions.session", _("sessions"), len(sessions))
    axes = _axes_logs(user.get_username()) if not hasattr(user, "erasure") else []
    for queryset in axes:
        meta = queryset.model._meta
        note(meta.label_lower, meta.verbose_name_plural, queryset.count())
    outbox = list(_outbox_to(user, identity))
    waiting = [m.pk for m in outbox if m.status == OutboxMessage.Status.QUEUED]

    if apply:
        for membership in memberships:
            membership_revoke(membership=membership, by=by)
        tokens.delete()
        feeds.update(calendar_token=None)
        notifications.delete()
        Session.objects.filter(session_key__in=sessions).delete()
        for queryset in axes:
            queryset.delete()
        OutboxMessage.objects.filter(pk__in=waiting).update(
            status=OutboxMessage.Status.FAILED,
            next_attempt_at=None,
            last_error=_("The recipient's personal data was erased."),
        )
        _outbox_of_person(identity, [m.pk for m in outbox])
    found.update(_text_copies(identity, apply=apply))
    user_changes = _user_changes(user, identity)
    note("auth.user", _("user account"), 1 if user_changes else 0, [user.get_username()])
    if apply and user_changes:
        for name, value in user_changes.items():
            setattr(user, name, value)
        user.set_unusable_password()
        user.save()
    return found


def _outbox_of_person(identity: Identity, pks: list[int]) -> None:
    """Messages to the person, and their history: the address (whichever they had then)
    becomes the pseudonym's, and as they may name the person by user name ("Your user name
    is …"), in these messages, and only these, the user name is replaced as a word."""
    from ekosopimus.messaging.models import OutboxMessage

    if not pks:
        return
    patterns = [
        re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])", re.IGNORECASE)
        for text in identity.exact
    ]
    history = OutboxMessage.history.model
    for model, key in ((OutboxMessage, "pk"), (history, "id")):
        for row in model.objects.filter(**{f"{key}__in": pks}):
            changes = {"to": identity.email}
            for name in ("subject", "body_text", "body_html"):
                text = getattr(row, name)
                for pattern in patterns:
                    text = pattern.sub(identity.pseudonym, text)
                changes[name] = text
            model.objects.filter(pk=row.pk).update(**changes)


def _user_changes(user, identity: Identity) -> dict:
    first, last = identity.pseudonym.rsplit(" ", 1)
    wanted = {
        "username": f"{first.split()[0].lower()}-{last.lower()}",
        "first_name": first,
        "last_name": last,
        "email": "",
        "is_active": False,
        "is_staff": False,
        "is_superuser": False,
        "last_login": None,
    }
    changes = {name: value for name, value in wanted.items() if getattr(user, name) != value}
    if user.has_usable_password():
        changes["password"] = None  # made unusable on saving
    return changes


@transaction.atomic
def person_erase(*, user, by, reason: str) -> Erasure:
    """Erase the personal data of ``user``'s account everywhere it is held (see the module),
    keeping the history as the pseudonym's; return the erasure record.

    Erasing an account erased before changes nothing more and returns its first record.
    The last active administrator cannot be erased.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    existing = Erasure.objects.filter(user=user).first()
    _refuse_last_administrator(user)
    pseudonym = existing.pseudonym if existing else _pseudonym(ERASED_USER)
    identity = _account_identity(user, pseudonym)
    reason = _check_reason(reason, identity)
    found = _account_erasure(user, identity, apply=True, by=by)
    if existing is not None:
        return existing
    return Erasure.objects.create(
        kind=Erasure.Kind.ACCOUNT,
        user=user,
        pseudonym=pseudonym,
        erased_by=by,
        reason=reason,
        counts={label: entry.count for label, entry in found.items()},
    )


def _name_identity(name: str, pseudonym: str) -> Identity:
    name = " ".join(name.split())
    if len(name) < 3:
        raise ValidationError({"name": _("Give the person's name as the records write it.")})
    if "@" in name:
        return Identity(pseudonym=pseudonym, emails=(name,))
    return Identity(pseudonym=pseudonym, names=(name,))


def person_name_preview(*, name: str) -> dict[str, Found]:
    """The records that name a person who has no account, exactly as ``name`` (or the e-mail
    address), that ``person_name_erase`` would pseudonymise; changing nothing."""
    return _text_copies(_name_identity(name, PREVIEW_PSEUDONYM), apply=False)


@transaction.atomic
def person_name_erase(*, name: str, by, reason: str) -> Erasure | None:
    """Pseudonymise ``name`` (a person without an account, e.g. a meeting attendee) or an
    e-mail address wherever the records hold it; user accounts are not touched.

    Returns the erasure record, or ``None`` when no record names the person (any more).
    """
    identity = _name_identity(name, _pseudonym(ERASED_PERSON))
    reason = _check_reason(reason, identity)
    found = _text_copies(identity, apply=True)
    if not found:
        return None
    return Erasure.objects.create(
        kind=Erasure.Kind.NAME,
        pseudonym=identity.pseudonym,
        erased_by=by,
        reason=reason,
        counts={label: entry.count for label, entry in found.items()},
    )
