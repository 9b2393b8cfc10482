"""Creates (or brings up to date) the demo partnerships. Idempotent: every row is
found by its natural key before it is created, so running it twice changes nothing.

After the structure (people, boards, users), each of `app_seeders` (the feature
apps' `seed(demo)`, listed in dashboard/demo.py: the kernel knows no feature
app) adds its own content, in order, inside the partnership's scope. `demo` is a
DemoPartnership: the partnership, its people and boards by name, and its users
by role."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from ..models import (
    Board,
    BoardMembership,
    Membership,
    Organisation,
    PartnerAgency,
    Partnership,
    Person,
    Team,
    TeamMember,
    User,
)
from ..tenancy import in_partnership
from .data import ORGANISATIONS, PARTNERSHIPS

# A board's seats start at the beginning of the current terms of reference.
SEATS_FROM = datetime.date(2025, 4, 1)


@dataclass
class DemoPartnership:
    partnership: Partnership
    spec: dict
    people: dict  # full name -> Person
    boards: dict  # board name -> Board
    users: dict  # role -> [User]


@transaction.atomic
def seed_structure(*, password, reset_passwords=False, app_seeders=()):
    """Partnerships, organisations, agencies, people, boards, seats and users.
    Returns {email: [(partnership, role label), ...]} for the demo logins."""
    logins = {}
    organisations = {
        key: _organisation(name, short, kind) for key, (name, short, kind) in ORGANISATIONS.items()
    }
    for spec in PARTNERSHIPS:
        partnership, _ = Partnership.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "areas_covered": spec["areas_covered"],
                "covers_children": spec["covers_children"],
                "covers_adults": spec["covers_adults"],
            },
        )
        with in_partnership(partnership):
            people = _people(partnership, spec, organisations)
            _agencies(partnership, spec, organisations, people)
            _teams(partnership, spec, people)
            boards = _boards(partnership, spec, people)
            users = {}
            for role, name in spec["users"]:
                membership = _user(partnership, people[name], role, password, reset_passwords)
                users.setdefault(role, []).append(membership.user)
                logins.setdefault(membership.user.email, []).append(
                    (partnership, membership.get_role_display())
                )
            demo = DemoPartnership(partnership, spec, people, boards, users)
            for seeder in app_seeders:
                seeder(demo)
    return logins


def _organisation(name, short_name, kind):
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=name, short_name=short_name, kind=kind)
    return organisation


def _people(partnership, spec, organisations):
    people = {}
    for name, job_title, org_key, email in spec["people"]:
        person, _ = Person.objects.get_or_create(
            partnership=partnership,
            full_name=name,
            defaults={
                "initials": Person.initials_from(name),
                "job_title": job_title,
                "organisation": organisations.get(org_key),
                "email": email,
            },
        )
        people[name] = person
    return people


def _agencies(partnership, spec, organisations, people):
    for org_key, kind in spec["agencies"]:
        lead = spec["leads"].get(org_key)
        PartnerAgency.objects.get_or_create(
            partnership=partnership,
            organisation=organisations[org_key],
            defaults={
                "kind": kind,
                "lead_representative": people.get(lead),
                "display_name": spec.get("agency_names", {}).get(org_key, ""),
            },
        )


def _teams(partnership, spec, people):
    for name, members in spec.get("teams", {}).items():
        team, _ = Team.objects.get_or_create(partnership=partnership, name=name)
        for member in members:
            TeamMember.objects.get_or_create(team=team, person=people[member])


def _boards(partnership, spec, people):
    boards = {}
    for board_spec in spec["boards"]:
        tor_date = board_spec.get("tor_date")
        board, _ = Board.objects.get_or_create(
            partnership=partnership,
            name=board_spec["name"],
            defaults={
                "short_name": board_spec["short_name"],
                "kind": board_spec["kind"],
                "reports_to": boards.get(board_spec["reports_to"]),
                "terms_of_reference": board_spec.get("terms_of_reference", ""),
                "tor_version": board_spec.get("tor_version", ""),
                "tor_date": datetime.date(*tor_date) if tor_date else None,
            },
        )
        boards[board.name] = board
        seats = [(board_spec["chair"], BoardMembership.Role.CHAIR)]
        if board_spec.get("vice_chair"):
            seats.append((board_spec["vice_chair"], BoardMembership.Role.VICE_CHAIR))
        seats += [(name, BoardMembership.Role.MEMBER) for name in board_spec["members"]]
        seats += [
            (name, BoardMembership.Role.IN_ATTENDANCE) for name in board_spec["in_attendance"]
        ]
        for name, role in seats:
            person = people[name]
            BoardMembership.objects.get_or_create(
                board=board,
                person=person,
                end_date=None,
                defaults={
                    "role": role,
                    "representing": person.organisation,
                    "start_date": SEATS_FROM,
                },
            )
    return boards


def _user(partnership, person, role, password, reset_passwords):
    first, _, last = person.full_name.partition(" ")
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        user = User.objects.create_user(person.email, password, first_name=first, last_name=last)
    elif reset_passwords:
        user.set_password(password)
        user.save(update_fields=["password"])
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    membership, _ = Membership.objects.get_or_create(
        partnership=partnership, user=user, defaults={"role": role}
    )
    return membership
