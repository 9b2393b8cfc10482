import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from partnership.models import Membership, Partnership, Role


def test_create_partnership_invites_its_first_business_manager(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_partnership",
            "Sandwell Children's Safeguarding Partnership",
            "--areas",
            "Sandwell",
            "--manager-email",
            "bm@sandwell.example.org",
            "--manager-first-name",
            "Bea",
            "--manager-last-name",
            "Manager",
        )
    partnership = Partnership.objects.get(slug="sandwell-childrens-safeguarding-partnership")
    with scopes_disabled():
        membership = Membership.objects.get(partnership=partnership)
    assert membership.role == Role.BUSINESS_MANAGER
    assert mail.outbox[0].to == ["bm@sandwell.example.org"]


def test_create_partnership_refuses_a_taken_address(tenant_a):
    with pytest.raises(CommandError, match="already exists"):
        call_command(
            "create_partnership",
            "Another",
            "--slug",
            tenant_a.slug,
            "--areas",
            "X",
            "--manager-email",
            "x@example.org",
            "--manager-first-name",
            "X",
            "--manager-last-name",
            "Y",
        )
