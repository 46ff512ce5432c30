"""django_cfg system checks, run through the real ``manage.py check``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.checks import CheckMessage, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from django_cfg import AxesConfig, ConfigWarning, DjangoConfig, checks
from django_cfg.checks import CheckDefinition
from tests.conftest import STRONG_KEY, settings_of

ProductionFactory = Callable[..., DjangoConfig]

DOMAINS = ["myapp.com", "https://api.myapp.com", "admin.myapp.com:8443"]
ORIGINS = ["https://myapp.com", "https://api.myapp.com", "https://admin.myapp.com:8443"]
EXAMPLE = Path(__file__).resolve().parent.parent / "example"

MIDDLEWARE_WITHOUT_AXES = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
AXES_MIDDLEWARE = "axes.middleware.AxesMiddleware"


class ProjectAxesBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """A project's own subclass of axes' backend, which W006 must accept."""


@dataclass(frozen=True)
class Case:
    id: str
    deploy: bool
    changes: dict[str, Any]
    message: str
    hint: str
    deleted: tuple[str, ...] = field(default=())


CASES = [
    Case(
        "django_cfg.E001",
        True,
        {"ALLOWED_HOSTS": ["myapp.com", "*"]},
        "ALLOWED_HOSTS contains '*' while DEBUG is False, so Django accepts any Host header "
        "and builds absolute URLs, such as password reset links, from a name the client "
        "chooses.",
        "Replace '*' with the names the site serves. With django-cfg, list them in "
        "security_domains and keep the ALLOWED_HOSTS that get_all_settings() returns.",
    ),
    Case(
        "django_cfg.E002",
        True,
        {"ALLOWED_HOSTS": []},
        "ALLOWED_HOSTS is empty while DEBUG is False, so Django rejects every request with "
        "status 400 (Bad Request).",
        "List the names the site serves in ALLOWED_HOSTS. With django-cfg, list them in "
        "security_domains.",
    ),
    Case(
        "django_cfg.E003",
        False,
        {"CORS_ALLOW_ALL_ORIGINS": True},
        "CORS_ALLOW_ALL_ORIGINS and CORS_ALLOW_CREDENTIALS are both True, so "
        "django-cors-headers allows every Origin with credentials: any website can send "
        "requests with this site's cookies and read the responses.",
        "Set CORS_ALLOW_ALL_ORIGINS = False and list the front ends in CORS_ALLOWED_ORIGINS, "
        "or set CORS_ALLOW_CREDENTIALS = False. With django-cfg, list each front end once in "
        "security_domains.",
    ),
    Case(
        "django_cfg.E003",
        False,
        {"CORS_ORIGIN_ALLOW_ALL": True},
        "CORS_ORIGIN_ALLOW_ALL and CORS_ALLOW_CREDENTIALS are both True, so "
        "django-cors-headers allows every Origin with credentials: any website can send "
        "requests with this site's cookies and read the responses.",
        "Set CORS_ORIGIN_ALLOW_ALL = False and list the front ends in CORS_ALLOWED_ORIGINS, "
        "or set CORS_ALLOW_CREDENTIALS = False. With django-cfg, list each front end once in "
        "security_domains.",
        deleted=("CORS_ALLOW_ALL_ORIGINS",),
    ),
    Case(
        "django_cfg.E004",
        True,
        {"SECRET_KEY": "your-secret-key"},
        "SECRET_KEY is weak (a key of 15 characters, a placeholder key from an example or "
        "template). Whoever guesses it can forge sessions, password reset tokens and every "
        "other value that Django signs.",
        "Replace SECRET_KEY with a random key of at least 50 characters with at least 5 "
        "distinct characters, not starting with 'django-insecure-'. Read it from the "
        'environment, and generate one with: python -c "from django.core.management.utils '
        'import get_random_secret_key; print(get_random_secret_key())"',
    ),
    Case(
        "django_cfg.E004",
        True,
        {"SECRET_KEY": ""},
        "SECRET_KEY is weak (an empty key). Whoever guesses it can forge sessions, password "
        "reset tokens and every other value that Django signs.",
        "Replace SECRET_KEY with a random key of at least 50 characters with at least 5 "
        "distinct characters, not starting with 'django-insecure-'. Read it from the "
        'environment, and generate one with: python -c "from django.core.management.utils '
        'import get_random_secret_key; print(get_random_secret_key())"',
    ),
    Case(
        "django_cfg.E004",
        True,
        {"SECRET_KEY_FALLBACKS": [STRONG_KEY, "django-insecure-" + STRONG_KEY]},
        "SECRET_KEY_FALLBACKS[1] is weak (a key starting with 'django-insecure-'). Whoever "
        "guesses it can forge sessions, password reset tokens and every other value that "
        "Django signs.",
        "Replace SECRET_KEY_FALLBACKS[1] with a random key of at least 50 characters with at "
        "least 5 distinct characters, not starting with 'django-insecure-'. Read it from the "
        'environment, and generate one with: python -c "from django.core.management.utils '
        'import get_random_secret_key; print(get_random_secret_key())"',
    ),
    Case(
        "django_cfg.W001",
        True,
        {
            "CSRF_TRUSTED_ORIGINS": [*ORIGINS, "http://app.myapp.com", "http://localhost:3000"],
            "CORS_ALLOW_CREDENTIALS": False,
        },
        "CSRF_TRUSTED_ORIGINS contains http origins while DEBUG is False: "
        "'http://app.myapp.com'. A page served over http can be changed in transit, so a "
        "script injected into it gets the trust that CSRF_TRUSTED_ORIGINS grants.",
        "Serve those front ends over https and list them as https:// origins. With "
        "django-cfg, write them in security_domains without http://, which makes them https "
        "origins.",
    ),
    Case(
        "django_cfg.W001",
        True,
        {
            "CORS_ALLOWED_ORIGINS": [*ORIGINS, "http://a.myapp.com", "http://b.myapp.com:81"],
            "CSRF_TRUSTED_ORIGINS": [*ORIGINS, "http://a.myapp.com", "http://b.myapp.com:81"],
        },
        "CORS_ALLOWED_ORIGINS contains http origins while DEBUG is False: "
        "'http://a.myapp.com', 'http://b.myapp.com:81'. A page served over http can be "
        "changed in transit, so a script injected into it gets the trust that "
        "CORS_ALLOWED_ORIGINS grants.",
        "Serve those front ends over https and list them as https:// origins. With "
        "django-cfg, write them in security_domains without http://, which makes them https "
        "origins.",
    ),
    Case(
        "django_cfg.W002",
        True,
        {"CORS_ALLOWED_ORIGINS": [*ORIGINS, "https://app.myapp.com"]},
        "CORS_ALLOWED_ORIGINS allows credentialed requests from origins that "
        "CSRF_TRUSTED_ORIGINS does not trust: 'https://app.myapp.com'. Their POST, PUT, PATCH "
        "and DELETE requests fail Django's CSRF check with status 403 (Forbidden).",
        "Add those origins to CSRF_TRUSTED_ORIGINS, or remove them from CORS_ALLOWED_ORIGINS. "
        "With django-cfg, list each front end once in security_domains.",
    ),
    Case(
        "django_cfg.W002",
        True,
        {
            "CSRF_TRUSTED_ORIGINS": [*ORIGINS, "https://*.shop.com"],
            "CORS_ALLOWED_ORIGINS": [
                *ORIGINS,
                "https://app.shop.com",
                "https://app.shop.com:8443",
            ],
            "CORS_ALLOWED_ORIGIN_REGEXES": [r"^https://(?:[a-z0-9-]+\.)*shop\.com\Z"],
        },
        "CORS_ALLOWED_ORIGINS allows credentialed requests from origins that "
        "CSRF_TRUSTED_ORIGINS does not trust: 'https://app.shop.com:8443'. Their POST, PUT, "
        "PATCH and DELETE requests fail Django's CSRF check with status 403 (Forbidden).",
        "Add those origins to CSRF_TRUSTED_ORIGINS, or remove them from CORS_ALLOWED_ORIGINS. "
        "With django-cfg, list each front end once in security_domains.",
    ),
    Case(
        "django_cfg.W003",
        True,
        {"CSRF_TRUSTED_ORIGINS": [*ORIGINS, "https://old.myapp.com", "https://*.shop.com"]},
        "CSRF_TRUSTED_ORIGINS trusts origins that django-cors-headers does not allow while "
        "CORS_ALLOW_CREDENTIALS is True: 'https://old.myapp.com', 'https://*.shop.com'. They "
        "pass Django's CSRF origin check for unsafe requests, but browsers block their "
        "scripts from reading the responses.",
        "Remove those origins from CSRF_TRUSTED_ORIGINS if they are no longer front ends of "
        "this site, or add them to CORS_ALLOWED_ORIGINS. With django-cfg, list each front end "
        "once in security_domains.",
    ),
    Case(
        "django_cfg.W004",
        True,
        {"SECURE_HSTS_SECONDS": 3600, "SECURE_HSTS_INCLUDE_SUBDOMAINS": False},
        "SECURE_HSTS_PRELOAD is True, but SECURE_HSTS_SECONDS is 3600 and "
        "SECURE_HSTS_INCLUDE_SUBDOMAINS is False. The HSTS preload list (hstspreload.org) "
        "accepts a domain only with a max-age of at least 31536000 seconds and "
        "includeSubDomains, so browsers still reach this site over http on a first visit.",
        "Set SECURE_HSTS_SECONDS to at least 31536000 and SECURE_HSTS_INCLUDE_SUBDOMAINS = "
        "True, or set SECURE_HSTS_PRELOAD = False.",
    ),
    Case(
        "django_cfg.W005",
        True,
        {"SECURE_SSL_REDIRECT": True, "SECURE_PROXY_SSL_HEADER": None},
        "SECURE_SSL_REDIRECT is True, but SECURE_PROXY_SSL_HEADER is not set. Behind a "
        "reverse proxy that terminates TLS, Django treats every request as http and redirects "
        "it to https again, without end.",
        "If a proxy terminates TLS and overwrites X-Forwarded-Proto on every request, set "
        "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https'). If Django itself "
        "serves https, add 'django_cfg.W005' to SILENCED_SYSTEM_CHECKS.",
    ),
    Case(
        "django_cfg.W006",
        False,
        {
            "AUTHENTICATION_BACKENDS": [
                "django.contrib.auth.backends.ModelBackend",
                "axes.backends.AxesStandaloneBackend",
            ]
        },
        "django-axes is installed, but the first entry of AUTHENTICATION_BACKENDS is "
        "'django.contrib.auth.backends.ModelBackend', not an axes backend. Django tries the "
        "backends in order, so a locked-out client that sends the right password is logged "
        "in before axes can reject it.",
        "Put 'axes.backends.AxesStandaloneBackend' first in AUTHENTICATION_BACKENDS, before "
        "the project's own backends.",
    ),
    Case(
        "django_cfg.W007",
        False,
        {"MIDDLEWARE": MIDDLEWARE_WITHOUT_AXES},
        "django-axes is installed, but 'axes.middleware.AxesMiddleware' is not in MIDDLEWARE, "
        "so a locked-out client gets the login form's usual error instead of the lockout "
        "response.",
        "Add 'axes.middleware.AxesMiddleware' as the last entry of MIDDLEWARE.",
    ),
    Case(
        "django_cfg.W008",
        False,
        {
            "MIDDLEWARE": [
                *MIDDLEWARE_WITHOUT_AXES[:6],
                AXES_MIDDLEWARE,
                *MIDDLEWARE_WITHOUT_AXES[6:],
            ]
        },
        "'axes.middleware.AxesMiddleware' is not the last entry of MIDDLEWARE, so the lockout "
        "response it returns skips the middleware listed after it: "
        "'django.contrib.messages.middleware.MessageMiddleware', "
        "'django.middleware.clickjacking.XFrameOptionsMiddleware'.",
        "Move 'axes.middleware.AxesMiddleware' to the end of MIDDLEWARE.",
    ),
]


def run_check(*arguments: str) -> str:
    """Run ``manage.py check`` in this process; return its report, errors included."""
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("check", *arguments, stdout=stdout, stderr=stderr, no_color=True)
    except SystemCheckError as error:
        return str(error)
    return stdout.getvalue() + stderr.getvalue()


def reported_ids(output: str) -> set[str]:
    return set(re.findall(r"\((django_cfg\.[EW]\d{3})\)", output))


def message_ids(messages: list[CheckMessage]) -> set[str]:
    return {m.id for m in messages if m.id is not None and m.id.startswith("django_cfg.")}


@contextmanager
def changed(
    config: DjangoConfig, changes: dict[str, Any], deleted: tuple[str, ...] = ()
) -> Iterator[None]:
    """Apply a config's settings, then ``changes`` and the deletion of ``deleted`` on top."""
    with settings_of(config), override_settings(**changes):
        for name in deleted:
            delattr(settings, name)
        yield


