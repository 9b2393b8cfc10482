"""Who can own an action, and turning what people type or choose into owners.

An owner is a Person, a Board (a group), a Team, a PartnerAgency, or "all"
(every member of the action's board). Choices are tokens: "person:<uuid>",
"board:<uuid>", "team:<uuid>", "agency:<uuid>", "all" (partnership.search, the
type-ahead's). People also type owners as trackers write them ("PG",
"EF/KW/PG", "All", "Development and Practice Group", "Business Support Team"):
`OwnerDirectory.parse` reads those.
"""

import operator
import re
from functools import reduce

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import cached_property

from partnership import search
from partnership.models import Board, BoardMembership, PartnerAgency, Person, Team, TeamMember

ALL = "all"
_SPLIT = re.compile(r"\s*[/,;]\s*")
# "and" separates owners only where it is not part of a name ("Development and
# Practice Group"): a part is tried whole before it is split on it.
_SPLIT_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_ALL_WORDS = {"all", "all members", "everyone", "all board members", "all partners"}


def owner_token(owner):
    return search.token_for(owner)


def owner_label(owner, board=None):
    """How an owner is offered in a list: 'Philippa Grant (PG)'."""
    return search.label_for(owner, board)


class OwnerDirectory:
    """Everyone who may own an action in a partnership (for `board`'s log, if
    given), loaded once (three queries), to resolve many tokens or typed names
    without a query each. `keep` adds owners who have since left (an action's
    current owners), so editing it does not lose them."""

    def __init__(self, board=None, *, partnership=None, keep=()):
        self.board = board
        partnership = partnership if partnership is not None else board.partnership_id
        self.partnership = getattr(partnership, "pk", partnership)
        self.keep = list(keep)

    # Loaded on first use: a form shown (not yet posted) needs none of it.
    @cached_property
    def _loaded(self):
        partnership = self.partnership
        people = list(
            Person.objects.for_partnership(partnership).filter(is_active=True).order_by("full_name")
        )
        boards = list(
            Board.objects.for_partnership(partnership).filter(is_active=True).order_by("name")
        )
        teams = list(
            Team.objects.for_partnership(partnership).filter(is_active=True).order_by("name")
        )
        agencies = list(
            PartnerAgency.objects.for_partnership(partnership)
            .filter(is_active=True)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        for owner in self.keep:
            for kind, found in (
                (Person, people),
                (Board, boards),
                (Team, teams),
                (PartnerAgency, agencies),
            ):
                if isinstance(owner, kind) and owner not in found:
                    found.append(owner)
        return people, boards, teams, agencies

    @property
    def people(self):
        return self._loaded[0]

    @property
    def boards(self):
        return self._loaded[1]

    @property
    def teams(self):
        return self._loaded[2]

    @property
    def agencies(self):
        return self._loaded[3]

    @cached_property
    def _by_token(self):
        found = {
            owner_token(o): o for o in [*self.people, *self.boards, *self.teams, *self.agencies]
        }
        found[ALL] = ALL
        return found

    def choices(self):
        return [(owner_token(o), owner_label(o, self.board)) for o in self.all_owners()]

    def all_owners(self):
        return [ALL, *self.people, *self.teams, *self.boards, *self.agencies]

    def from_token(self, token):
        owner = self._by_token.get((token or "").strip().lower())
        if owner is None:
            raise ValidationError(
                f"‘{token}’ is not a person, team, group or agency in this partnership",
                code="unknown",
            )
        return owner

    def from_tokens(self, tokens):
        owners = []
        for token in tokens:
            owner = self.from_token(token)
            if owner not in owners:
                owners.append(owner)
        return owners

    def parse(self, text):
        """Owners from what someone typed: a token, a name, initials, a group or
        agency name, "All", or several of them separated by / , ; or "and"."""
        text = (text or "").strip()
        if not text:
            return []
        whole = self._match(text)
        if whole is not None:
            return [whole]
        owners, problems = [], []
        for part in (p.strip() for p in _SPLIT.split(text) if p.strip()):
            match = self._match(part)
            pieces = [(part, match)]
            if match is None and _SPLIT_AND.search(part):
                pieces = [(piece, self._match(piece)) for piece in _SPLIT_AND.split(part)]
            for piece, found in pieces:
                if found is None:
                    problems.append(piece)
                elif found not in owners:
                    owners.append(found)
        if problems:
            raise ValidationError(self._unknown_message(problems), code="unknown")
        return owners

    def _match(self, text):
        key = " ".join(text.split()).lower()
        if key in _ALL_WORDS or key.startswith("all members of"):
            return ALL
        if key in self._by_token:
            return self._by_token[key]
        for owner in self.all_owners():
            if owner != ALL and owner_label(owner, self.board).lower() == key:
                return owner
        candidates = [p for p in self.people if p.full_name.lower() == key]
        if not candidates:
            candidates = [p for p in self.people if p.display_initials.lower() == key]
            if len(candidates) > 1:
                names = " or ".join(p.full_name for p in candidates)
                raise ValidationError(
                    f"‘{text}’ could be {names}: type the full name", code="ambiguous"
                )
        if candidates:
            return candidates[0]
        for team in self.teams:
            if key in {team.name.lower(), _without_the(team.name.lower())}:
                return team
        for board in self.boards:
            if key in {board.name.lower(), board.short_name.lower()} - {""}:
                return board
        for agency in self.agencies:
            org = agency.organisation
            names = {org.name.lower(), org.short_name.lower(), agency.display_name.lower()}
            if key in names - {""}:
                return agency
        key = _without_the(key)
        for team in self.teams:
            if key == _without_the(team.name.lower()):
                return team
        return None

    @staticmethod
    def _unknown_message(problems):
        quoted = ", ".join(f"‘{p}’" for p in problems)
        verb = (
            "is not a person, team, group or agency"
            if len(problems) == 1
            else "are not people, teams, groups or agencies"
        )
        return f"{quoted} {verb} in this partnership"


def owner_from_token(partnership, token):
    """The one owner a token names (one query), or None if it names no one here."""
    return search.from_token(partnership, token)


def _without_the(name):
    """ "the Safeguarding Team" and "Safeguarding Team" are one team."""
    return name[4:] if name.startswith("the ") else name


def owner_choices(board) -> list[tuple[str, str]]:
    """(token, label) pairs for a type-ahead of owners on `board`'s log: "All"
    first, then people, groups and agencies of the partnership."""
    return OwnerDirectory(board).choices()


def people_owning_ways(person, *, today=None):
    """The ways `person` owns an action, each a Q on ActionOwner: named
    themselves, "All" on a board they sit on, a group they chair, a team they
    are in, or an agency they lead for."""
    seats = BoardMembership.objects.current(today).filter(person=person)
    chairs = seats.filter(role__in=[BoardMembership.Role.CHAIR, BoardMembership.Role.VICE_CHAIR])
    return [
        Q(person=person),
        Q(all_members=True, action__board__in=seats.values("board")),
        Q(board__in=chairs.values("board")),
        Q(team__in=TeamMember.objects.filter(person=person).values("team")),
        Q(agency__lead_representative=person),
    ]


def people_owning_q(person, *, today=None):
    """ActionOwner rows by which `person` owns an action (any of `people_owning_ways`)."""
    return reduce(operator.or_, people_owning_ways(person, today=today))
