"""Environment detection from DJANGO_ENV, ENVIRONMENT and ENV, and container detection."""

from pathlib import Path

import pytest

from django_cfg import ConfigError, DjangoConfig
from django_cfg.environment import (
    EnvironmentProblem,
    detect_environment,
    environment_source,
    running_in_container,
)
from django_cfg.errors import Problem
from tests.conftest import STRONG_KEY

ACCEPTED = "one of dev, development, local, prod, production, stage, staging, test, testing"

ALL_THREE = {"DJANGO_ENV": "production", "ENVIRONMENT": "staging", "ENV": "test"}


def test_django_env_first() -> None:
    assert detect_environment(ALL_THREE) == "production"


def test_environment_before_env() -> None:
    assert detect_environment({"ENVIRONMENT": "staging", "ENV": "test"}) == "staging"


def test_env_last() -> None:
    assert detect_environment({"ENV": "test"}) == "test"


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        (ALL_THREE, "DJANGO_ENV"),
        ({"ENVIRONMENT": "staging", "ENV": "test"}, "ENVIRONMENT"),
        ({"ENV": "test"}, "ENV"),
        ({"PATH": "/usr/bin"}, None),
    ],
)
def test_environment_source_order(environ: dict[str, str], variable: str | None) -> None:
    assert environment_source(environ) == variable


@pytest.mark.parametrize(
    ("value", "environment"),
    [
        ("development", "development"),
        ("dev", "development"),
        ("local", "development"),
        ("staging", "staging"),
        ("stage", "staging"),
        ("production", "production"),
        ("prod", "production"),
        ("test", "test"),
        ("testing", "test"),
        ("PROD", "production"),
        ("Staging", "staging"),
        ("  dev  ", "development"),
        ("test\n", "test"),
    ],
)
def test_environment_alias(value: str, environment: str) -> None:
    assert detect_environment({"DJANGO_ENV": value}) == environment


def test_no_variable_development() -> None:
    assert detect_environment({}) == "development"


def test_unrelated_variables_development() -> None:
    assert detect_environment({"DJANGO_SETTINGS_MODULE": "site.settings"}) == "development"


def test_reads_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENV", "stage")

    assert detect_environment() == "staging"
    assert environment_source() == "ENV"


def test_unknown_value_message() -> None:
    with pytest.raises(EnvironmentProblem) as caught:
        detect_environment({"ENVIRONMENT": "prd"})

    assert str(caught.value) == (
        "- environment (environment variable ENVIRONMENT): found 'prd'\n"
        f"    expected: {ACCEPTED}\n"
        "    fix: set ENVIRONMENT to one of the accepted names, or unset it for development"
    )


def test_unknown_value_problem() -> None:
    with pytest.raises(EnvironmentProblem) as caught:
        detect_environment({"ENV": "qa"})

    assert caught.value.problem == Problem(
        field="environment",
        source="environment variable ENV",
        found="'qa'",
        expected=ACCEPTED,
        fix="set ENV to one of the accepted names, or unset it for development",
    )


def test_unknown_value_shadows_later() -> None:
    with pytest.raises(EnvironmentProblem) as caught:
        detect_environment({"DJANGO_ENV": "live", "ENVIRONMENT": "production"})

    assert caught.value.problem.source == "environment variable DJANGO_ENV"


def test_empty_value_rejected() -> None:
    # An empty DJANGO_ENV still decides, so a production ENVIRONMENT below it
    # cannot be silently ignored.
    with pytest.raises(EnvironmentProblem) as caught:
        detect_environment({"DJANGO_ENV": "", "ENVIRONMENT": "production"})

    assert caught.value.problem.found == "''"


def test_config_unknown_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ENV", "prd")

    with pytest.raises(ConfigError) as caught:
        DjangoConfig(secret_key=STRONG_KEY, debug=False, security_domains=["myapp.com"])

    assert str(caught.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- environment (environment variable DJANGO_ENV): found 'prd'\n"
        f"    expected: {ACCEPTED}\n"
        "    fix: set DJANGO_ENV to one of the accepted names, or unset it for development"
    )


def test_config_environment_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "Prod")

    config = DjangoConfig(secret_key=STRONG_KEY, debug=False, security_domains=["myapp.com"])

    assert config.environment == "production"
    assert config._environment == "production"


def test_config_default_development() -> None:
    config = DjangoConfig(secret_key=STRONG_KEY, debug=True)

    assert config.environment == "development"


def test_container_dockerenv(tmp_path: Path) -> None:
    dockerenv = tmp_path / "dockerenv"
    dockerenv.touch()

    assert running_in_container({}, dockerenv=str(dockerenv)) is True


def test_container_kubernetes(tmp_path: Path) -> None:
    missing = tmp_path / "dockerenv"

    assert running_in_container({"KUBERNETES_SERVICE_HOST": "10.96.0.1"}, str(missing)) is True


def test_container_neither(tmp_path: Path) -> None:
    missing = tmp_path / "dockerenv"

    assert running_in_container({"PATH": "/usr/bin"}, dockerenv=str(missing)) is False


def test_container_process_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "10.96.0.1")

    assert running_in_container(dockerenv=str(tmp_path / "dockerenv")) is True