def case_name(case: Case) -> str:
    return f"{case.id}-{sorted(case.changes)[0]}"


@pytest.mark.parametrize("case", CASES, ids=case_name)
def test_check_reports_bad_setting(production: ProductionFactory, case: Case) -> None:
    with changed(production(DOMAINS), case.changes, case.deleted):
        output = run_check("--deploy")

    assert f"?: ({case.id}) {case.message}\n\tHINT: {case.hint}\n" in output
    assert reported_ids(output) == {case.id}


@pytest.mark.parametrize("case", CASES, ids=case_name)
def test_check_deploy_flag(production: ProductionFactory, case: Case) -> None:
    with changed(production(DOMAINS), case.changes, case.deleted):
        output = run_check()

    expected = set() if case.deploy else {case.id}
    assert reported_ids(output) == expected


def test_check_errors_fail_command(production: ProductionFactory) -> None:
    case = CASES[0]

    with changed(production(DOMAINS), case.changes), pytest.raises(SystemCheckError) as raised:
        call_command("check", "--deploy", stdout=StringIO(), no_color=True)

    assert str(raised.value) == (
        "SystemCheckError: System check identified some issues:\n\nERRORS:\n"
        f"?: (django_cfg.E001) {case.message}\n\tHINT: {case.hint}\n\n"
        "System check identified 1 issue (1 silenced)."
    )


