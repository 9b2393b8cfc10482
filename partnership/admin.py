"""The Django admin, for superusers who run the service (not for partnerships'
own staff, who use the service's pages). TenancyMiddleware disables scoping here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Board,
    BoardMembership,
    Membership,
    Organisation,
    PartnerAgency,
    Partnership,
    Person,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Name", {"fields": ["first_name", "last_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "first_name", "last_name", "password1", "password2"]})
    ]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "areas_covered", "covers_children", "covers_adults"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class TenantAdmin(SimpleHistoryAdmin):
    list_filter = ["partnership"]
    readonly_fields = ["partnership", "uuid"]

    def has_add_permission(self, request):
        # Tenant rows are created through the service, which sets the partnership.
        return False


@admin.register(Person)
class PersonAdmin(TenantAdmin):
    list_display = ["full_name", "initials", "organisation", "partnership", "user"]
    search_fields = ["full_name", "email"]


@admin.register(PartnerAgency)
class PartnerAgencyAdmin(TenantAdmin):
    list_display = ["organisation", "kind", "partnership"]


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    list_display = ["user", "role", "partnership", "is_active"]
    list_filter = ["partnership", "role", "is_active"]


@admin.register(Board)
class BoardAdmin(TenantAdmin):
    list_display = ["name", "kind", "reports_to", "partnership"]


@admin.register(BoardMembership)
class BoardMembershipAdmin(TenantAdmin):
    list_display = ["person", "board", "role", "start_date", "end_date"]
