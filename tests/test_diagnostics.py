"""Log lines for requests rejected for their Host header or their CORS origin."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from django.test import Client, override_settings

from django_cfg import DjangoConfig, diagnostics
from django_cfg.diagnostics import RecentSet
from tests.conftest import STRONG_KEY, settings_of

ProductionFactory = Callable[..., DjangoConfig]

DOMAINS = ["myapp.com", "https://api.myapp.com", "admin.myapp.com:8443"]

HOST_HINT = (
    "Rejected Host {} with status 400 because it is not in ALLOWED_HOSTS. If this site "
    "serves that name, add it to security_domains. This process logs each host once."
)
INVALID_HOST = (
    "Rejected Host {} with status 400 because it is not a valid host name. "
    "This process logs each host once."
)
ORIGIN_HINT = (
    "Rejected CORS origin {} because it is not in CORS_ALLOWED_ORIGINS or "
    "CORS_ALLOWED_ORIGIN_REGEXES, so browsers block its scripts from reading the "
    "response. If a front end at that origin calls this site, add it to "
    "security_domains. This process logs each origin once."
)


@pytest.fixture(autouse=True)
def _forget_reported() -> Iterator[None]:
    """Start and end each test with no host or origin remembered as logged."""
    diagnostics.reported_hosts.clear()
    diagnostics.reported_origins.clear()
    yield
    diagnostics.reported_hosts.clear()
    diagnostics.reported_origins.clear()


def development() -> DjangoConfig:
    return DjangoConfig(secret_key=STRONG_KEY, debug=True)


def logged(caplog: pytest.LogCaptureFixture, logger: str) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == logger]


def test_rejected_host_logged_once(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with settings_of(production(DOMAINS)):
        statuses = [
            Client().get("/ping/", HTTP_HOST=host).status_code
            for host in ("shop.example", "shop.example:8080", "SHOP.example", "shop.example")
        ]

    assert statuses == [400, 400, 400, 400]
    assert logged(caplog, "django_cfg.hosts") == [
        ("WARNING", HOST_HINT.format("'shop.example'")),
    ]
    # The filter adds a line and drops none of Django's own.
    assert len(logged(caplog, "django.security.DisallowedHost")) == 4


def test_rejected_hosts_each_logged(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with settings_of(production(DOMAINS)):
        for host in ("a.example", "b.example", "a.example"):
            Client().get("/ping/", HTTP_HOST=host)

    assert logged(caplog, "django_cfg.hosts") == [
        ("WARNING", HOST_HINT.format("'a.example'")),
        ("WARNING", HOST_HINT.format("'b.example'")),
    ]


def test_accepted_host_not_logged(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with settings_of(production(DOMAINS)):
        response = Client().get("/ping/", HTTP_HOST="admin.myapp.com:8443")

    assert response.status_code == 200
    assert logged(caplog, "django_cfg.hosts") == []


def test_forwarded_host_logged(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with settings_of(production(DOMAINS)), override_settings(USE_X_FORWARDED_HOST=True):
        response = Client().get(
            "/ping/", HTTP_HOST="myapp.com", HTTP_X_FORWARDED_HOST="internal.example"
        )

    assert response.status_code == 400
    assert logged(caplog, "django_cfg.hosts") == [
        ("WARNING", HOST_HINT.format("'internal.example'")),
    ]


@pytest.mark.parametrize("debug", [False, True])
def test_markup_host_escaped(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture, debug: bool
) -> None:
    config = development() if debug else production(DOMAINS)

    with settings_of(config):
        response = Client().get("/ping/", HTTP_HOST="evil.com<script>")

    assert response.status_code == 400
    assert b"evil.com<script>" not in response.content
    assert logged(caplog, "django_cfg.hosts") == [
        ("WARNING", INVALID_HOST.format("'evil.com<script>'")),
    ]


def test_debug_page_escapes_host(caplog: pytest.LogCaptureFixture) -> None:
    with settings_of(development()):
        response = Client().get("/ping/", HTTP_HOST="evil.com<script>")

    assert b"Invalid HTTP_HOST header: &#x27;evil.com&lt;script&gt;&#x27;" in response.content


def test_control_characters_escaped(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with settings_of(production(DOMAINS)):
        Client().get("/ping/", HTTP_HOST="evil.com\r\nfake: line")

    assert logged(caplog, "django_cfg.hosts") == [
        ("WARNING", INVALID_HOST.format("'evil.com\\r\\nfake: line'")),
    ]


def test_long_host_truncated(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    host = "a" * 300 + ".example"

    with settings_of(production(DOMAINS)):
        Client().get("/ping/", HTTP_HOST=host)

    quoted = repr("a" * 253) + " (truncated)"
    assert logged(caplog, "django_cfg.hosts") == [("WARNING", HOST_HINT.format(quoted))]


def test_host_hint_off_above_warning(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="django_cfg.hosts")

    with settings_of(production(DOMAINS)):
        Client().get("/ping/", HTTP_HOST="quiet.example")

    assert logged(caplog, "django_cfg.hosts") == []
    assert "quiet.example" not in diagnostics.reported_hosts


def test_recent_set_drops_oldest() -> None:
    recent = RecentSet(2)

    added = [recent.add(item) for item in ("a", "b", "a", "c")]

    assert added == [True, True, False, True]
    assert len(recent) == 2
    assert "a" not in recent
    assert recent.add("a") is True
    assert "b" not in recent


def test_remembered_hosts_bounded(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    hosts = [f"host{number}.example" for number in range(diagnostics.REMEMBERED_MAX + 1)]

    with settings_of(production(DOMAINS)):
        for host in hosts:
            Client().get("/ping/", HTTP_HOST=host)

    assert len(diagnostics.reported_hosts) == 256
    assert hosts[0] not in diagnostics.reported_hosts
    assert len(logged(caplog, "django_cfg.hosts")) == 257


def api_request(origin: str, path: str = "/api/data/") -> bool:
    """Send a cross-origin GET to the site at https://myapp.com; return whether CORS allowed it."""
    response = Client().get(path, secure=True, HTTP_HOST="myapp.com", HTTP_ORIGIN=origin)
    assert response.status_code == 200
    return "access-control-allow-origin" in response


