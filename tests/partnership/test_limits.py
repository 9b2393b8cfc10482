"""Headers and limits: the security headers on every page, rate limits on
sign-in and password reset, no answer that tells whether an email address has
an account, and a cap on the size of any request."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from partnership.ratelimits import LIMITS


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_password_reset_says_the_same_whether_or_not_there_is_an_account(tenant_a):
    known = Client().post(reverse("password_reset"), {"email": tenant_a.users["member"].email})
    unknown = Client().post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1

    def page(url):  # the same page, but for its per-request CSRF token
        return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", Client().get(url).content)

    assert page(known.url) == page(unknown.url)


@pytest.mark.django_db
def test_sign_in_says_the_same_for_a_wrong_password_and_no_account(tenant_a):
    def error(email):
        response = Client().post(reverse("login"), {"username": email, "password": "wrong"})
        return response.context["form"].non_field_errors()

    assert error(tenant_a.users["member"].email) == error("nobody@example.org")


@pytest.mark.django_db
def test_reset_emails_to_one_address_are_limited_without_saying_so(tenant_a):
    allowed, _ = LIMITS["password-reset-per-email"]
    email = tenant_a.users["member"].email
    for n in range(allowed + 2):
        response = Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            reverse("password_reset"), {"email": email}
        )
        assert response.status_code == 302
    assert len(mail.outbox) == allowed


@pytest.mark.django_db
def test_reset_requests_from_one_address_are_limited(db):
    allowed, _ = LIMITS["password-reset-per-address"]
    client = Client()
    for n in range(allowed):
        client.post(reverse("password_reset"), {"email": f"someone{n}@example.org"})
    response = client.post(reverse("password_reset"), {"email": "one.more@example.org"})
    assert response.status_code == 200
    assert b"too many reset links" in response.content
    assert b"govuk-error-summary" in response.content


@pytest.mark.django_db
def test_failed_sign_ins_from_one_address_across_accounts_are_limited(tenant_a):
    allowed, _ = LIMITS["sign-in-failures-per-address"]
    client = Client()
    for n in range(allowed):
        client.post(reverse("login"), {"username": f"user{n}@example.org", "password": "x"})
    response = client.post(
        reverse("login"),
        {"username": tenant_a.users["member"].email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 200
    assert b"too many failed sign-ins from your network" in response.content


@pytest.mark.django_db
def test_a_request_larger_than_the_cap_is_refused_before_it_is_read(client, settings):
    response = client.post(
        reverse("login"),
        data=b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert b"The file is too big" in response.content
