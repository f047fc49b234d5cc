"""Editing agreement data in the Django admin. Every model keeps its history (who, when, what)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class PartyInline(admin.TabularInline):
    model = models.Party
    extra = 0


class FocusAreaInline(admin.TabularInline):
    model = models.FocusArea
    fields = ["position", "number", "name"]
    extra = 0
    show_change_link = True


class MethodCategoryInline(admin.TabularInline):
    model = models.MethodCategory
    extra = 0


class InstrumentInline(admin.TabularInline):
    model = models.AgreementInstrument
    extra = 0


class FundingRuleInline(admin.TabularInline):
    model = models.FundingRule
    extra = 0


class GovernanceBodyInline(admin.TabularInline):
    model = models.GovernanceBody
    fields = ["kind", "name"]
    extra = 0
    show_change_link = True


class VersionInline(admin.TabularInline):
    model = models.AgreementVersion
    fields = ["number", "label", "status", "adopted_on"]
    extra = 0
    show_change_link = True


@admin.register(models.Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["name", "city_region", "status", "completeness", "ends_on"]
    list_filter = ["status", "completeness"]
    search_fields = ["name", "city_region", "slug"]
    inlines = [VersionInline]


@admin.register(models.AgreementVersion)
class AgreementVersionAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "number", "label", "status"]
    list_filter = ["agreement", "status"]
    inlines = [
        PartyInline,
        FocusAreaInline,
        MethodCategoryInline,
        InstrumentInline,
        FundingRuleInline,
        GovernanceBodyInline,
    ]


class TargetInline(admin.TabularInline):
    model = models.QuantitativeTarget
    extra = 0


class ActionGroupInline(admin.TabularInline):
    model = models.ActionGroup
    fields = ["position", "number", "name"]
    extra = 0
    show_change_link = True


@admin.register(models.FocusArea)
class FocusAreaAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "version"]
    list_filter = ["version__agreement"]
    inlines = [TargetInline, ActionGroupInline]


class KeyMeasureInline(admin.TabularInline):
    model = models.KeyMeasure
    extra = 0


class ConsiderationInline(admin.TabularInline):
    model = models.Consideration
    extra = 0


@admin.register(models.ActionGroup)
class ActionGroupAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "focus_area"]
    list_filter = ["focus_area__version__agreement"]
    inlines = [KeyMeasureInline, ConsiderationInline]


class ActionPlanItemInline(admin.TabularInline):
    model = models.ActionPlanItem
    extra = 0


@admin.register(models.ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "version", "review_period_start", "review_period_end"]
    inlines = [ActionPlanItemInline]


class GovernanceTaskInline(admin.TabularInline):
    model = models.GovernanceTask
    extra = 0


class FundingPhaseInline(admin.TabularInline):
    model = models.CoordinationFundingPhase
    extra = 0


@admin.register(models.GovernanceBody)
class GovernanceBodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "version"]
    inlines = [GovernanceTaskInline, FundingPhaseInline]


for model in (
    models.Party,
    models.QuantitativeTarget,
    models.KeyMeasure,
    models.Consideration,
    models.ActionPlanItem,
    models.MethodCategory,
    models.AgreementInstrument,
    models.FundingRule,
    models.GovernanceTask,
    models.CoordinationFundingPhase,
):
    admin.site.register(model, SimpleHistoryAdmin)
