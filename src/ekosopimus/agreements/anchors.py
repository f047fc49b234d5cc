"""The items of a version that other records hang on, and the links that hang on them.

A revision is a new version with new rows for every focus area, action group, target and
action plan measure. Whatever links to the old rows (projects, calls, target mappings, and
whatever later apps add) must be carried over, so the links are found from Django's model
registry rather than named here: every foreign key or many-to-many field of a model outside
this app that points at an anchor is a link. Nothing here imports the apps above this one.

An anchor has a key that names it within its version in a way that a stored version and the
data of a draft spell alike ("4.1", "4.1/4.1.1", "4.1#t2", "#5"), so that a choice made
before a revision is stored can name the revision's item it goes to.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalChanges

from ekosopimus.lib import bulk
from ekosopimus.lib.text import collapse

from .models import (
    ActionGroup,
    ActionPlanItem,
    AgreementVersion,
    Consideration,
    FocusArea,
    FundingRule,
    KeyMeasure,
    MethodCategory,
    QuantitativeTarget,
)


class AnchorKind(models.TextChoices):
    FOCUS_AREA = "focus_area", gettext_lazy("Focus area")
    ACTION_GROUP = "action_group", gettext_lazy("Action group")
    KEY_MEASURE = "key_measure", gettext_lazy("Key measure")
    CONSIDERATION = "consideration", gettext_lazy("Consideration")
    TARGET = "target", gettext_lazy("Target")
    PLAN_ITEM = "plan_item", gettext_lazy("Action plan measure")
    METHOD_CATEGORY = "method_category", gettext_lazy("Method category")


MODELS: dict[str, type[models.Model]] = {
    AnchorKind.FOCUS_AREA: FocusArea,
    AnchorKind.ACTION_GROUP: ActionGroup,
    AnchorKind.KEY_MEASURE: KeyMeasure,
    AnchorKind.CONSIDERATION: Consideration,
    AnchorKind.TARGET: QuantitativeTarget,
    AnchorKind.PLAN_ITEM: ActionPlanItem,
    AnchorKind.METHOD_CATEGORY: MethodCategory,
}
KIND_OF_MODEL = {model: kind for kind, model in MODELS.items()}


@dataclass(frozen=True)
class Anchor:
    """One item of a version that links may hang on."""

    kind: str
    key: str
    number: str  # as numbered in the text ("4.1.1"), or "" for unnumbered items
    text: str  # the item's name or wording
    parent: str = ""  # the key of the focus area or action group it belongs to
    pk: int | None = None  # of the stored item; None for an item of a draft

    @property
    def ref(self) -> str:
        """The anchor among all kinds of one version: ``kind:key``."""
        return f"{self.kind}:{self.key}"

    @property
    def kind_label(self) -> str:
        return str(AnchorKind(self.kind).label)

    def __str__(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text


def anchors_of_data(data: dict[str, Any]) -> list[Anchor]:
    """The anchors of agreement data in the data files' shape (a draft, or a file)."""
    found: list[Anchor] = []
    for area in data.get("focus_areas") or []:
        area_key = str(area.get("number"))
        found.append(Anchor(AnchorKind.FOCUS_AREA, area_key, area_key, collapse(area.get("name"))))
        for position, target in enumerate(area.get("targets") or [], start=1):
            found.append(
                Anchor(
                    AnchorKind.TARGET,
                    f"{area_key}#t{position}",
                    "",
                    collapse(target.get("label")),
                    parent=area_key,
                )
            )
        for group in area.get("action_groups") or []:
            group_key = f"{area_key}/{group.get('number')}"
            found.append(
                Anchor(
                    AnchorKind.ACTION_GROUP,
                    group_key,
                    str(group.get("number")),
                    collapse(group.get("name")),
                    parent=area_key,
                )
            )
            for kind, items in (
                (AnchorKind.KEY_MEASURE, group.get("key_measures")),
                (AnchorKind.CONSIDERATION, group.get("considerations")),
            ):
                letter = "k" if kind == AnchorKind.KEY_MEASURE else "c"
                for position, text in enumerate(items or [], start=1):
                    found.append(
                        Anchor(
                            kind, f"{group_key}#{letter}{position}", "", collapse(text), group_key
                        )
                    )
    for position, item in enumerate((data.get("action_plan") or {}).get("items") or [], 1):
        area, group = item.get("focus_area"), item.get("action_group")
        parent = f"{area}/{group}" if group is not None else (str(area) if area else "")
        found.append(
            Anchor(AnchorKind.PLAN_ITEM, f"#{position}", "", collapse(item.get("measure")), parent)
        )
    for category in data.get("method_categories") or []:
        number = str(category.get("number"))
        found.append(
            Anchor(AnchorKind.METHOD_CATEGORY, number, number, collapse(category.get("name")))
        )
    return found


