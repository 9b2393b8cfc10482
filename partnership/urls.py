"""The partnership's structure and users, under /p/<partnership_slug>/
(TenancyMiddleware admits members only and opens the partnership's scope). The
overview and a board's own page are the dashboard's."""

from django.urls import path

from .views import agencies, boards, details, memberships, people, search, teams, two_factor

app_name = "partnership"

urlpatterns = [
    path("details/edit/", details.partnership_edit, name="partnership-edit"),
    path("boards/new/", boards.board_create, name="board-create"),
    path("boards/<uuid:board_uuid>/edit/", boards.board_edit, name="board-edit"),
    path("boards/<uuid:board_uuid>/members/new/", boards.board_member_add, name="board-member-add"),
    path(
        "boards/<uuid:board_uuid>/members/<uuid:seat_uuid>/edit/",
        boards.board_member_edit,
        name="board-member-edit",
    ),
    path("agencies/", agencies.agency_list, name="agency-list"),
    path("agencies/new/", agencies.agency_create, name="agency-create"),
    path("agencies/<uuid:agency_uuid>/edit/", agencies.agency_edit, name="agency-edit"),
    path("people/", people.person_list, name="person-list"),
    path("people/new/", people.person_create, name="person-create"),
    path("people/<uuid:person_uuid>/", people.person_detail, name="person-detail"),
    path("people/<uuid:person_uuid>/edit/", people.person_edit, name="person-edit"),
    path("search/", search.search_owners, name="search"),
    path("teams/", teams.team_list, name="team-list"),
    path("teams/new/", teams.team_create, name="team-create"),
    path("teams/<uuid:team_uuid>/", teams.team_edit, name="team-edit"),
    path("users/", memberships.membership_list, name="membership-list"),
    path("users/new/", memberships.membership_create, name="membership-create"),
    path("users/<uuid:membership_uuid>/edit/", memberships.membership_edit, name="membership-edit"),
    path(
        "users/<uuid:membership_uuid>/two-factor/reset/",
        two_factor.membership_two_factor_reset,
        name="membership-two-factor-reset",
    ),
]
