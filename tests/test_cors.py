"""Generated CORS settings, checked by django-cors-headers' CorsMiddleware."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from django_cfg import DjangoConfig
from tests.conftest import STRONG_KEY, settings_of

if TYPE_CHECKING:
    # django-stubs declares this type for test client responses. It exists only in the stubs.
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

DOMAINS = ["myapp.com", "https://api.myapp.com", "admin.myapp.com:8443"]

DEFAULT_HEADERS = [
    "accept",
    "accept-encoding",
    "authorization",
    "content-type",
    "dnt",
    "origin",
    "user-agent",
    "x-csrftoken",
    "x-requested-with",
]

ProductionFactory = Callable[..., DjangoConfig]


def development() -> DjangoConfig:
    return DjangoConfig(secret_key=STRONG_KEY, debug=True)


def preflight(origin: str, host: str = "myapp.com") -> TestResponse:
    """Send the OPTIONS request a browser sends before a cross-origin GET."""
    return Client().options(
        "/api/data/",
        secure=True,
        HTTP_HOST=host,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )


@pytest.mark.parametrize("origin", ["https://admin.myapp.com:8443", "https://api.myapp.com"])
def test_cors_listed_origin(production: ProductionFactory, origin: str) -> None:
    with settings_of(production(DOMAINS)):
        response = preflight(origin)

    assert response.status_code == 200
    assert response["access-control-allow-origin"] == origin
    assert response["access-control-allow-credentials"] == "true"


@pytest.mark.parametrize(
    "origin",
    ["https://admin.myapp.com", "http://api.myapp.com", "https://evil.com", "null"],
)
def test_cors_unlisted_origin(production: ProductionFactory, origin: str) -> None:
    with settings_of(production(DOMAINS)):
        response = preflight(origin)

    assert "access-control-allow-origin" not in response
    assert "access-control-allow-credentials" not in response


def test_cors_simple_request(production: ProductionFactory) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get(
            "/api/data/",
            secure=True,
            HTTP_HOST="myapp.com",
            HTTP_ORIGIN="https://api.myapp.com",
        )

    assert response.status_code == 200
    assert response.json() == {"items": [1, 2, 3]}
    assert response["access-control-allow-origin"] == "https://api.myapp.com"
    assert response["access-control-allow-credentials"] == "true"


def test_cors_allow_headers(production: ProductionFactory) -> None:
    config = production(DOMAINS, cors_allow_headers=["X-API-Key"])

    with settings_of(config) as settings:
        response = preflight("https://api.myapp.com")

    assert settings["CORS_ALLOW_HEADERS"] == [*DEFAULT_HEADERS, "x-api-key"]
    allowed = response["access-control-allow-headers"].split(", ")
    assert allowed == [*DEFAULT_HEADERS, "x-api-key"]


@pytest.mark.parametrize("origin", ["http://localhost:5173", "https://anything.example:9000"])
def test_cors_development_any_origin(origin: str) -> None:
    with settings_of(development()):
        response = preflight(origin, host="localhost:8000")

    assert response.status_code == 200
    assert response["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response