def anchors_of_version(version: AgreementVersion) -> list[Anchor]:
    """The anchors of a stored version, with their ids, keyed as ``anchors_of_data`` keys them."""
    found: list[Anchor] = []
    areas = version.focus_areas.prefetch_related(
        "targets", "action_groups__key_measures", "action_groups__considerations"
    )
    for area in areas:
        found.append(
            Anchor(AnchorKind.FOCUS_AREA, area.number, area.number, area.name, "", area.pk)
        )
        for target in area.targets.all():
            key = f"{area.number}#t{target.position}"
            found.append(Anchor(AnchorKind.TARGET, key, "", target.label, area.number, target.pk))
        for group in area.action_groups.all():
            group_key = f"{area.number}/{group.number}"
            found.append(
                Anchor(
                    AnchorKind.ACTION_GROUP,
                    group_key,
                    group.number,
                    group.name,
                    area.number,
                    group.pk,
                )  # fmt: skip
            )
            for kind, letter, items in (
                (AnchorKind.KEY_MEASURE, "k", group.key_measures.all()),
                (AnchorKind.CONSIDERATION, "c", group.considerations.all()),
            ):
                for item in items:
                    key = f"{group_key}#{letter}{item.position}"
                    found.append(Anchor(kind, key, "", item.text, group_key, item.pk))
    plan = ActionPlanItem.objects.filter(plan__version=version).select_related(
        "focus_area", "action_group"
    )
    for item in plan.order_by("position"):
        if item.action_group_id:
            parent = f"{item.focus_area.number}/{item.action_group.number}"
        else:
            parent = item.focus_area.number if item.focus_area_id else ""
        found.append(
            Anchor(AnchorKind.PLAN_ITEM, f"#{item.position}", "", item.measure, parent, item.pk)
        )
    for category in version.method_categories.all():
        number = str(category.number)
        found.append(
            Anchor(AnchorKind.METHOD_CATEGORY, number, number, category.name, "", category.pk)
        )
    return found


# Links ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkField:
    """A field of a model outside the register that points at an anchor."""

    model: type[models.Model]
    field: models.Field
    kind: str

    @property
    def is_many(self) -> bool:
        return self.field.many_to_many

    @property
    def label(self) -> str:
        return f"{capfirst(self.model._meta.verbose_name)}: {self.field.verbose_name}"


def link_fields() -> list[LinkField]:
    """Every field of an installed model outside this app that points at an anchor.

    History tables are left out: they keep what a record linked to at the time.
    """
    found = []
    own = AgreementVersion._meta.app_label
    for model in apps.get_models():
        if model._meta.app_label == own or issubclass(model, HistoricalChanges):
            continue
        for model_field in model._meta.get_fields():
            if not model_field.concrete or not model_field.is_relation:
                continue
            if model_field.auto_created and not model_field.many_to_many:
                continue
            kind = KIND_OF_MODEL.get(model_field.related_model)
            if kind is not None:
                found.append(LinkField(model, model_field, kind))
    return found


def _funding_rules() -> LinkField:
    """The version's own funding rules name a focus area too; the publication carries them."""
    return LinkField(FundingRule, FundingRule._meta.get_field("focus_area"), AnchorKind.FOCUS_AREA)


@dataclass
class Link:
    """One record that links to one anchor of a version."""

    field: LinkField
    pk: int
    label: str
    anchor_pk: int
    record: models.Model | None = None

    @property
    def url(self) -> str:
        """The record's page, if it has one; reversed only when shown."""
        get = getattr(self.record, "get_absolute_url", None)
        try:
            return get() if get is not None else ""
        except Exception:  # noqa: BLE001 - a record without a page of its own is shown unlinked
            return ""