def test_check_never_shows_key(production: ProductionFactory) -> None:
    key = "changeme-" + STRONG_KEY
    case = Case("django_cfg.E004", True, {"SECRET_KEY": key}, "", "")

    with changed(production(DOMAINS), case.changes, case.deleted):
        output = run_check("--deploy")

    assert "(django_cfg.E004) SECRET_KEY is weak (a placeholder key from an example" in output
    assert key not in output
    assert STRONG_KEY not in output


#: For each check, production settings built by DjangoConfig that come close to
#: what the check reports, with changes on top that it must accept.
SILENT_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("django_cfg.E001", {}, {}),
    ("django_cfg.E001", {"security_domains": ["*.myapp.com"]}, {}),
    ("django_cfg.E002", {}, {}),
    ("django_cfg.E003", {}, {}),
    ("django_cfg.E003", {}, {"CORS_ALLOW_ALL_ORIGINS": True, "CORS_ALLOW_CREDENTIALS": False}),
    ("django_cfg.E004", {}, {}),
    ("django_cfg.E004", {}, {"SECRET_KEY_FALLBACKS": [STRONG_KEY[::-1]]}),
    ("django_cfg.W001", {}, {}),
    (
        "django_cfg.W001",
        {},
        {
            "CORS_ALLOWED_ORIGINS": [*ORIGINS, "http://localhost:3000", "http://[::1]:8000"],
            "CSRF_TRUSTED_ORIGINS": [*ORIGINS, "http://localhost:3000", "http://[::1]:8000"],
        },
    ),
    (
        "django_cfg.W001",
        {},
        {
            "CORS_ALLOWED_ORIGINS": [*ORIGINS, "http://127.0.0.1:5173", "http://app.localhost"],
            "CSRF_TRUSTED_ORIGINS": [*ORIGINS, "http://127.0.0.1:5173", "http://app.localhost"],
        },
    ),
    ("django_cfg.W002", {}, {}),
    ("django_cfg.W002", {"security_domains": ["shop.com", "*.shop.com", "[::1]:8443"]}, {}),
    (
        "django_cfg.W002",
        {"security_domains": ["*.shop.com"]},
        {"CORS_ALLOWED_ORIGINS": ["https://app.shop.com", "https://shop.com"]},
    ),
    ("django_cfg.W003", {}, {}),
    ("django_cfg.W003", {"security_domains": ["*.shop.com", "bücher.de"]}, {}),
    ("django_cfg.W003", {}, {"CORS_ALLOW_CREDENTIALS": False}),
    ("django_cfg.W004", {}, {}),
    ("django_cfg.W004", {"hsts_seconds": 3600, "hsts_preload": False}, {}),
    ("django_cfg.W005", {}, {}),
    ("django_cfg.W005", {"ssl_redirect": True}, {}),
    ("django_cfg.W006", {}, {}),
    (
        "django_cfg.W006",
        {"authentication_backends": ["django.contrib.auth.backends.RemoteUserBackend"]},
        {},
    ),
    (
        "django_cfg.W006",
        {},
        {"AUTHENTICATION_BACKENDS": ["tests.test_checks.ProjectAxesBackend"]},
    ),
    ("django_cfg.W007", {}, {}),
    ("django_cfg.W007", {}, {"MIDDLEWARE": MIDDLEWARE_WITHOUT_AXES, "AXES_ENABLED": False}),
    ("django_cfg.W008", {}, {}),
    (
        "django_cfg.W008",
        {},
        {
            "MIDDLEWARE": [
                "django.middleware.gzip.GZipMiddleware",
                *MIDDLEWARE_WITHOUT_AXES,
                AXES_MIDDLEWARE,
            ]
        },
    ),
]


