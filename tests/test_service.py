"""Service-wide behaviour: health, production settings, error pages."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def test_health_is_ok_when_database_and_redis_answer(db, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_health_is_503_when_redis_does_not_answer(db, client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["redis"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_health_is_503_when_the_database_does_not_answer(db, client):
    with mock.patch("partnership.views.health.connection.cursor", side_effect=Exception("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x9Q!" * 10,
    "ALLOWED_HOSTS": "spm.example.org",
    "SITE_URL": "https://spm.example.org",
    "FIELD_ENCRYPTION_KEY": "GqJjZxZs5OBal6vinSdFby2HGmwx-d5FZ3vxEvrdHzg=",
}


def _deploy_check(env):
    return _manage("check", "--deploy", "--fail-level", "WARNING", env=env)


def test_deploy_checks_pass_with_production_settings():
    result = _deploy_check(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_checks_warn_when_passkeys_would_belong_to_localhost():
    without_site = {key: value for key, value in PRODUCTION.items() if key != "SITE_URL"}
    result = _deploy_check(without_site)
    assert result.returncode != 0
    assert "partnership.W001" in result.stderr and "partnership.W002" in result.stderr


def test_deploy_checks_fail_without_a_key_for_real_identifiers():
    result = _manage(
        "check",
        "--deploy",
        env={
            "SECRET_KEY": "a-long-random-production-secret-" + "x9Q!" * 10,
            "ALLOWED_HOSTS": "spm.example.org",
        },
    )
    assert result.returncode != 0
    assert "reviews.E001" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env={})
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_an_unknown_page_is_a_govuk_404(db, client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.parametrize("path", ["/accessibility/", "/accounts/sign-in/"])
def test_public_pages_render(path, db, client):
    assert client.get(path).status_code == 200


def test_https_is_enforced_except_for_the_health_check(db, settings):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/accounts/sign-in/").status_code == 301
    assert client.get(reverse("healthz")).status_code == 200


def test_static_files_collect_for_production(tmp_path):
    """The manifest storage follows every url() and sourceMappingURL: a vendored
    file that names a missing one would break the production build."""
    result = _manage(
        "collectstatic",
        "--noinput",
        env={"SECRET_KEY": "collectstatic-only", "STATIC_ROOT": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(tmp_path.glob("css/application.*.css"))
