from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "created_by", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "input_name")
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False
