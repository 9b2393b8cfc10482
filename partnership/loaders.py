"""One loader per concept: the only way a view gets a record named in its URL.

A loader reads inside the request's partnership (the scoped manager already
refuses any other) and answers 404, never 403, when the record is not there or
the member may not see it, so a URL never reveals that something exists.
Feature apps write their loaders the same way, with `load()` (meetings and
actions: `<app>/loaders.py`)."""

from django.shortcuts import get_object_or_404

from .models import Board, BoardMembership, Membership, PartnerAgency, Person
from .permissions import can_view_board, hide_unless


def load(request, queryset, *, visible=None, **lookup):
    """The one row of `queryset` in the request's partnership matching `lookup`,
    or 404; 404 too when `visible(membership, row)` is false."""
    row = get_object_or_404(queryset.for_partnership(request.partnership), **lookup)
    if visible is not None:
        hide_unless(visible(request.membership, row))
    return row


def load_board(request, board_uuid):
    return load(
        request,
        Board.objects.select_related("partnership", "reports_to"),
        visible=can_view_board,
        uuid=board_uuid,
    )


def load_seat(request, board, seat_uuid):
    return load(
        request,
        BoardMembership.objects.filter(board=board).select_related("person", "board"),
        uuid=seat_uuid,
    )


def load_person(request, person_uuid):
    """People are named in minutes, so who may not open the directory is refused
    (403, by the view), not told the person does not exist."""
    return load(
        request,
        Person.objects.select_related("partnership", "organisation", "user"),
        uuid=person_uuid,
    )


def load_agency(request, agency_uuid):
    return load(
        request,
        PartnerAgency.objects.select_related("organisation", "lead_representative"),
        uuid=agency_uuid,
    )


def load_membership(request, membership_uuid):
    return load(request, Membership.objects.select_related("user"), uuid=membership_uuid)
