from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import IndicatorDefinition, ReportingRules


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_fi", "name_en", "unit", "kind"]
    list_filter = ["kind", "is_eu_common"]
    search_fields = ["code", "name_fi", "name_en"]


@admin.register(ReportingRules)
class ReportingRulesAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "period_months", "due_days", "final_due_days", "reminder_days"]
