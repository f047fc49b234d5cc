from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import IndicatorDefinition


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_fi", "name_en", "unit", "kind"]
    list_filter = ["kind", "is_eu_common"]
    search_fields = ["code", "name_fi", "name_en"]