def links_of(version: AgreementVersion) -> dict[tuple[str, int], list[Link]]:
    """Every record linked to an anchor of ``version``, by ``(kind, anchor id)``."""
    anchors: dict[str, list[int]] = defaultdict(list)
    for anchor in anchors_of_version(version):
        anchors[anchor.kind].append(anchor.pk)
    found: dict[tuple[str, int], list[Link]] = defaultdict(list)
    for link_field in [*link_fields(), _funding_rules()]:
        pks = anchors.get(link_field.kind)
        if not pks:
            continue
        name = link_field.field.name
        if link_field.is_many:
            through = getattr(link_field.model, name).through
            source, target = _through_columns(link_field)
            rows = list(
                through.objects.filter(**{f"{target}__in": pks}).values_list(source, target)
            )
            owners = link_field.model._default_manager.select_related().in_bulk(
                {owner for owner, _anchor in rows}
            )
            for owner_pk, anchor_pk in rows:
                owner = owners[owner_pk]
                found[(link_field.kind, anchor_pk)].append(
                    Link(link_field, owner_pk, str(owner), anchor_pk, owner)
                )
        else:
            objects = link_field.model._default_manager.select_related().filter(
                **{f"{name}__in": pks}
            )
            for obj in objects:
                anchor_pk = getattr(obj, link_field.field.attname)
                found[(link_field.kind, anchor_pk)].append(
                    Link(link_field, obj.pk, str(obj), anchor_pk, obj)
                )
    return dict(found)


def linked_anchors(version: AgreementVersion) -> dict[tuple[str, int], int]:
    """How many records link to each anchor of ``version`` that any links to, counted in the
    database: what a check needs, without reading the records."""
    anchors: dict[str, list[int]] = defaultdict(list)
    for anchor in anchors_of_version(version):
        anchors[anchor.kind].append(anchor.pk)
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for link_field in [*link_fields(), _funding_rules()]:
        pks = anchors.get(link_field.kind)
        if not pks:
            continue
        if link_field.is_many:
            table = getattr(link_field.model, link_field.field.name).through.objects
            column = _through_columns(link_field)[1]
        else:
            table, column = link_field.model._default_manager, link_field.field.attname
        rows = table.filter(**{f"{column}__in": pks}).values_list(column).annotate(n=Count("pk"))
        for anchor_pk, n in rows.order_by():
            counts[(link_field.kind, anchor_pk)] += n
    return dict(counts)


def _through_columns(link_field: LinkField) -> tuple[str, str]:
    """The attnames of the owner's and the anchor's columns of a many-to-many table."""
    m2m = link_field.field
    return m2m.m2m_column_name(), m2m.m2m_reverse_name()


# Carrying links over ---------------------------------------------------------------------------


@dataclass
class CarryResult:
    """What carrying the links over did, counted per field label."""

    moved: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    ended: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    merged: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def links_carry(
    *,
    version: AgreementVersion,
    mapping: dict[tuple[str, int], int | None],
    reasons: dict[tuple[str, int], str],
    carried: str,
    by,
    progress: Callable[[int, int], None] | None = None,
) -> CarryResult:
    """Point every link on ``version``'s anchors where ``mapping`` says: ``(kind, old id)`` →
    the new anchor's id, or ``None`` where the link ends.

    An ended link that may be empty is emptied; one that may not (a target mapping without a
    target) is deleted. Two links that become the same record (two measures merged into one)
    are kept once. Each changed record is saved once, with a history record saying why:
    ``carried`` for a move, the ``reasons`` of its anchors for an end. The caller runs this in
    its transaction and has checked that ``mapping`` covers every linked anchor.
    """
    result = CarryResult()
    touched: dict[type[models.Model], dict[int, models.Model]] = defaultdict(dict)
    why: dict[tuple[type[models.Model], int], list[str]] = defaultdict(list)
    deleted: dict[tuple[type[models.Model], int], str] = {}
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, pk in mapping:
        by_kind[kind].append(pk)

    for link_field in link_fields():
        old = by_kind.get(link_field.kind)
        if not old:
            continue
        if link_field.is_many:
            _carry_many(link_field, old, mapping, reasons, carried, touched, why, result)
        else:
            _carry_one(link_field, old, mapping, reasons, carried, touched, why, deleted, result)

    moved_fields: dict[type[models.Model], list[str]] = defaultdict(list)
    for link_field in link_fields():
        if not link_field.is_many and link_field.kind in by_kind:
            moved_fields[link_field.model].append(link_field.field.attname)
    done, total = 0, sum(len(objects) for objects in touched.values())
    for model, objects in touched.items():
        kept = {pk: obj for pk, obj in objects.items() if (model, pk) not in deleted}
        _save(model, kept, moved_fields[model], why, by)
        done += len(objects)
        if progress is not None:
            progress(done, total)
    for (model, pk), reason in deleted.items():
        obj = touched[model][pk]
        obj._history_user = by
        obj._change_reason = reason[:100]
        obj.delete()
    return result


