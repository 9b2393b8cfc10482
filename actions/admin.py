"""The action log in the Django admin, for superusers running the service. The
partnerships' own staff use the service's pages."""

from django.contrib import admin

from partnership.admin import TenantAdmin

from .models import Action, ActionImport, ActionLogSettings, ActionOwner, ActionUpdate, Reminder


class ActionOwnerInline(admin.TabularInline):
    model = ActionOwner
    extra = 0
    fields = ["person", "board", "agency", "all_members", "position"]
    raw_id_fields = ["person", "board", "agency"]


class ActionUpdateInline(admin.StackedInline):
    model = ActionUpdate
    extra = 0
    fields = ["kind", "made_on", "author_name", "text", "status_to", "due_date_to", "rag_to"]
    readonly_fields = fields
    can_delete = False


@admin.register(Action)
class ActionAdmin(TenantAdmin):
    list_display = ["number", "board", "status", "due_date", "rag_override", "partnership"]
    list_filter = ["partnership", "status"]
    search_fields = ["description"]
    raw_id_fields = ["board", "origin_meeting", "origin_item", "created_by"]
    inlines = [ActionOwnerInline, ActionUpdateInline]


@admin.register(ActionLogSettings)
class ActionLogSettingsAdmin(TenantAdmin):
    list_display = ["partnership", "warning_days", "reminders_enabled"]


@admin.register(Reminder)
class ReminderAdmin(TenantAdmin):
    list_display = ["action", "email", "kind", "slot_date", "sent_at", "partnership"]
    list_filter = ["partnership", "kind"]
    raw_id_fields = ["action", "person"]


@admin.register(ActionImport)
class ActionImportAdmin(TenantAdmin):
    list_display = ["filename", "board", "status", "imported_count", "created_at", "partnership"]
    raw_id_fields = ["board", "uploaded_by"]
