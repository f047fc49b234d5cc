from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


class UserWithRolesAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "agreement", "organization", "granted_at"]
    list_filter = ["role", "agreement"]
    search_fields = ["user__username", "organization__name"]
    autocomplete_fields = ["user", "organization"]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserWithRolesAdmin)
