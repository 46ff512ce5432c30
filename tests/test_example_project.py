"""The example project under each environment, through its own manage.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import STRONG_KEY

EXAMPLE = Path(__file__).resolve().parent.parent / "example"


def manage(
    *arguments: str, environment: str, secret_key: str = STRONG_KEY
) -> subprocess.CompletedProcess[str]:
    variables = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "ENVIRONMENT", "ENV", "SECRET_KEY")
    }
    variables["DJANGO_ENV"] = environment
    if secret_key:
        variables["SECRET_KEY"] = secret_key
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=EXAMPLE,
        env=variables,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("environment", ["production", "staging"])
def test_check_deploy_clean(environment: str) -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)

    assert result.stderr == ""
    assert result.stdout == "System check identified no issues (1 silenced).\n"
    assert result.returncode == 0


def test_check_development_clean() -> None:
    result = manage("check", environment="development")

    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.returncode == 0


def test_production_summary() -> None:
    result = manage("security_summary", environment="production")

    assert result.returncode == 0
    assert result.stdout.splitlines()[:5] == [
        "environment: production, mode: production",
        "  DEBUG = False",
        "  ALLOWED_HOSTS = ['example.com', 'app.example.com', 'admin.example.com', "
        "'localhost', '127.0.0.1', '[::1]']",
        "  CSRF_TRUSTED_ORIGINS = ['https://example.com', 'https://app.example.com', "
        "'https://admin.example.com:8443']",
        "  CORS_ALLOWED_ORIGINS = ['https://example.com', 'https://app.example.com', "
        "'https://admin.example.com:8443']",
    ]


def test_environments_differ() -> None:
    staging = manage("security_summary", environment="staging").stdout.splitlines()
    development = manage("security_summary", environment="development").stdout.splitlines()

    assert staging[0] == "environment: staging, mode: production"
    assert (
        staging[2]
        == "  ALLOWED_HOSTS = ['staging.example.com', 'localhost', '127.0.0.1', '[::1]']"
    )
    assert development[0] == "environment: development, mode: development"
    assert development[1] == "  DEBUG = True"
    assert development[2] == "  ALLOWED_HOSTS = ['*']"


def test_settings_after_update_win() -> None:
    code = (
        "from django.conf import settings; "
        "after = settings.MIDDLEWARE.index('django.middleware.security.SecurityMiddleware') + 1; "
        "print(settings.MIDDLEWARE[after]); print(settings.LOGIN_REDIRECT_URL)"
    )
    result = manage("shell", "--verbosity", "0", "-c", code, environment="production")

    assert result.stdout == "whitenoise.middleware.WhiteNoiseMiddleware\n/\n"


def test_production_without_key_refuses_to_start() -> None:
    result = manage("check", environment="production", secret_key="")

    assert result.returncode == 1
    assert "django_cfg.errors.ConfigError: Invalid ExampleConfig (1 problem):\n" in result.stderr
    assert (
        "- secret_key (config.production.yaml, line 1, environment variable SECRET_KEY): "
        "found no value, because SECRET_KEY is not set\n"
    ) in result.stderr


def test_axes_admin_and_lockout_page() -> None:
    code = (
        "from django.conf import settings; from django.contrib import admin; "
        "from axes.models import AccessAttempt, AccessFailureLog, AccessLog; "
        "models = (AccessAttempt, AccessFailureLog, AccessLog); "
        "print([admin.site.is_registered(model) for model in models]); "
        "print(settings.AXES_LOCKOUT_TEMPLATE, settings.AXES_FAILURE_LIMIT, "
        "settings.DJANGO_CFG_TRUSTED_PROXIES)"
    )
    result = manage("shell", "--verbosity", "0", "-c", code, environment="production")

    assert result.stdout == "[True, True, True]\nportal/locked.html 5 ['127.0.0.1', '::1']\n"
