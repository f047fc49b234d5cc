"""The admin is for repairs; everyday work goes through the portfolio pages and their services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class BudgetLineInline(admin.TabularInline):
    model = models.BudgetLine
    extra = 0


class DecisionInline(admin.TabularInline):
    model = models.Decision
    extra = 0
    fields = ["body", "outcome", "decided_on", "meeting", "amount", "decision_number"]


@admin.register(models.Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "agreement", "status", "is_sample"]
    list_filter = ["agreement", "status", "programme_period", "is_sample"]
    search_fields = ["name", "code", "summary"]
    autocomplete_fields = ["lead_implementer", "funding_authority", "co_implementers"]
    inlines = [BudgetLineInline, DecisionInline]


@admin.register(models.Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agreement", "opens_on", "closes_on"]
    list_filter = ["agreement"]


class AttendeeInline(admin.TabularInline):
    model = models.MeetingAttendee
    extra = 0


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0


@admin.register(models.SteeringGroupMeeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agreement", "held_on"]
    list_filter = ["agreement"]
    inlines = [AttendeeInline, AgendaItemInline]
