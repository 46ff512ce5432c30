"""Login attempts per second under a brute-force run, with each django-axes handler.

Each attempt is a real POST of the login form (with its CSRF token) through
Django's WSGI handler and the full production middleware stack, in the same
process: no socket is involved. The client address reaches axes the way it does
behind the example's proxy: REMOTE_ADDR is 127.0.0.1, a trusted proxy, and the
client is the last X-Forwarded-For entry.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import wsgi_client
from measure import ChildEnvironment, NotMeasured, Summary, summarize
from redis_server import RedisServer

LOGIN_PATH = "/accounts/login/"
USERNAME = "admin"
PASSWORD = "correct horse battery staple"  # noqa: S105 (no attempt sends it)
#: The status of axes' lockout response (its default AXES_HTTP_RESPONSE_CODE).
LOCKED_OUT = 429
DATABASE_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
CACHE_HANDLER = "axes.handlers.cache.AxesCacheHandler"
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@dataclass(frozen=True)
class Scenario:
    label: str
    distinct_addresses: bool
    #: The only password hasher, or None for Django's default list (PBKDF2 first).
    password_hasher: str | None


ONE_ADDRESS = Scenario("one client address, Django's default hasher (PBKDF2)", False, None)
MANY_ADDRESSES = Scenario("a new client address per attempt, MD5 hasher", True, FAST_HASHER)
SCENARIOS = (ONE_ADDRESS, MANY_ADDRESSES)

HANDLERS = ("database (SQLite)", "cache (Redis)")

MIGRATE_CODE = """
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
get_user_model().objects.create_user({username!r})
"""

CHILD_CODE = "import logins; logins.attempt_logins({count}, {distinct})"


@dataclass(frozen=True)
class LoginRun:
    """Measurements of one child process: the whole run and each attempt."""

    handler: str
    failure_limit: int
    elapsed: float
    cpu: float
    latencies: list[float]
    statuses: list[int]

    @property
    def rate(self) -> float:
        return len(self.statuses) / self.elapsed


@dataclass(frozen=True)
class LoginResult:
    scenario: Scenario
    handler: str
    attempts: int
    failure_limit: int
    rates: Summary
    cpu_rates: Summary
    #: Attempts up to the failure limit, whose passwords were checked.
    checked_latency: Summary
    #: Later attempts from a locked-out address, refused before the password check.
    locked_latency: Summary | None
    status_counts: dict[int, int]


def attempt_logins(count: int, distinct_addresses: bool) -> None:
    """Child process: send ``count`` wrong passwords and print what happened as JSON."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application

    user = get_user_model().objects.get(username=USERNAME)
    user.set_password(PASSWORD)  # hashed with the first of PASSWORD_HASHERS
    user.save()
    if settings.AXES_HANDLER == CACHE_HANDLER:
        cache.clear()
    application = get_wsgi_application()
    token = _csrf_token(application)

    latencies, statuses = [], []
    started, cpu_started = time.perf_counter(), time.process_time()
    for attempt in range(count):
        client = _client_address(attempt if distinct_addresses else 0)
        environ = wsgi_client.make_environ(
            "POST",
            LOGIN_PATH,
            headers={
                "HTTP_HOST": "example.com",
                "HTTP_COOKIE": f"csrftoken={token}",
                "HTTP_X_FORWARDED_FOR": client,
            },
            body=urlencode(
                {
                    "username": USERNAME,
                    "password": f"guess-{attempt}",
                    "csrfmiddlewaretoken": token,
                }
            ).encode(),
        )
        sent = time.perf_counter()
        response = wsgi_client.call(application, environ)
        latencies.append((time.perf_counter() - sent) * 1000)
        statuses.append(response.status)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started

    run = {
        "handler": settings.AXES_HANDLER,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "elapsed": elapsed,
        "cpu": cpu,
        "latencies": latencies,
        "statuses": statuses,
    }
    print(json.dumps(run))


def _csrf_token(application: wsgi_client.WSGIApplication) -> str:
    environ = wsgi_client.make_environ("GET", LOGIN_PATH, headers={"HTTP_HOST": "example.com"})
    response = wsgi_client.call(application, environ)
    cookies: SimpleCookie = SimpleCookie()
    for name, value in response.headers:
        if name.lower() == "set-cookie":
            cookies.load(value)
    if response.status != 200 or "csrftoken" not in cookies:
        raise RuntimeError(f"GET {LOGIN_PATH} returned {response.status} without a CSRF cookie")
    return cookies["csrftoken"].value


