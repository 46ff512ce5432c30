"""Content-Security-Policy and Permissions-Policy on real responses, on Django 5.2 and 6."""

import re
from collections.abc import Callable

import django
import pytest
from django.contrib.auth.models import User
from django.test import Client

from django_cfg import DjangoConfig
from tests.conftest import STRONG_KEY, settings_of

ProductionFactory = Callable[..., DjangoConfig]

NONCE_IN_PAGE = re.compile(r'<script nonce="([^"]+)">')

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


def policy_with_nonce(nonce: str) -> dict[str, list[str]]:
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'", f"'nonce-{nonce}'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }


def directives(header: str) -> dict[str, list[str]]:
    """Return a policy header as directives; Django and django-csp order them differently."""
    parsed = {}
    for part in header.split("; "):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_production_policy_with_nonce(production: ProductionFactory) -> None:
    with settings_of(production(["myapp.com"])):
        response = Client().get("/nonce/", HTTP_HOST="myapp.com", secure=True)

    match = NONCE_IN_PAGE.search(response.content.decode())
    assert match is not None
    nonce = match.group(1)
    assert len(nonce) >= 16
    assert directives(response["Content-Security-Policy"]) == policy_with_nonce(nonce)
    assert "Content-Security-Policy-Report-Only" not in response


def test_script_without_nonce_forbidden(production: ProductionFactory) -> None:
    with settings_of(production(["myapp.com"])):
        response = Client().get("/nonce/", HTTP_HOST="myapp.com", secure=True)

    script_sources = directives(response["Content-Security-Policy"])["script-src"]
    assert "'unsafe-inline'" not in script_sources
    assert [source for source in script_sources if not source.startswith("'nonce-")] == ["'self'"]


def test_nonce_differs_per_response(production: ProductionFactory) -> None:
    with settings_of(production(["myapp.com"])):
        first = Client().get("/nonce/", HTTP_HOST="myapp.com", secure=True)
        second = Client().get("/nonce/", HTTP_HOST="myapp.com", secure=True)

    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_report_only_option(production: ProductionFactory) -> None:
    with settings_of(production(["myapp.com"], csp_report_only=True)):
        response = Client().get("/nonce/", HTTP_HOST="myapp.com", secure=True)

    match = NONCE_IN_PAGE.search(response.content.decode())
    assert match is not None
    report_only = directives(response["Content-Security-Policy-Report-Only"])
    assert report_only == policy_with_nonce(match.group(1))
    assert "Content-Security-Policy" not in response


def test_explicit_directives(production: ProductionFactory) -> None:
    chosen = {"default-src": ["'self'", "https://cdn.example.net"], "img-src": ["*"]}
    with settings_of(production(["myapp.com"], csp_directives=chosen)):
        response = Client().get("/ping/", HTTP_HOST="myapp.com", secure=True)

    assert directives(response["Content-Security-Policy"]) == {
        "default-src": ["'self'", "https://cdn.example.net"],
        "img-src": ["*"],
    }


def test_permissions_policy_header(production: ProductionFactory) -> None:
    with settings_of(production(["myapp.com"])):
        response = Client().get("/ping/", HTTP_HOST="myapp.com", secure=True)

    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_development_sends_no_policies() -> None:
    config = DjangoConfig(secret_key=STRONG_KEY, debug=True)
    with settings_of(config):
        response = Client().get("/nonce/")

    assert "Content-Security-Policy" not in response
    assert "Permissions-Policy" not in response
    assert response.content.decode() == '<script nonce="">document.title = "ready";</script>\n'


@pytest.mark.django_db
def test_admin_login_renders_under_policy(production: ProductionFactory) -> None:
    User.objects.create_superuser("root", password="a-long-admin-password-7Q")
    with settings_of(production(["myapp.com"])):
        client = Client()
        page = client.get("/admin/login/", HTTP_HOST="myapp.com", secure=True)

    body = page.content.decode()
    assert page.status_code == 200
    assert "Content-Security-Policy" in page
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body) is None
    assert ' style="' not in body
    assert "<style" not in body


def test_backend_matches_django_version(production: ProductionFactory) -> None:
    settings = production(["myapp.com"]).get_all_settings()

    if django.VERSION >= (6, 0):
        assert "django.middleware.csp.ContentSecurityPolicyMiddleware" in settings["MIDDLEWARE"]
        assert "CONTENT_SECURITY_POLICY" not in settings
    else:
        assert "csp.middleware.CSPMiddleware" in settings["MIDDLEWARE"]
        assert "SECURE_CSP" not in settings
