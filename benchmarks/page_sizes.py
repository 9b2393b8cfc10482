"""How much HTML the pages with people pickers send at the benchmark's size
(2,000 people, 5,000 actions): every page must stay under 100 KB, so no page
embeds the whole people list. Timed: the owner type-ahead's search."""

from .scenarios import size

LIMIT_KB = 100


def _pages(world):
    slug = world.partnership.slug
    pages = {
        "action log": f"/p/{slug}/actions/",
        "board action log": f"/p/{slug}/actions/boards/{world.boards[1].uuid}/",
        "My actions (home page)": "/",
        "raise an action": f"/p/{slug}/actions/new/",
        "people list": f"/p/{slug}/people/",
    }
    meeting = world.extra.get("meeting")
    if meeting is not None:
        pages["attendance"] = f"/p/{slug}/meetings/{meeting.uuid}/attendance/"
        pages["minuting screen"] = f"/p/{slug}/meetings/{meeting.uuid}/minutes/"
    return pages


def summary(timings, world):
    from django.test import Client

    from tests.two_factor import pass_second_factor

    client = Client()
    client.force_login(world.manager)
    pass_second_factor(client, world.manager)
    people = size(2000)
    yield f"HTML size at {people:,} people (limit {LIMIT_KB} KB):"
    for name, url in _pages(world).items():
        response = client.get(url, follow=True)
        kb = len(response.content) / 1024
        flag = "" if kb < LIMIT_KB else "  OVER"
        yield f"  {name:<46} {kb:>8.1f} KB  ({response.status_code}){flag}"


def _my_actions_panel(client, world):
    # The home page's My actions alone: the "My actions (home page)" scenario
    # times every home panel (the reviews panel is most of it at this size).
    from actions.selectors import my_actions
    from partnership.selectors import memberships_for_user

    my_actions(list(memberships_for_user(world.manager)))


def _owner_search(client, world):
    kinds = "all,person,team,board,agency"
    client.get(f"/p/{world.partnership.slug}/search/?kinds={kinds}&q=person 01")


SCENARIOS = {
    "My actions panel alone (actions.selectors.my_actions)": _my_actions_panel,
    "owner type-ahead search (2,000 people)": _owner_search,
}
