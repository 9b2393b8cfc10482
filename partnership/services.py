"""Writes for the partnership's structure and its users: keyword-only, taking
cleaned data (never a form), one transaction each, naming the acting user in
the history (partnership.writes)."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from audit.log import record

from .models import (
    Board,
    BoardMembership,
    Membership,
    Organisation,
    PartnerAgency,
    Partnership,
    Person,
    Role,
    Team,
    TeamMember,
    User,
)
from .writes import locked, model_update, service, set_fields

PARTNERSHIP_FIELDS = (
    "name",
    "areas_covered",
    "covers_children",
    "covers_adults",
    "financial_year_start_month",
    "meeting_planners",
)
AGENCY_FIELDS = ("kind", "display_name", "lead_representative", "is_active")
PERSON_FIELDS = ("full_name", "initials", "job_title", "organisation", "email", "is_active")
BOARD_FIELDS = (
    "name",
    "short_name",
    "kind",
    "reports_to",
    "terms_of_reference",
    "tor_version",
    "tor_date",
    "late_paper_days",
    "is_active",
)
SEAT_FIELDS = ("person", "role", "representing", "start_date", "end_date")


@service
def partnership_update(*, partnership, data, acting_user):
    fresh = Partnership.objects.select_for_update().get(pk=partnership.pk)
    return model_update(instance=fresh, data=data, fields=PARTNERSHIP_FIELDS)


@service
def partner_agency_create(*, partnership, data, acting_user):
    """Adds an organisation as a partner agency, first creating the
    organisation if it is new (organisations are shared reference data across
    partnerships)."""
    organisation = data.get("organisation") or Organisation.objects.create(
        name=data["new_organisation_name"].strip(),
        short_name=data.get("new_organisation_short_name", "").strip(),
        kind=data["new_organisation_kind"],
    )
    return PartnerAgency.objects.create(
        partnership=partnership,
        organisation=organisation,
        kind=data["kind"],
        display_name=data.get("display_name", "").strip(),
        lead_representative=data.get("lead_representative"),
    )


@service
def partner_agency_update(*, agency, data, acting_user):
    return model_update(instance=locked(agency), data=data, fields=AGENCY_FIELDS)


@service
def person_create(*, partnership, data, acting_user):
    person = set_fields(Person(partnership=partnership), data, PERSON_FIELDS)
    person.save()
    return person


@service
def person_add(*, partnership, data, acting_user, site_url):
    """Adds a person with, in one go, their agency (picked, or new), their seats
    on boards and an account: the business manager's set-up in one form."""
    agency = data.get("agency")
    if data.get("new_agency"):
        agency = partner_agency_create(
            partnership=partnership, data=data["new_agency"], acting_user=acting_user
        )
    person = person_create(
        partnership=partnership,
        data={**data, "organisation": agency.organisation if agency else None},
        acting_user=acting_user,
    )
    for board in data.get("boards", []):
        seat_create(
            board=board,
            data={"person": person, "role": data["seat_role"]},
            acting_user=acting_user,
        )
    if data.get("account_role"):
        first, _, last = person.full_name.partition(" ")
        membership_invite(
            partnership=partnership,
            email=person.email,
            first_name=first,
            last_name=last or first,
            role=data["account_role"],
            acting_user=acting_user,
            site_url=site_url,
        )
        person.refresh_from_db()
    return person


@service
def person_update(*, person, data, acting_user):
    return model_update(instance=locked(person), data=data, fields=PERSON_FIELDS)


@service
def board_create(*, partnership, data, acting_user):
    board = set_fields(Board(partnership=partnership), data, BOARD_FIELDS)
    board.save()
    return board


@service
def board_update(*, board, data, acting_user):
    return model_update(instance=locked(board), data=data, fields=BOARD_FIELDS)


def _representing(data):
    """A seat represents the person's own organisation unless it says otherwise."""
    data = dict(data)
    if data.get("representing") is None and data["person"].organisation_id:
        data["representing"] = data["person"].organisation
    return data


@service
def seat_create(*, board, data, acting_user):
    data = _representing(data)
    return BoardMembership.objects.create(
        partnership_id=board.partnership_id,
        board=board,
        **{name: data.get(name) for name in SEAT_FIELDS},
    )


@service
def seats_add(*, board, people, role, acting_user):
    """Seats several people on a board at once (from the people list); anyone
    already sitting on it is left as they are. Returns those added."""
    sitting = set(
        BoardMembership.objects.for_partnership(board.partnership_id)
        .current()
        .filter(board=board)
        .values_list("person_id", flat=True)
    )
    added = []
    for person in people:
        if person.pk not in sitting:
            added.append(
                seat_create(
                    board=board, data={"person": person, "role": role}, acting_user=acting_user
                )
            )
    return added


@service
def seat_update(*, seat, data, acting_user):
    return model_update(instance=locked(seat), data=_representing(data), fields=SEAT_FIELDS)


@service
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
    record(
        "membership.added",
        user=acting_user,
        partnership=partnership,
        obj=membership,
        detail=f"{user.email} as {membership.get_role_display()}",
    )
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
        path = reverse("dashboard:overview", kwargs={"partnership_slug": partnership.slug})
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


@service
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
    before = (membership.get_role_display(), membership.is_active)
    membership.role = role
    membership.is_active = is_active
    membership.save()
    after = (membership.get_role_display(), membership.is_active)
    if before != after:
        record(
            "membership.changed",
            user=acting_user,
            partnership=membership.partnership,
            obj=membership,
            detail=f"{membership.user.email}: {_access(*before)} -> {_access(*after)}",
        )
    return membership


def _access(role, active):
    return role if active else f"{role} (cannot sign in)"


# Teams ---------------------------------------------------------------------------


@service
def team_create(*, partnership, name, acting_user, members=()):
    """A team that can own actions ("Business Support Team"), with its members."""
    name = " ".join(name.split())
    if Team.objects.for_partnership(partnership).filter(name__iexact=name).exists():
        raise ValidationError(f"There is already a team called {name}", code="exists")
    team = Team.objects.create(partnership=partnership, name=name)
    for person in members:
        TeamMember.objects.create(team=team, person=person)
    return team


@service
def team_update(*, team, data, acting_user):
    return model_update(instance=locked(team), data=data, fields=("name", "is_active"))


@service
def team_members_change(*, team, add=(), remove=(), acting_user):
    """Adds and removes members (each only once); returns how many changed."""
    locked(team)
    changed = 0
    current = set(team.memberships.values_list("person_id", flat=True))
    for person in add:
        if person.pk not in current:
            TeamMember.objects.create(team=team, person=person)
            current.add(person.pk)
            changed += 1
    for person in remove:
        for row in team.memberships.filter(person=person):
            row.delete()  # one by one, so the history records each
            changed += 1
    return changed