def _save(model, objects: dict, attnames: list[str], why, by) -> None:
    """Write the moved links of ``objects`` and a history record of each, with the reasons
    ``why`` gives; a many-to-many link's history is copied as the row now stands. Thousands of
    records take a few statements rather than several each."""
    if not objects:
        return
    now = timezone.now()
    stamped = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    rows = [
        {"id": pk, **{a: getattr(obj, a) for a in attnames}, **dict.fromkeys(stamped, now)}
        for pk, obj in sorted(objects.items())
    ]
    if attnames or stamped:
        bulk.update(model, rows, fields=[*attnames, *stamped])
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    if manager is None:
        return
    by_reason: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_reason[_reason(why[(model, row["id"])])].append({"id": row["id"]})
    for reason, batch in by_reason.items():
        bulk.record_history(model, batch, user=by, reason=reason, change="~")
    history = getattr(model, manager).model
    for m2m in getattr(history, "_history_m2m_fields", None) or []:
        _m2m_history(model, history, m2m, [row["id"] for row in rows])


def _m2m_history(model, history, m2m, pks: list[int]) -> None:
    """Copy the many-to-many rows of ``pks`` into the history, under each one's latest record,
    as django-simple-history does when it saves one record."""
    snapshot = getattr(history, m2m.name).model
    through = getattr(model, m2m.name).through
    owner = m2m.m2m_column_name()
    columns = [field.attname for field in through._meta.concrete_fields]
    for batch in _batches(pks):
        latest = dict(
            history.objects.filter(id__in=batch)
            .values("id")
            .annotate(last=Max("history_id"))
            .values_list("id", "last")
        )
        links = through.objects.filter(**{f"{owner}__in": batch}).values(*columns)
        snapshot.objects.bulk_create(
            [snapshot(history_id=latest[link[owner]], **link) for link in links], batch_size=500
        )


def _reason(reasons: list[str]) -> str:
    # History keeps a reason of at most 100 characters.
    return "; ".join(dict.fromkeys(reasons))[:100]


def _carry_one(link_field, old, mapping, reasons, carried, touched, why, deleted, result):
    model, attname = link_field.model, link_field.field.attname
    label = link_field.label
    objects = list(model._default_manager.filter(**{f"{attname}__in": old}))
    seen: set[tuple] = set()
    for obj in objects:
        obj = touched[model].setdefault(obj.pk, obj)
        key = (link_field.kind, getattr(obj, attname))
        new = mapping[key]
        if new is None:
            if link_field.field.null:
                setattr(obj, attname, None)
                why[(model, obj.pk)].append(reasons.get(key) or carried)
            else:
                deleted[(model, obj.pk)] = reasons.get(key) or carried
            result.ended[label] += 1
            continue
        setattr(obj, attname, new)
        why[(model, obj.pk)].append(carried)
        # Two links that now say the same thing are one: the later is dropped.
        same = tuple(
            getattr(obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key
        )
        if same in seen:
            deleted[(model, obj.pk)] = carried
            result.merged[label] += 1
            continue
        seen.add(same)
        result.moved[label] += 1


def _carry_many(link_field, old, mapping, reasons, carried, touched, why, result):
    model = link_field.model
    through = getattr(model, link_field.field.name).through
    source, target = _through_columns(link_field)
    label = link_field.label
    rows = list(through.objects.filter(**{f"{target}__in": old}).values_list("pk", source, target))
    kept = set(
        through.objects.filter(**{f"{source}__in": {owner for _pk, owner, _a in rows}})
        .exclude(**{f"{target}__in": old})
        .values_list(source, target)
    )
    drop, moves = [], defaultdict(list)
    for row_pk, owner, anchor in rows:
        key = (link_field.kind, anchor)
        new = mapping[key]
        if new is None:
            drop.append(row_pk)
            why[(model, owner)].append(reasons.get(key) or carried)
            result.ended[label] += 1
        elif (owner, new) in kept:
            drop.append(row_pk)
            why[(model, owner)].append(carried)
            result.merged[label] += 1
        else:
            kept.add((owner, new))
            moves[new].append(row_pk)
            why[(model, owner)].append(carried)
            result.moved[label] += 1
    for batch in _batches(drop):
        through.objects.filter(pk__in=batch).delete()
    for new, row_pks in moves.items():
        for batch in _batches(row_pks):
            through.objects.filter(pk__in=batch).update(**{target: new})
    missing = {owner for _pk, owner, _a in rows} - set(touched[model])
    touched[model].update(model._default_manager.in_bulk(missing))


def _batches(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    """``ids`` in runs short enough for the parameters an older SQLite allows a statement."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def carried_ids(anchors: Iterable[Anchor]) -> dict[str, int]:
    """Anchor ids by ``Anchor.ref``."""
    return {anchor.ref: anchor.pk for anchor in anchors if anchor.pk is not None}
