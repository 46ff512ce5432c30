"""Private container addresses as Host, accepted by PrivateNetworkHostMiddleware."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from django_cfg import DjangoConfig
from django_cfg import config as config_module
from django_cfg.environment import running_in_container
from tests.conftest import STRONG_KEY, settings_of
from tests.csrf_requests import csrf_reasons, post_form

DOMAINS = ["myapp.com"]

HOST_MIDDLEWARE = "django_cfg.middleware.PrivateNetworkHostMiddleware"

PRIVATE_HOSTS = ["10.1.2.3", "172.17.0.5:8000", "192.168.1.20"]
PUBLIC_HOSTS = ["172.32.0.1", "8.8.8.8", "11.0.0.1", "10.0.0.1.evil.com"]

ProductionFactory = Callable[..., DjangoConfig]


@pytest.fixture
def outside_docker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point Docker detection at a missing marker file, so only Kubernetes can be detected.

    The machine running the tests may itself be a Docker container with a
    ``/.dockerenv``, which would turn the private-network rule on for every
    config that leaves container_hosts unset.
    """
    missing_marker = str(tmp_path / "dockerenv")
    detect = functools.partial(running_in_container, dockerenv=missing_marker)
    monkeypatch.setattr(config_module, "running_in_container", detect)


@pytest.fixture(params=["container_hosts", "kubernetes"])
def container_config(
    request: pytest.FixtureRequest,
    production: ProductionFactory,
    monkeypatch: pytest.MonkeyPatch,
    outside_docker: None,
) -> DjangoConfig:
    """Return a production config that accepts private hosts, set explicitly or detected."""
    if request.param == "kubernetes":
        monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "10.96.0.1")
        return production(DOMAINS, container_hosts=None)
    return production(DOMAINS, container_hosts=True)


@pytest.mark.parametrize("host", PRIVATE_HOSTS)
def test_container_private_host(container_config: DjangoConfig, host: str) -> None:
    with settings_of(container_config):
        response = Client().get("/ping/", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.content == b"pong"


@pytest.mark.parametrize("host", PUBLIC_HOSTS)
def test_container_public_host(container_config: DjangoConfig, host: str) -> None:
    with settings_of(container_config):
        response = Client().get("/ping/", HTTP_HOST=host)

    assert response.status_code == 400


def test_container_malformed_port(container_config: DjangoConfig) -> None:
    with settings_of(container_config):
        response = Client().get("/ping/", HTTP_HOST="10.1.2.3:http")

    assert response.status_code == 400


def test_container_forwarded_host_ignored(container_config: DjangoConfig) -> None:
    # Without USE_X_FORWARDED_HOST, Django takes the Host header and so must the middleware.
    with settings_of(container_config):
        response = Client().get("/ping/", HTTP_HOST="evil.com", HTTP_X_FORWARDED_HOST="10.1.2.3")

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("host", "forwarded_host", "status"),
    [("evil.com", "10.1.2.3", 200), ("10.1.2.3", "evil.com", 400)],
)
def test_container_forwarded_host_used(
    container_config: DjangoConfig, host: str, forwarded_host: str, status: int
) -> None:
    with settings_of(container_config), override_settings(USE_X_FORWARDED_HOST=True):
        response = Client().get("/ping/", HTTP_HOST=host, HTTP_X_FORWARDED_HOST=forwarded_host)

    assert response.status_code == status


def test_container_listed_host(container_config: DjangoConfig) -> None:
    with settings_of(container_config):
        response = Client().get("/ping/", HTTP_HOST="myapp.com")

    assert response.status_code == 200


def test_container_allowed_hosts_literal(container_config: DjangoConfig) -> None:
    generated = container_config.get_all_settings()

    assert generated["ALLOWED_HOSTS"] == ["myapp.com", "localhost", "127.0.0.1", "[::1]"]
    for entry in generated["ALLOWED_HOSTS"]:
        for character in ("\\", "(", "|", "^"):
            assert character not in entry
    assert generated["DJANGO_CFG_PRIVATE_HOST_NETWORKS"] == [
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
    ]


def test_container_middleware_first(container_config: DjangoConfig) -> None:
    middleware = container_config.get_all_settings()["MIDDLEWARE"]

    assert middleware[0] == HOST_MIDDLEWARE
    assert middleware.count(HOST_MIDDLEWARE) == 1


def test_container_hosts_off(production: ProductionFactory) -> None:
    config = production(DOMAINS, container_hosts=False)
    generated = config.get_all_settings()

    assert HOST_MIDDLEWARE not in generated["MIDDLEWARE"]
    assert generated["DJANGO_CFG_PRIVATE_HOST_NETWORKS"] == []
    with settings_of(config):
        response = Client().get("/ping/", HTTP_HOST="10.1.2.3")
    assert response.status_code == 400


def test_container_development_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "10.96.0.1")
    generated = DjangoConfig(secret_key=STRONG_KEY, debug=True).get_all_settings()

    assert HOST_MIDDLEWARE not in generated["MIDDLEWARE"]
    assert generated["DJANGO_CFG_PRIVATE_HOST_NETWORKS"] == []


def test_container_undetected(production: ProductionFactory, outside_docker: None) -> None:
    config = production(DOMAINS, container_hosts=None)

    assert HOST_MIDDLEWARE not in config.get_all_settings()["MIDDLEWARE"]
    with settings_of(config):
        response = Client().get("/ping/", HTTP_HOST="10.1.2.3")
    assert response.status_code == 400


def test_container_dockerenv_detected(production: ProductionFactory) -> None:
    config = production(DOMAINS, container_hosts=None)
    in_docker = Path("/.dockerenv").exists()

    assert (HOST_MIDDLEWARE in config.get_all_settings()["MIDDLEWARE"]) is in_docker


def test_container_settings_unchanged(container_config: DjangoConfig) -> None:
    with settings_of(container_config) as generated:
        response = Client().get("/ping/", HTTP_HOST="10.1.2.3")
        allowed_after = list(settings.ALLOWED_HOSTS)

    assert response.status_code == 200
    assert allowed_after == generated["ALLOWED_HOSTS"]
    assert "10.1.2.3" not in allowed_after


def test_container_csrf_same_origin(container_config: DjangoConfig) -> None:
    with settings_of(container_config):
        response = post_form("10.1.2.3:8000", "https://10.1.2.3:8000")

    assert response.status_code == 200
    assert response.content == b"accepted"


@pytest.mark.parametrize(
    "origin",
    ["https://10.1.2.4:8000", "https://10.1.2.3", "http://10.1.2.3:8000"],
)
def test_container_csrf_other_origin(
    container_config: DjangoConfig, caplog: pytest.LogCaptureFixture, origin: str
) -> None:
    with settings_of(container_config):
        response = post_form("10.1.2.3:8000", origin)

    assert response.status_code == 403
    assert csrf_reasons(caplog) == [
        f"Origin checking failed - {origin} does not match any trusted origins."
    ]