@pytest.mark.parametrize(("check_id", "fields", "changes"), SILENT_CASES)
def test_check_silent_production(
    production: ProductionFactory, check_id: str, fields: dict[str, Any], changes: dict[str, Any]
) -> None:
    fields = dict(fields)
    config = production(fields.pop("security_domains", DOMAINS), **fields)

    with changed(config, changes):
        output = run_check("--deploy", "--fail-level", "WARNING")

    assert check_id not in output
    assert reported_ids(output) == set()


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"ssl_redirect": True},
        {"security_domains": ["*.shop.com", "shop.com:8443", "[::1]:8443", "bücher.de"]},
        {"hsts_seconds": 63072000},
        {"hsts_include_subdomains": False, "hsts_preload": False},
        {"axes": AxesConfig(enabled=False)},
        {"cors_allow_headers": ["X-API-Key"], "x_frame_options": "SAMEORIGIN"},
    ],
)
def test_check_deploy_production_clean(
    production: ProductionFactory, fields: dict[str, Any]
) -> None:
    fields = dict(fields)
    config = production(fields.pop("security_domains", DOMAINS), **fields)
    installed_apps = config.get_all_settings()["INSTALLED_APPS"]

    # INSTALLED_APPS follows the config here, so a config without axes has none.
    with settings_of(config), override_settings(INSTALLED_APPS=installed_apps):
        messages = run_checks(include_deployment_checks=True)

    assert message_ids(messages) == set()


