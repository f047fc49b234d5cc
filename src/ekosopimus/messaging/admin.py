from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import OutboxMessage, Preferences


@admin.register(OutboxMessage)
class OutboxMessageAdmin(SimpleHistoryAdmin):
    list_display = ("subject", "to", "language", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "language")
    search_fields = ("to", "subject", "key")
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Preferences)
class PreferencesAdmin(SimpleHistoryAdmin):
    list_display = ("user", "language")
