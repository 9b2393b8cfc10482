"""Writes that do more than save one form: each is one transaction and takes the
acting user."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Membership, Organisation, Person, Role, User


@transaction.atomic
def partner_agency_create(*, partnership, form, acting_user):
    """Saves a PartnerAgencyForm, first creating its organisation if it is new
    (organisations are shared reference data across partnerships)."""
    organisation = form.cleaned_data.get("organisation") or Organisation.objects.create(
        name=form.cleaned_data["new_organisation_name"].strip(),
        short_name=form.cleaned_data.get("new_organisation_short_name", "").strip(),
        kind=form.cleaned_data["new_organisation_kind"],
    )
    agency = form.save(commit=False)
    agency.partnership = partnership
    agency.organisation = organisation
    agency.save()
    return agency


@transaction.atomic
def membership_invite(*, partnership, email, first_name, last_name, role, acting_user, site_url):
    """Gives someone access to the partnership with a role.

    A new user gets an account without a password and an email with a link to
    set one; someone already using the service (on another partnership) is
    simply added. Either way they are linked to a Person here (matched by email
    where the business unit already recorded them), so they can own actions and
    sit on boards.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        existing = Membership.objects.for_partnership(partnership).filter(user=user).first()
        if existing is not None:
            raise ValidationError(
                f"{user} is already a user of this partnership"
                + ("" if existing.is_active else ": change their access to let them sign in again")
            )
    created = user is None
    if created:
        user = User.objects.create_user(email, first_name=first_name, last_name=last_name)
    membership = Membership.objects.create(partnership=partnership, user=user, role=role)
    _link_person(partnership=partnership, user=user)
    transaction.on_commit(
        lambda: _send_invitation(membership=membership, new_account=created, site_url=site_url)
    )
    return membership


def _link_person(*, partnership, user):
    people = Person.objects.for_partnership(partnership)
    if people.filter(user=user).exists():
        return
    person = people.filter(user__isnull=True, email__iexact=user.email).first()
    if person is None:
        name = user.get_full_name() or user.email
        person = Person(
            partnership=partnership, full_name=name, initials=Person.initials_from(name)
        )
    person.user = user
    person.email = person.email or user.email
    person.save()


def _send_invitation(*, membership, new_account, site_url):
    user, partnership = membership.user, membership.partnership
    if new_account:
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    else:
        path = reverse("partnership:overview", kwargs={"partnership_slug": partnership.slug})
    context = {
        "user": user,
        "partnership": partnership,
        "role": membership.get_role_display(),
        "link": site_url.rstrip("/") + path,
        "new_account": new_account,
    }
    send_mail(
        subject=f"You have been given access to {partnership}",
        message=render_to_string("partnership/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
        html_message=render_to_string("partnership/email/invitation.html", context),
    )


@transaction.atomic
def membership_change(*, membership, role, is_active, acting_user):
    """Changes a user's role or access. A partnership always keeps at least one
    active business manager, so nobody can lock the business unit out."""
    losing_manager = (
        membership.role == Role.BUSINESS_MANAGER
        and membership.is_active
        and (role != Role.BUSINESS_MANAGER or not is_active)
    )
    if losing_manager:
        others = (
            Membership.objects.for_partnership(membership.partnership_id)
            .select_for_update()
            .filter(role=Role.BUSINESS_MANAGER, is_active=True)
            .exclude(pk=membership.pk)
        )
        if not others.exists():
            raise ValidationError(
                "The partnership needs at least one active business manager: "
                "give someone else that role first"
            )
    membership.role = role
    membership.is_active = is_active
    membership.save()
    return membership
