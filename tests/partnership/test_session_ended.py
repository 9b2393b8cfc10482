"""A page's script (htmx, or fetch asking for JSON) that meets an ended session
is told so with 401 and the sign-in page that returns to the page it came from,
never given the sign-in form to swap into the page; an out-of-date form token is
told apart in JSON too, so the script can renew it and send again."""

import pytest
from django.test import Client

from ..actions.factories import ActionFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def action_page(tenant_a):
    action = ActionFactory(board=tenant_a.board)
    page = f"/p/{tenant_a.slug}/actions/{action.uuid}/"
    return page


def test_an_htmx_request_after_the_session_ended_gets_401_and_the_sign_in_page(
    action_page, tenant_a
):
    response = Client().post(
        f"{action_page}update/",
        {"text": "Typed before the session ended"},
        HTTP_HX_CURRENT_URL=f"http://testserver{action_page}?tab=updates",
        **HTMX,
    )
    assert response.status_code == 401
    sign_in = "/accounts/sign-in/?session=ended&next=%2Fp%2F"
    assert response["HX-Redirect"].startswith(sign_in)
    # Back to the page the user was on, not the fragment htmx asked for.
    assert response["HX-Redirect"].endswith("%2F%3Ftab%3Dupdates")
    assert response.json() == {"result": "signed-out", "sign_in": response["HX-Redirect"]}
    assert b"Password" not in response.content


def test_a_fetch_asking_for_json_gets_401_with_the_page_from_its_referer(action_page):
    response = Client().post(
        f"{action_page}update/",
        {},
        HTTP_ACCEPT="application/json",
        HTTP_REFERER=f"http://testserver{action_page}",
    )
    assert response.status_code == 401
    assert response.json()["result"] == "signed-out"
    assert response.json()["sign_in"].endswith("next=" + action_page.replace("/", "%2F"))


def test_a_page_on_another_site_is_never_where_sign_in_returns(action_page):
    response = Client().post(
        f"{action_page}update/", {}, HTTP_HX_CURRENT_URL="https://evil.example/steal", **HTMX
    )
    assert response.status_code == 401
    assert response["HX-Redirect"] == "/accounts/sign-in/?session=ended"


def test_a_browser_navigating_is_still_redirected_to_sign_in(action_page):
    response = Client().get(action_page)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/?next=")


def test_a_session_past_its_lifetime_answers_htmx_with_401(action_page, tenant_a, settings):
    client = Client()
    client.force_login(tenant_a.users["member"])
    session = client.session
    session["signed_in_at"] = 0
    session.save()
    response = client.get(
        action_page, HTTP_HX_CURRENT_URL=f"http://testserver{action_page}", **HTMX
    )
    assert response.status_code == 401
    assert "session=ended" in response["HX-Redirect"]


def test_the_sign_in_page_says_the_session_ended_and_keeps_where_to_return(action_page):
    response = Client().get(f"/accounts/sign-in/?session=ended&next={action_page}")
    html = response.content.decode()
    assert "Your session has ended" in html
    assert f'name="next" value="{action_page}"' in html
    assert "Your session has ended" not in Client().get("/accounts/sign-in/").content.decode()


def test_an_out_of_date_form_token_is_told_to_a_script_in_json(action_page, tenant_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tenant_a.users["member"])
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(
        f"{action_page}update/", {"csrfmiddlewaretoken": "b" * 32}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert response.json()["result"] == "csrf"
    page = client.post(f"{action_page}update/", {"csrfmiddlewaretoken": "b" * 32})
    assert page.status_code == 403
    assert page["Content-Type"].startswith("text/html")


def test_the_page_after_signing_in_again_in_a_new_tab_says_to_go_back(tenant_a):
    assert Client().get("/accounts/signed-in/").status_code == 302
    client = Client()
    client.force_login(tenant_a.users["member"])
    response = client.get("/accounts/signed-in/")
    assert b"You are signed in again" in response.content
