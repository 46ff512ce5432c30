"""Generated hosts and security headers, checked by Django's own request handling."""

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.http.request import split_domain_port, validate_host
from django.test import Client

from django_cfg import DjangoConfig
from tests.conftest import STRONG_KEY, settings_of

DOMAINS = ["myapp.com", "https://api.myapp.com", "admin.myapp.com:8443"]

ACCEPTED_HOSTS = [
    "myapp.com",
    "api.myapp.com",
    "admin.myapp.com",
    "admin.myapp.com:8443",
    "localhost",
    "127.0.0.1",
    "[::1]",
]

REJECTED_HOSTS = ["evil.com", "myapp.com.evil.com", "evilmyapp.com", "myapp.com@evil.com"]

ProductionFactory = Callable[..., DjangoConfig]


def development() -> DjangoConfig:
    return DjangoConfig(secret_key=STRONG_KEY, debug=True)


@pytest.mark.parametrize("host", ACCEPTED_HOSTS)
def test_host_listed_accepted(production: ProductionFactory, host: str) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.content == b"pong"


@pytest.mark.parametrize("host", REJECTED_HOSTS)
def test_host_unlisted_rejected(production: ProductionFactory, host: str) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST=host)

    assert response.status_code == 400


def test_allowed_hosts_exact(production: ProductionFactory) -> None:
    settings = production(DOMAINS).get_all_settings()

    assert settings["ALLOWED_HOSTS"] == [
        "myapp.com",
        "api.myapp.com",
        "admin.myapp.com",
        "localhost",
        "127.0.0.1",
        "[::1]",
    ]


def test_allowed_hosts_pass_validate_host(production: ProductionFactory) -> None:
    allowed = production(DOMAINS).get_all_settings()["ALLOWED_HOSTS"]

    for entry in allowed:
        # An entry Django cannot parse as a host (a port, a regex) matches nothing.
        assert split_domain_port(entry) == (entry, "")
        assert validate_host(entry, allowed)
    for host in ACCEPTED_HOSTS:
        domain, _port = split_domain_port(host)
        assert validate_host(domain, allowed)
    for host in REJECTED_HOSTS:
        domain, _port = split_domain_port(host)
        assert not validate_host(domain, allowed)


@pytest.mark.parametrize("host", ["evil.com", "myapp.com.evil.com", "anything.example:9000"])
def test_host_development_any(host: str) -> None:
    with settings_of(development()):
        response = Client().get("/ping/", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.content == b"pong"


def test_hsts_forwarded_https(production: ProductionFactory) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST="myapp.com", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_hsts_plain_http_absent(production: ProductionFactory) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST="myapp.com")

    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize(
    ("fields", "header"),
    [
        ({"hsts_seconds": 63_072_000}, "max-age=63072000; includeSubDomains; preload"),
        ({"hsts_preload": False}, "max-age=31536000; includeSubDomains"),
        ({"hsts_seconds": 3600, "hsts_preload": False}, "max-age=3600; includeSubDomains"),
        (
            {"hsts_preload": False, "hsts_include_subdomains": False},
            "max-age=31536000",
        ),
    ],
)
def test_hsts_overrides(
    production: ProductionFactory, fields: dict[str, object], header: str
) -> None:
    with settings_of(production(DOMAINS, **fields)):
        response = Client().get("/ping/", HTTP_HOST="myapp.com", HTTP_X_FORWARDED_PROTO="https")

    assert response["Strict-Transport-Security"] == header


def test_headers_production(production: ProductionFactory) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST="myapp.com", HTTP_X_FORWARDED_PROTO="https")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_headers_development() -> None:
    with settings_of(development()):
        response = Client().get("/ping/", HTTP_HOST="localhost:8000")

    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "X-Content-Type-Options" not in response
    assert "Strict-Transport-Security" not in response


def test_ssl_redirect_plain_http(production: ProductionFactory) -> None:
    with settings_of(production(DOMAINS, ssl_redirect=True)):
        response = Client().get("/ping/?page=2", HTTP_HOST="myapp.com")

    assert response.status_code == 301
    assert response["Location"] == "https://myapp.com/ping/?page=2"


def test_ssl_redirect_forwarded_https(production: ProductionFactory) -> None:
    with settings_of(production(DOMAINS, ssl_redirect=True)):
        response = Client().get("/ping/", HTTP_HOST="myapp.com", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response.content == b"pong"


def test_ssl_redirect_default_off(production: ProductionFactory) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST="myapp.com")

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("fields", "output"),
    [
        # security.W008 (no SECURE_SSL_REDIRECT) is silenced while the proxy redirects.
        ({}, "System check identified no issues (1 silenced).\n"),
        ({"ssl_redirect": True}, "System check identified no issues (0 silenced).\n"),
    ],
)
def test_deploy_checks_production(
    production: ProductionFactory, fields: dict[str, object], output: str
) -> None:
    stdout = StringIO()

    with settings_of(production(DOMAINS, **fields)):
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=stdout)

    assert stdout.getvalue() == output
