"""Generated CSRF_TRUSTED_ORIGINS, checked by Django's CsrfViewMiddleware."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from django_cfg import DjangoConfig
from tests.conftest import STRONG_KEY, settings_of
from tests.csrf_requests import CSRF_SECRET, csrf_reasons, post_form

DOMAINS = ["myapp.com", "https://api.myapp.com", "admin.myapp.com:8443"]

ProductionFactory = Callable[..., DjangoConfig]


def development() -> DjangoConfig:
    return DjangoConfig(secret_key=STRONG_KEY, debug=True)


@pytest.mark.parametrize("origin", ["https://admin.myapp.com:8443", "https://api.myapp.com"])
def test_csrf_trusted_origin(production: ProductionFactory, origin: str) -> None:
    with settings_of(production(DOMAINS)):
        response = post_form("myapp.com", origin, secure=True)

    assert response.status_code == 200
    assert response.content == b"accepted"


def test_csrf_own_origin(production: ProductionFactory) -> None:
    with settings_of(production(DOMAINS)):
        response = post_form("myapp.com", "https://myapp.com", secure=True)

    assert response.status_code == 200
    assert response.content == b"accepted"


@pytest.mark.parametrize(
    "origin",
    [
        "https://admin.myapp.com",
        "http://admin.myapp.com:8443",
        "https://evil.com",
    ],
)
def test_csrf_untrusted_origin(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture, origin: str
) -> None:
    with settings_of(production(DOMAINS)):
        response = post_form("myapp.com", origin, secure=True)

    assert response.status_code == 403
    assert csrf_reasons(caplog) == [
        f"Origin checking failed - {origin} does not match any trusted origins."
    ]


def test_csrf_log_message(production: ProductionFactory, caplog: pytest.LogCaptureFixture) -> None:
    with settings_of(production(DOMAINS)):
        post_form("myapp.com", "https://evil.com", secure=True)

    messages = [r.getMessage() for r in caplog.records if r.name == "django.security.csrf"]
    assert messages == [
        "Forbidden (Origin checking failed - https://evil.com does not match any "
        "trusted origins.): /submit/"
    ]


def test_csrf_cookie_enforced(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    # A trusted Origin without the CSRF cookie is rejected, so the checks are really on.
    with settings_of(production(DOMAINS)):
        response = Client(enforce_csrf_checks=True).post(
            "/submit/",
            {"csrfmiddlewaretoken": CSRF_SECRET},
            secure=True,
            HTTP_HOST="myapp.com",
            HTTP_ORIGIN="https://myapp.com",
        )

    assert response.status_code == 403
    assert csrf_reasons(caplog) == ["CSRF cookie not set."]


def test_csrf_development_local_port() -> None:
    with settings_of(development()):
        response = post_form("localhost:8000", "http://localhost:5173", secure=False)

    assert response.status_code == 200
    assert response.content == b"accepted"


def test_csrf_development_other_port(caplog: pytest.LogCaptureFixture) -> None:
    with settings_of(development()):
        response = post_form("localhost:8000", "http://localhost:9999", secure=False)

    assert response.status_code == 403
    assert csrf_reasons(caplog) == [
        "Origin checking failed - http://localhost:9999 does not match any trusted origins."
    ]