@pytest.mark.parametrize(
    "fields", [{"debug": True}, {"debug": True, "security_domains": ["a.io"]}]
)
def test_check_development_clean(fields: dict[str, Any]) -> None:
    config = DjangoConfig(secret_key=STRONG_KEY, **fields)

    with settings_of(config):
        output = run_check("--deploy")

    assert reported_ids(output) == set()


ALL_IDS = [
    "django_cfg.E001",
    "django_cfg.E002",
    "django_cfg.E003",
    "django_cfg.E004",
    "django_cfg.W001",
    "django_cfg.W002",
    "django_cfg.W003",
    "django_cfg.W004",
    "django_cfg.W005",
    "django_cfg.W006",
    "django_cfg.W007",
    "django_cfg.W008",
]

#: Two sets of changes that together trigger every check. Some checks exclude
#: each other: an empty or a wildcard ALLOWED_HOSTS, a missing or a misplaced
#: AxesMiddleware, and allow-all CORS or lists of origins.
BROKEN = [
    {
        "ALLOWED_HOSTS": ["*"],
        "CORS_ALLOW_ALL_ORIGINS": True,
        "SECRET_KEY": "short",
        "MIDDLEWARE": MIDDLEWARE_WITHOUT_AXES,
        "AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend"],
    },
    {
        "ALLOWED_HOSTS": [],
        "CORS_ALLOWED_ORIGINS": ["http://app.myapp.com"],
        "CSRF_TRUSTED_ORIGINS": ["https://old.myapp.com"],
        "SECURE_HSTS_SECONDS": 60,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "MIDDLEWARE": [AXES_MIDDLEWARE, *MIDDLEWARE_WITHOUT_AXES],
    },
]


