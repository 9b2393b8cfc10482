"""One server-side type-ahead for every people picker: owners of actions (people,
teams, groups, agencies, "All"), attendees, board members. A search answers at
most LIMIT matches, so no page ever carries the whole people list.

A pick is a token: "person:<uuid>", "team:<uuid>", "board:<uuid>",
"agency:<uuid>" or "all"; what someone types without picking is read as a
name (see `owners_named`)."""

import uuid as uuid_module
from dataclasses import dataclass

from django.db.models import Q

from .models import Board, PartnerAgency, Person, Team

LIMIT = 20
ALL = "all"
ALL_WORDS = {"a", "al", "all", "all members", "everyone"}
KINDS = ("all", "person", "team", "board", "agency")
MODELS = {"person": Person, "team": Team, "board": Board, "agency": PartnerAgency}


def token_for(owner):
    if owner == ALL:
        return ALL
    for kind, model in MODELS.items():
        if isinstance(owner, model):
            return f"{kind}:{owner.uuid}"
    raise TypeError(f"Not an owner: {owner!r}")


def label_for(owner, board=None):
    """How an owner is offered in a list: 'Philippa Grant (PG)'."""
    if owner == ALL:
        return f"All members of {board.label}" if board is not None else "All"
    if isinstance(owner, Person):
        return f"{owner.full_name} ({owner.display_initials})"
    if isinstance(owner, Board):
        return f"{owner.name} (group)"
    if isinstance(owner, Team):
        return f"{owner.name} (team)"
    return f"{owner.label} (agency)"


def text_for(owner):
    """What goes in a text box when an owner is picked: the name alone."""
    if owner == ALL:
        return "All"
    if isinstance(owner, Person):
        return owner.full_name
    if isinstance(owner, Board | Team):
        return owner.name
    return owner.label


@dataclass
class Match:
    token: str
    label: str
    text: str
    kind: str
    hint: str = ""
    owner: object = None

    def as_json(self):
        return {
            "value": self.token,
            "label": self.label,
            "text": self.text,
            "kind": self.kind,
            "hint": self.hint,
        }


def _people(partnership, words):
    return (
        Person.objects.for_partnership(partnership)
        .filter(is_active=True)
        .filter(
            Q(full_name__icontains=words)
            | Q(initials__iexact=words)
            | Q(full_name__iregex=r"(^|\s)" + _regex_escape(words))
        )
        .select_related("organisation")
        .order_by("full_name")
    )


def _regex_escape(text):
    return "".join("\\" + c if not c.isalnum() and c != " " else c for c in text)


def _teams(partnership, words):
    return (
        Team.objects.for_partnership(partnership)
        .filter(is_active=True, name__icontains=words)
        .order_by("name")
    )


def _boards(partnership, words):
    return (
        Board.objects.for_partnership(partnership)
        .filter(is_active=True)
        .filter(Q(name__icontains=words) | Q(short_name__iexact=words))
        .order_by("name")
    )


def _agencies(partnership, words):
    return (
        PartnerAgency.objects.for_partnership(partnership)
        .filter(is_active=True)
        .filter(
            Q(organisation__name__icontains=words)
            | Q(organisation__short_name__iexact=words)
            | Q(display_name__icontains=words)
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )


def search(partnership, query, *, kinds=KINDS, limit=LIMIT):
    """Up to `limit` matches for what someone typed, of the kinds asked for:
    exact names first, then people, teams, groups and agencies."""
    words = " ".join((query or "").split())[:100]
    if not words:
        return []
    partnership = getattr(partnership, "pk", partnership)
    found = []
    if ALL in kinds and words.lower() in ALL_WORDS:
        found.append(Match(ALL, "All (every member of the board)", "All", ALL, owner=ALL))
    if "person" in kinds:
        for person in _people(partnership, words)[:limit]:
            organisation = person.organisation.label if person.organisation_id else ""
            hint = ", ".join(part for part in (person.job_title, organisation) if part)
            found.append(
                Match(
                    token_for(person), label_for(person), text_for(person), "person", hint, person
                )
            )
    for kind, finder in (("team", _teams), ("board", _boards), ("agency", _agencies)):
        if kind in kinds:
            for owner in finder(partnership, words)[:limit]:
                found.append(
                    Match(token_for(owner), label_for(owner), text_for(owner), kind, owner=owner)
                )
    key = words.lower()
    # Exact names first, so "PG" or "Safeguarding Team" is the first option.
    found.sort(key=lambda m: 0 if key in (m.text.lower(), m.label.lower()) else 1)
    return found[:limit]


def from_token(partnership, token, *, kinds=KINDS):
    """The one owner a token names (one query), or None if it names no one here."""
    token = (token or "").strip().lower()
    if token == ALL:
        return ALL if ALL in kinds else None
    kind, _, value = token.partition(":")
    model = MODELS.get(kind) if kind in kinds else None
    try:
        uuid_module.UUID(value)
    except ValueError:
        return None
    if model is None:
        return None
    return (
        model.objects.for_partnership(getattr(partnership, "pk", partnership))
        .filter(uuid=value)
        .first()
    )


def owners_named(partnership, text, *, kinds=KINDS):
    """Everyone `text` names, for a search by owner typed without picking (the
    page without JavaScript): a token; else exact names, initials or labels;
    else every owner whose name contains it."""
    text = " ".join((text or "").split())
    if not text:
        return []
    owner = from_token(partnership, text, kinds=kinds)
    if owner is not None:
        return [owner]
    matches = search(partnership, text, kinds=kinds, limit=LIMIT)
    key = text.lower()
    exact = [m for m in matches if key in (m.text.lower(), m.label.lower())]
    chosen = exact or matches
    return [m.owner for m in chosen]
