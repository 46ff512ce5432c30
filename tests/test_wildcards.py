"""A wildcard domain, checked by the host check, the CSRF check and CORS alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client

from django_cfg import DjangoConfig
from tests.conftest import settings_of

if TYPE_CHECKING:
    # django-stubs declares this type for test client responses. It exists only in the stubs.
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

DOMAINS = ["*.myapp.com"]

#: Django accepts an unmasked 32-character secret both as the cookie and as the token.
CSRF_SECRET = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"

SUBDOMAINS = ["a.myapp.com", "a.b.myapp.com"]
LOOKALIKES = ["evilmyapp.com", "a.myapp.com.evil.com"]

ProductionFactory = Callable[..., DjangoConfig]


def post_form(origin: str) -> TestResponse:
    """POST /submit/ over https to myapp.com with a valid CSRF cookie and token."""
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    return client.post(
        "/submit/",
        {"csrfmiddlewaretoken": CSRF_SECRET},
        secure=True,
        HTTP_HOST="myapp.com",
        HTTP_ORIGIN=origin,
    )


def csrf_reasons(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Return the rejection reasons that CsrfViewMiddleware logged."""
    return [
        str(record.args[0])
        for record in caplog.records
        if record.name == "django.security.csrf" and isinstance(record.args, tuple)
    ]


def preflight(origin: str) -> TestResponse:
    return Client().options(
        "/api/data/",
        secure=True,
        HTTP_HOST="myapp.com",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )


def test_wildcard_settings_exact(production: ProductionFactory) -> None:
    generated = production(DOMAINS).get_all_settings()

    assert generated["ALLOWED_HOSTS"] == [".myapp.com", "localhost", "127.0.0.1", "[::1]"]
    assert generated["CSRF_TRUSTED_ORIGINS"] == ["https://*.myapp.com"]
    assert generated["CORS_ALLOWED_ORIGINS"] == []
    assert generated["CORS_ALLOWED_ORIGIN_REGEXES"] == [r"^https://(?:[a-z0-9-]+\.)*myapp\.com\Z"]


@pytest.mark.parametrize("host", SUBDOMAINS)
def test_wildcard_host_subdomain(production: ProductionFactory, host: str) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.content == b"pong"


@pytest.mark.parametrize("host", LOOKALIKES)
def test_wildcard_host_lookalike(production: ProductionFactory, host: str) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST=host)

    assert response.status_code == 400


def test_wildcard_host_other_port(production: ProductionFactory) -> None:
    # Django's host check drops the port of the Host header before it compares
    # with ALLOWED_HOSTS, so any port passes there. The port matters only to
    # the Origin checks of CSRF and CORS below.
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST="a.myapp.com:8443")

    assert response.status_code == 200


@pytest.mark.parametrize("host", SUBDOMAINS)
def test_wildcard_csrf_subdomain(production: ProductionFactory, host: str) -> None:
    with settings_of(production(DOMAINS)):
        response = post_form(f"https://{host}")

    assert response.status_code == 200
    assert response.content == b"accepted"


@pytest.mark.parametrize(
    "origin",
    ["https://evilmyapp.com", "https://a.myapp.com.evil.com", "https://a.myapp.com:8443"],
)
def test_wildcard_csrf_rejected(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture, origin: str
) -> None:
    with settings_of(production(DOMAINS)):
        response = post_form(origin)

    assert response.status_code == 403
    assert csrf_reasons(caplog) == [
        f"Origin checking failed - {origin} does not match any trusted origins."
    ]


@pytest.mark.parametrize("host", SUBDOMAINS)
def test_wildcard_cors_subdomain(production: ProductionFactory, host: str) -> None:
    origin = f"https://{host}"

    with settings_of(production(DOMAINS)):
        response = preflight(origin)

    assert response["access-control-allow-origin"] == origin
    assert response["access-control-allow-credentials"] == "true"


@pytest.mark.parametrize(
    "origin",
    ["https://evilmyapp.com", "https://a.myapp.com.evil.com", "https://a.myapp.com:8443"],
)
def test_wildcard_cors_rejected(production: ProductionFactory, origin: str) -> None:
    with settings_of(production(DOMAINS)):
        response = preflight(origin)

    assert "access-control-allow-origin" not in response