def test_check_ids_unique() -> None:
    definitions = [value for value in vars(checks).values() if isinstance(value, CheckDefinition)]
    ids = [definition.id for definition in definitions]

    assert len(ids) == len(set(ids))
    assert sorted(ids) == ALL_IDS


def test_check_ids_registered(production: ProductionFactory) -> None:
    regular: set[str] = set()
    deploy: set[str] = set()

    for changes in BROKEN:
        with settings_of(production(DOMAINS)), override_settings(**changes):
            regular |= message_ids(run_checks())
            deploy |= message_ids(run_checks(include_deployment_checks=True))

    assert sorted(deploy) == ALL_IDS
    assert sorted(regular) == [
        "django_cfg.E003",
        "django_cfg.W006",
        "django_cfg.W007",
        "django_cfg.W008",
    ]


BROKEN_SETTINGS = """\
from example_site.settings import *  # noqa: F403

ALLOWED_HOSTS = ["*"]
CORS_ALLOW_ALL_ORIGINS = True
CSRF_TRUSTED_ORIGINS = ["http://app.example.com"]
SECURE_HSTS_SECONDS = 3600
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = None
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "axes.backends.AxesStandaloneBackend",
]
MIDDLEWARE = [*MIDDLEWARE, "django.contrib.admindocs.middleware.XViewMiddleware"]
"""

