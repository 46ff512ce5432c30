"""Shared fixtures: building configs and applying their settings to real requests."""

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core import checks
from django.test import override_settings

from django_cfg import DjangoConfig

#: A key that passes every strength rule; used wherever production mode is built.
STRONG_KEY = "prod-test-Vq8#Lm2@Xw5$Rt9^Zk1&Np4*Hd7(Bs3)Jf6!Gc0%Ya"

#: Settings that stay as the test project set them: swapping apps or databases
#: inside a test would reload the app registry or lose the test database.
KEPT_SETTINGS = frozenset({"INSTALLED_APPS", "DATABASES", "ROOT_URLCONF"})

BLOCKING_LEVEL = checks.ERROR


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start every test with no environment selection and no container markers."""
    for variable in ("DJANGO_ENV", "ENVIRONMENT", "ENV", "KUBERNETES_SERVICE_HOST"):
        monkeypatch.delenv(variable, raising=False)


@contextmanager
def settings_of(config: DjangoConfig) -> Iterator[dict[str, Any]]:
    """Apply ``config``'s settings for the block and fail on any system check error."""
    generated = config.get_all_settings()
    applied = {key: value for key, value in generated.items() if key not in KEPT_SETTINGS}
    with override_settings(**applied):
        errors = [m for m in checks.run_checks() if m.level >= BLOCKING_LEVEL]
        assert errors == []
        yield generated


@pytest.fixture
def production() -> Callable[..., DjangoConfig]:
    """Return a factory of production configs with a strong key and no container rule."""

    def build(domains: list[str], **fields: Any) -> DjangoConfig:
        fields.setdefault("container_hosts", False)
        return DjangoConfig(secret_key=STRONG_KEY, debug=False, security_domains=domains, **fields)

    return build


EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "example"


@pytest.fixture(scope="session")
def example_static_files() -> Path:
    """Collect the example's static files, as a deployment does before serving.

    WhiteNoise warns at start-up when STATIC_ROOT does not exist yet, and tests
    that compare the example's output exactly would see that warning.
    """
    variables = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    variables["DJANGO_ENV"] = "development"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=EXAMPLE_DIR,
        env=variables,
        capture_output=True,
        timeout=180,
        check=True,
    )
    return EXAMPLE_DIR / "staticfiles"