def test_rejected_origin_logged_once(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="django_cfg.cors")

    with settings_of(production(DOMAINS)):
        allowed = [api_request("https://front.example") for _ in range(3)]

    assert allowed == [False, False, False]
    assert logged(caplog, "django_cfg.cors") == [
        ("DEBUG", ORIGIN_HINT.format("'https://front.example'")),
    ]


def test_allowed_origin_not_logged(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="django_cfg.cors")

    with settings_of(production(DOMAINS)):
        allowed = api_request("https://admin.myapp.com:8443")

    assert allowed is True
    assert logged(caplog, "django_cfg.cors") == []


def test_same_origin_not_logged(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="django_cfg.cors")

    with settings_of(production(DOMAINS)), override_settings(CORS_ALLOWED_ORIGINS=[]):
        allowed = api_request("https://myapp.com")

    assert allowed is False
    assert logged(caplog, "django_cfg.cors") == []


def test_origin_outside_cors_paths(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="django_cfg.cors")

    with settings_of(production(DOMAINS)), override_settings(CORS_URLS_REGEX=r"^/api/"):
        outside = api_request("https://front.example", path="/ping/")
        logged_outside = logged(caplog, "django_cfg.cors")
        inside = api_request("https://front.example")

    assert (outside, inside) == (False, False)
    assert logged_outside == []
    assert logged(caplog, "django_cfg.cors") == [
        ("DEBUG", ORIGIN_HINT.format("'https://front.example'")),
    ]


def test_development_origin_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="django_cfg.cors")

    with settings_of(development()):
        response = Client().get("/api/data/", HTTP_HOST="localhost", HTTP_ORIGIN="http://x.test")

    assert response["access-control-allow-origin"] == "*"
    assert logged(caplog, "django_cfg.cors") == []


def test_origin_hint_off_above_debug(
    production: ProductionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="django_cfg.cors")

    with settings_of(production(DOMAINS)):
        api_request("https://front.example")

    assert logged(caplog, "django_cfg.cors") == []
    assert "https://front.example" not in diagnostics.reported_origins