BROKEN_REPORT = """\
SystemCheckError: System check identified some issues:

ERRORS:
?: (django_cfg.E001) ALLOWED_HOSTS contains '*' while DEBUG is False, so Django accepts \
any Host header and builds absolute URLs, such as password reset links, from a name the \
client chooses.
\tHINT: Replace '*' with the names the site serves. With django-cfg, list them in \
security_domains and keep the ALLOWED_HOSTS that get_all_settings() returns.
?: (django_cfg.E003) CORS_ALLOW_ALL_ORIGINS and CORS_ALLOW_CREDENTIALS are both True, so \
django-cors-headers allows every Origin with credentials: any website can send requests \
with this site's cookies and read the responses.
\tHINT: Set CORS_ALLOW_ALL_ORIGINS = False and list the front ends in CORS_ALLOWED_ORIGINS, \
or set CORS_ALLOW_CREDENTIALS = False. With django-cfg, list each front end once in \
security_domains.

WARNINGS:
?: (django_cfg.W001) CSRF_TRUSTED_ORIGINS contains http origins while DEBUG is False: \
'http://app.example.com'. A page served over http can be changed in transit, so a script \
injected into it gets the trust that CSRF_TRUSTED_ORIGINS grants.
\tHINT: Serve those front ends over https and list them as https:// origins. With \
django-cfg, write them in security_domains without http://, which makes them https origins.
?: (django_cfg.W004) SECURE_HSTS_PRELOAD is True, but SECURE_HSTS_SECONDS is 3600. The HSTS \
preload list (hstspreload.org) accepts a domain only with a max-age of at least 31536000 \
seconds and includeSubDomains, so browsers still reach this site over http on a first visit.
\tHINT: Set SECURE_HSTS_SECONDS to at least 31536000 and SECURE_HSTS_INCLUDE_SUBDOMAINS = \
True, or set SECURE_HSTS_PRELOAD = False.
?: (django_cfg.W005) SECURE_SSL_REDIRECT is True, but SECURE_PROXY_SSL_HEADER is not set. \
Behind a reverse proxy that terminates TLS, Django treats every request as http and redirects \
it to https again, without end.
\tHINT: If a proxy terminates TLS and overwrites X-Forwarded-Proto on every request, set \
SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https'). If Django itself serves \
https, add 'django_cfg.W005' to SILENCED_SYSTEM_CHECKS.
?: (django_cfg.W006) django-axes is installed, but the first entry of \
AUTHENTICATION_BACKENDS is 'django.contrib.auth.backends.ModelBackend', not an axes \
backend. Django tries the backends in order, so a locked-out client that sends the right \
password is logged in before axes can reject it.
\tHINT: Put 'axes.backends.AxesStandaloneBackend' first in AUTHENTICATION_BACKENDS, before \
the project's own backends.
?: (django_cfg.W008) 'axes.middleware.AxesMiddleware' is not the last entry of MIDDLEWARE, \
so the lockout response it returns skips the middleware listed after it: \
'django.contrib.admindocs.middleware.XViewMiddleware'.
\tHINT: Move 'axes.middleware.AxesMiddleware' to the end of MIDDLEWARE.

System check identified 7 issues (0 silenced).
"""


def test_broken_settings_fail_deploy_check(tmp_path: Path) -> None:
    (tmp_path / "broken_settings.py").write_text(BROKEN_SETTINGS)
    variables = {
        name: value
        for name, value in os.environ.items()
        if name not in ("ENVIRONMENT", "ENV", "PYTHONPATH")
    }
    variables.update(
        DJANGO_ENV="production",
        SECRET_KEY=STRONG_KEY,
        DJANGO_SETTINGS_MODULE="broken_settings",
        PYTHONPATH=str(tmp_path),
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=EXAMPLE,
        env=variables,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.stdout == ""
    assert result.stderr == BROKEN_REPORT
    assert result.returncode == 1


def test_development_deploy_reports() -> None:
    with pytest.warns(ConfigWarning):
        config = DjangoConfig(secret_key="your-secret-key")

    with settings_of(config):
        regular = run_check()
        deploy = run_check("--deploy")

    assert config.mode == "development"
    assert reported_ids(regular) == set()
    assert reported_ids(deploy) == {"django_cfg.E001", "django_cfg.E004"}


def test_explicit_http_domain_reported(production: ProductionFactory) -> None:
    with settings_of(production(["myapp.com", "http://legacy.myapp.com"])):
        output = run_check("--deploy")

    assert reported_ids(output) == {"django_cfg.W001"}
    for setting in ("CORS_ALLOWED_ORIGINS", "CSRF_TRUSTED_ORIGINS"):
        assert (
            f"?: (django_cfg.W001) {setting} contains http origins while DEBUG is False: "
            "'http://legacy.myapp.com'. A page served over http"
        ) in output