def _client_address(number: int) -> str:
    """Return a distinct loopback address for each number below 65,000."""
    return f"127.1.{number // 250}.{number % 250 + 1}"


def compare_handlers(
    env: ChildEnvironment, directory: Path, rounds: int, count: int
) -> tuple[list[LoginResult], str | None]:
    """Run every scenario with both handlers.

    Return the results, and the reason why Redis was not measured or None.
    """
    template = directory / "logins-template.sqlite3"
    env.run_python(
        MIGRATE_CODE.format(username=USERNAME),
        cwd=directory,
        DJANGO_SETTINGS_MODULE="login_settings",
        BENCHMARK_DATABASE_URL=f"sqlite:///{template}",
    )

    runs: dict[tuple[Scenario, str], list[LoginRun]] = {}
    redis_skipped: str | None = None
    try:
        with RedisServer(directory) as redis:
            _run_rounds(env, directory, template, rounds, count, redis.url, runs)
    except NotMeasured as reason:
        redis_skipped = str(reason)
        _run_rounds(env, directory, template, rounds, count, None, runs)
    return [_result(scenario, handler, found) for (scenario, handler), found in runs.items()], (
        redis_skipped
    )


def _run_rounds(
    env: ChildEnvironment,
    directory: Path,
    template: Path,
    rounds: int,
    count: int,
    redis_url: str | None,
    runs: dict[tuple[Scenario, str], list[LoginRun]],
) -> None:
    handlers = HANDLERS if redis_url else HANDLERS[:1]
    for round_number in range(rounds):
        order = handlers if round_number % 2 == 0 else handlers[::-1]
        for scenario in SCENARIOS:
            for handler in order:
                cache_url = redis_url if handler == HANDLERS[1] else None
                run = _run_once(env, directory, template, scenario, count, cache_url)
                runs.setdefault((scenario, handler), []).append(run)


def _run_once(
    env: ChildEnvironment,
    directory: Path,
    template: Path,
    scenario: Scenario,
    count: int,
    cache_url: str | None,
) -> LoginRun:
    database = directory / "logins.sqlite3"
    shutil.copyfile(template, database)
    overrides = {
        "DJANGO_SETTINGS_MODULE": "login_settings",
        "BENCHMARK_DATABASE_URL": f"sqlite:///{database}",
    }
    if cache_url:
        overrides["BENCHMARK_CACHE_URL"] = cache_url
    if scenario.password_hasher:
        overrides["BENCHMARK_PASSWORD_HASHER"] = scenario.password_hasher
    code = CHILD_CODE.format(count=count, distinct=scenario.distinct_addresses)
    run = LoginRun(**json.loads(env.run_python(code, cwd=directory, **overrides).stdout))

    expected_handler = CACHE_HANDLER if cache_url else DATABASE_HANDLER
    if run.handler != expected_handler:
        raise RuntimeError(f"AXES_HANDLER is {run.handler}, expected {expected_handler}")
    locked_out = LOCKED_OUT in run.statuses
    if locked_out == scenario.distinct_addresses:
        expectation = "no lockout" if scenario.distinct_addresses else "a lockout"
        raise RuntimeError(f"{scenario.label}: expected {expectation}, got {run.statuses}")
    return run


def _result(scenario: Scenario, handler: str, runs: list[LoginRun]) -> LoginResult:
    """Summarize the runs; latencies split at the failure limit when one address is locked out."""
    checked, locked = [], []
    for run in runs:
        limit = run.failure_limit if not scenario.distinct_addresses else len(run.latencies)
        checked.extend(run.latencies[:limit])
        locked.extend(run.latencies[limit:])
    return LoginResult(
        scenario=scenario,
        handler=handler,
        attempts=len(runs[0].statuses),
        failure_limit=runs[0].failure_limit,
        rates=summarize([run.rate for run in runs]),
        cpu_rates=summarize([len(run.statuses) / run.cpu for run in runs]),
        checked_latency=summarize(checked),
        locked_latency=summarize(locked) if locked else None,
        status_counts=dict(sorted(Counter(s for run in runs for s in run.statuses).items())),
    )
