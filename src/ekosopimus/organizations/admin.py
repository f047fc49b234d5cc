from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organization, OrganizationName


class OrganizationNameInline(admin.TabularInline):
    model = OrganizationName
    fields = ["name", "key"]
    readonly_fields = ["key"]
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "business_id", "kind", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name", "business_id", "names__name"]
    inlines = [OrganizationNameInline]
