import time

import pytest
from django.core import mail
from django.urls import reverse

from ..factories import MembershipFactory, UserFactory

PASSWORD = "correct horse battery staple"


def _sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": email, "password": password, **extra})


def test_someone_on_one_partnership_lands_on_home_with_their_actions(tenant_a, client):
    from django_scopes import scopes_disabled

    from ..actions.factories import ActionFactory

    with scopes_disabled():
        ActionFactory(board=tenant_a.board, owners=[tenant_a.person], description="Send the audit")
    response = _sign_in(client, tenant_a.users["member"].email.upper())
    assert response.status_code == 302
    assert response.url == reverse("home")
    html = client.get(response.url).content.decode()
    assert "Send the audit" in html and tenant_a.partnership.name in html


def test_someone_on_several_partnerships_chooses_at_home(tenant_a, tenant_b, client):
    user = tenant_a.users["member"]
    MembershipFactory(partnership=tenant_b.partnership, user=user, role="member")
    response = _sign_in(client, user.email)
    assert response.url == reverse("home")
    html = client.get(reverse("home")).content.decode()
    assert tenant_a.partnership.name in html and tenant_b.partnership.name in html
    assert client.get(f"/p/{tenant_b.slug}/").status_code == 200


def test_a_next_link_is_followed_after_sign_in(tenant_a, client):
    url = f"/p/{tenant_a.slug}/agencies/"
    response = _sign_in(client, tenant_a.users["observer"].email, next=url)
    assert response.url == url


def test_a_wrong_password_shows_the_error_summary(tenant_a, client):
    response = _sign_in(client, tenant_a.users["observer"].email, "wrong")
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert f'value="{tenant_a.users["observer"].email}"' in html


def test_five_failures_lock_the_account(db, client):
    user = UserFactory(email="locked@example.org")
    for _ in range(4):
        assert _sign_in(client, user.email, "wrong").status_code == 200
    response = _sign_in(client, user.email, "wrong")
    assert response.status_code == 429
    assert b"Your account is locked" in response.content
    # Even the right password is refused while locked.
    assert _sign_in(client, user.email).status_code == 429


def test_sign_out_is_a_post(tenant_a, observer_client):
    assert observer_client.get(reverse("logout")).status_code == 405
    assert observer_client.post(reverse("logout")).status_code == 302
    assert observer_client.get(f"/p/{tenant_a.slug}/").status_code == 302


def test_password_reset_emails_active_users_even_without_a_password(db, client):
    UserFactory(email="invited@example.org", password=None)
    response = client.post(reverse("password_reset"), {"email": "INVITED@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1  # same page, no email, nothing revealed


def test_password_change_applies_the_validators(tenant_a, observer_client):
    response = observer_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert "There is a problem" in response.content.decode()
    assert "too short" in response.content.decode()


def test_sessions_end_after_30_idle_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_sessions_end_10_hours_after_sign_in_however_active(tenant_a, observer_client):
    url = f"/p/{tenant_a.slug}/"
    assert observer_client.get(url).status_code == 200
    session = observer_client.session
    session["signed_in_at"] = time.time() - 10 * 60 * 60 - 1
    session.save()
    response = observer_client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert observer_client.get(url).status_code == 302  # signed out, not just redirected


@pytest.mark.parametrize("path", ["/", "/p/anything/"])
def test_pages_send_security_headers(path, tenant_a, observer_client):
    response = observer_client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
