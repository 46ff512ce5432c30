"""Two gunicorn instances of the example sharing PostgreSQL and Redis: lockouts hold across both.

The servers come from ``scripts/services run``, which sets
DJANGO_CFG_TEST_POSTGRES_URL and DJANGO_CFG_TEST_REDIS_URL; .ci/run uses it.
Without them these tests skip and name what is missing.

The demo configuration believes X-Forwarded-For from a loopback peer, one proxy
deep, as if nginx on the machine forwarded each request. Each test sends its
own client address that way, so the tests do not lock each other out.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
import pytest
import redis

from tests.browser.example_server import LOOPBACK, ExampleSite, write_config_dir

POSTGRES_VARIABLE = "DJANGO_CFG_TEST_POSTGRES_URL"
REDIS_VARIABLE = "DJANGO_CFG_TEST_REDIS_URL"
MISSING_VARIABLE = "DJANGO_CFG_TEST_SERVICES_MISSING"

USERNAME = "alice"
PASSWORD = "multi-server-Rw7!kP3#xN9"
#: The production default of django-axes' failure limit; the example sets none.
FAILURE_LIMIT = 5
#: django-axes' default status of a lockout response (AXES_HTTP_RESPONSE_CODE).
LOCKED_STATUS = 429
#: The Redis database that the tests' cache uses; it is emptied before each site pair starts.
REDIS_DATABASE = 1

LOGIN_ERROR = "Please enter a correct username and password."
LOCKOUT_HEADING = "<h1>Too many failed logins</h1>"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")


@dataclass(frozen=True)
class Services:
    postgres_url: str
    redis_url: str


@dataclass(frozen=True)
class LoginResult:
    status: int
    location: str | None
    body: str


def services_or_skip() -> Services:
    postgres_url = os.environ.get(POSTGRES_VARIABLE)
    redis_url = os.environ.get(REDIS_VARIABLE)
    if postgres_url and redis_url:
        return Services(postgres_url, redis_url)
    reason = os.environ.get(MISSING_VARIABLE) or (
        f"{POSTGRES_VARIABLE} and {REDIS_VARIABLE} are not set; "
        "run `make test`, which starts PostgreSQL and Redis on 127.0.0.1 "
        "(Debian packages postgresql and redis-server)"
    )
    pytest.skip(f"the multi-server tests need PostgreSQL and Redis: {reason}")


def with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@pytest.fixture(scope="module")
def services() -> Services:
    return services_or_skip()


@contextmanager
def new_database(services: Services) -> Iterator[str]:
    """Create an empty PostgreSQL database; yield its URL and drop it afterwards."""
    name = f"django_cfg_multi_server_{secrets.token_hex(4)}"
    with psycopg.connect(services.postgres_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_path(services.postgres_url, f"/{name}")
    finally:
        with psycopg.connect(services.postgres_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@dataclass
class SitePair:
    first: ExampleSite
    second: ExampleSite


@pytest.fixture(scope="module", params=["cache", "database"])
def sites(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    services: Services,
) -> Iterator[SitePair]:
    """Start two instances of the example on a new database and an emptied cache.

    With "cache", django-axes keeps its failure counts in the Redis cache; with
    "database", in PostgreSQL.
    """
    handler: str = request.param
    folder = tmp_path_factory.mktemp(f"multi-server-{handler}")
    (folder / "static").mkdir()
    redis_url = with_path(services.redis_url, f"/{REDIS_DATABASE}")
    redis.Redis.from_url(redis_url).flushdb()

    with new_database(services) as database_url:
        config_dir = write_config_dir(
            folder / "config",
            extra_domains=[],
            production={
                "database_url": database_url,
                "cache_url": redis_url,
                "static_root": str(folder / "static"),
                "axes": {"cache_name": "default"} if handler == "cache" else {},
            },
        )
        first = ExampleSite(config_dir, folder / "first.log")
        second = ExampleSite(config_dir, folder / "second.log")
        first.manage("migrate", "--no-input", "--verbosity", "0")
        first.manage(
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from django.contrib.auth.models import User; "
            f"User.objects.create_user({USERNAME!r}, password={PASSWORD!r})",
        )
        try:
            first.start()
            second.start()
            yield SitePair(first, second)
        finally:
            second.stop()
            first.stop()


def log_in(site: ExampleSite, client: str, password: str) -> LoginResult:
    """Send the login form to ``site`` as ``client``, as a browser behind the proxy would."""
    forwarded = {"X-Forwarded-For": client}
    page = request(site, "GET", "/accounts/login/", headers=forwarded)
    assert page.status == 200, page.body
    token = CSRF_INPUT.search(page.body)
    assert token is not None
    cookie = CSRF_COOKIE.search(page.cookies)
    assert cookie is not None

    form = urlencode(
        {"username": USERNAME, "password": password, "csrfmiddlewaretoken": token.group(1)}
    )
    headers = {
        **forwarded,
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie.group(1)}",
        "Origin": site.url,
    }
    response = request(site, "POST", "/accounts/login/", headers=headers, body=form)
    return LoginResult(response.status, response.location, response.body)


@dataclass(frozen=True)
class Response:
    status: int
    location: str | None
    cookies: str
    body: str


def request(
    site: ExampleSite, method: str, path: str, headers: dict[str, str], body: str | None = None
) -> Response:
    connection = http.client.HTTPConnection(LOOPBACK, site.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Response(
            status=response.status,
            location=response.getheader("Location"),
            cookies="; ".join(response.headers.get_all("Set-Cookie") or []),
            body=response.read().decode(),
        )
    finally:
        connection.close()


def assert_failed(result: LoginResult, attempt: int) -> None:
    assert (attempt, result.status) == (attempt, 200)
    assert LOGIN_ERROR in result.body


def assert_locked(result: LoginResult) -> None:
    assert result.status == LOCKED_STATUS
    assert LOCKOUT_HEADING in result.body
    assert f"After {FAILURE_LIMIT} failed attempts" in result.body


def test_failures_on_both_servers_lock_at_limit(sites: SitePair) -> None:
    client = "127.0.0.10"
    servers = [sites.first, sites.second]
    for attempt in range(1, FAILURE_LIMIT):
        assert_failed(log_in(servers[attempt % 2], client, "wrong-password"), attempt)

    last = log_in(servers[FAILURE_LIMIT % 2], client, "wrong-password")

    assert_locked(last)
    assert_locked(log_in(sites.first, client, PASSWORD))
    assert_locked(log_in(sites.second, client, PASSWORD))


def test_other_client_not_locked(sites: SitePair) -> None:
    locked, other = "127.0.0.11", "127.0.0.12"
    for attempt in range(FAILURE_LIMIT):
        log_in([sites.first, sites.second][attempt % 2], locked, "wrong-password")
    assert_locked(log_in(sites.first, locked, PASSWORD))

    result = log_in(sites.second, other, PASSWORD)

    assert (result.status, result.location) == (302, "/")


def test_lock_survives_restart(sites: SitePair) -> None:
    client = "127.0.0.13"
    for attempt in range(1, FAILURE_LIMIT):
        server = [sites.first, sites.second][attempt % 2]
        assert_failed(log_in(server, client, "wrong-password"), attempt)
    assert_locked(log_in(sites.second, client, "wrong-password"))

    sites.second.restart()

    assert_locked(log_in(sites.second, client, PASSWORD))
    assert_locked(log_in(sites.first, client, PASSWORD))


def test_failures_below_limit_survive_restart(sites: SitePair) -> None:
    client = "127.0.0.14"
    for attempt in range(1, FAILURE_LIMIT):
        assert_failed(log_in(sites.first, client, "wrong-password"), attempt)

    sites.first.restart()

    assert_locked(log_in(sites.second, client, "wrong-password"))
