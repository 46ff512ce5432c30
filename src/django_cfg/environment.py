"""Detection of the deployment environment from environment variables."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from django_cfg.errors import Problem

Environment = Literal["development", "staging", "production", "test"]

#: Variables read in this order; the first one that is set (even to "") decides.
ENVIRONMENT_VARIABLES = ("DJANGO_ENV", "ENVIRONMENT", "ENV")

ENVIRONMENT_ALIASES: dict[str, Environment] = {
    "development": "development",
    "dev": "development",
    "local": "development",
    "staging": "staging",
    "stage": "staging",
    "production": "production",
    "prod": "production",
    "test": "test",
    "testing": "test",
}


#: The source named in messages when environment_override() chose the environment.
OVERRIDE_SOURCE = "the environment argument"

_override: ContextVar[tuple[Environment, str] | None] = ContextVar(
    "django_cfg_environment", default=None
)


@contextmanager
def environment_override(
    environment: Environment, source: str = OVERRIDE_SOURCE
) -> Iterator[None]:
    """Make configs built inside the block use ``environment``, ignoring the variables.

    ``source`` is what messages name as the origin of the environment.
    """
    token = _override.set((environment, source))
    try:
        yield
    finally:
        _override.reset(token)


def current_override() -> tuple[Environment, str] | None:
    """Return the (environment, source) of the active environment_override(), if any."""
    return _override.get()


class EnvironmentProblem(Exception):
    """An environment variable names no known environment."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render())
        self.problem = problem


def detect_environment(environ: Mapping[str, str] | None = None) -> Environment:
    """Return the environment named by DJANGO_ENV, ENVIRONMENT or ENV.

    None of them set means development. Raise EnvironmentProblem for a value that
    is not a known name or alias. Inside environment_override(), and when no
    mapping is given, return the overriding environment.
    """
    if environ is None:
        override = _override.get()
        if override is not None:
            return override[0]
        environ = os.environ
    variable = environment_source(environ)
    if variable is None:
        return "development"
    return _parse_environment(variable, environ[variable])


def environment_source(environ: Mapping[str, str] | None = None) -> str | None:
    """Return the variable that decides the environment, or the override's source."""
    if environ is None:
        override = _override.get()
        if override is not None:
            return override[1]
        environ = os.environ
    return next((name for name in ENVIRONMENT_VARIABLES if name in environ), None)


def _parse_environment(variable: str, value: str) -> Environment:
    environment = ENVIRONMENT_ALIASES.get(value.strip().lower())
    if environment is not None:
        return environment
    accepted = ", ".join(sorted(ENVIRONMENT_ALIASES))
    raise EnvironmentProblem(
        Problem(
            field="environment",
            source=f"environment variable {variable}",
            found=repr(value),
            expected=f"one of {accepted}",
            fix=f"set {variable} to one of the accepted names, or unset it for development",
        )
    )


def running_in_container(
    environ: Mapping[str, str] | None = None, dockerenv: str = "/.dockerenv"
) -> bool:
    """Return True inside Docker (``/.dockerenv`` exists) or Kubernetes."""
    if environ is None:
        environ = os.environ
    return "KUBERNETES_SERVICE_HOST" in environ or os.path.exists(dockerenv)
