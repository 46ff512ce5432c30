"""DjangoConfig: the typed description of a Django project."""

from __future__ import annotations

import secrets
import sys
import warnings
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from django_cfg.axes import AxesConfig
from django_cfg.domains import Domain
from django_cfg.environment import (
    Environment,
    EnvironmentProblem,
    detect_environment,
    running_in_container,
)
from django_cfg.errors import ConfigError, ConfigWarning, Problem
from django_cfg.properties import PropertyFieldsMeta
from django_cfg.validation import (
    SECRET_FIELDS,
    check_config,
    invalid_fields,
    partial_axes,
    problems_from_validation_error,
    reject_property_inputs,
    weak_secret_key_warning,
)

Mode = Literal["development", "production"]

ReferrerPolicy = Literal[
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
]
CrossOriginOpenerPolicy = Literal["same-origin", "same-origin-allow-popups", "unsafe-none"]


class DjangoConfig(BaseModel, metaclass=PropertyFieldsMeta):
    """A Django project's configuration; ``get_all_settings()`` turns it into settings.

    Validation happens on construction and raises ConfigError listing every
    problem. The instance is frozen afterwards.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    __property_fields__: ClassVar[frozenset[str]] = frozenset()

    secret_key: str = ""
    debug: bool = False
    project_name: str = "Django project"
    security_domains: list[str] = Field(default_factory=list)
    ssl_redirect: bool | None = None
    cors_allow_headers: list[str] = Field(default_factory=list)

    base_dir: Path | None = None
    project_apps: list[str] = Field(default_factory=list)
    root_urlconf: str | None = None
    wsgi_application: str | None = None
    database_url: str | None = None
    cache_url: str | None = None
    time_zone: str = "UTC"
    language_code: str = "en-us"
    static_url: str = "/static/"
    static_root: Path | None = None
    staticfiles_dirs: list[Path] = Field(default_factory=list)
    template_dirs: list[Path] = Field(default_factory=list)

    hsts_seconds: int | None = Field(default=None, ge=0)
    hsts_include_subdomains: bool | None = None
    hsts_preload: bool | None = None
    content_type_nosniff: bool | None = None
    x_frame_options: Literal["DENY", "SAMEORIGIN"] | None = None
    referrer_policy: ReferrerPolicy | None = None
    cross_origin_opener_policy: CrossOriginOpenerPolicy | None = None
    container_hosts: bool | None = None
    csp_directives: dict[str, list[str]] | None = None
    csp_report_only: bool = False
    permissions_policy: dict[str, list[str]] | None = None

    axes: AxesConfig = Field(default_factory=AxesConfig)
    authentication_backends: list[str] = Field(
        default_factory=lambda: ["django.contrib.auth.backends.ModelBackend"]
    )

    _environment: Environment = PrivateAttr(default="development")
    _domains: tuple[Domain, ...] = PrivateAttr(default=())
    _generated_secret_key: str = PrivateAttr(default="")
    _in_container: bool = PrivateAttr(default=False)

    def __init__(self, **data: Any) -> None:
        problems = reject_property_inputs(type(self), data)
        environment: Environment | None = None
        try:
            environment = detect_environment()
        except EnvironmentProblem as error:
            problems.append(error.problem)

        try:
            super().__init__(**data)
        except ValidationError as error:
            problems.extend(problems_from_validation_error(error))
            problems.extend(self._check_valid_part(data, error, environment))
            raise self._error(problems) from None

        # With an unknown environment the other fields are still checked, as in
        # development, so that one error lists every problem.
        self._environment = environment or "development"
        domains, config_problems = check_config(self)
        problems.extend(config_problems)
        if problems:
            raise self._error(problems)
        self._domains = domains
        self._in_container = running_in_container()
        self._warn_about_development_key()

    @classmethod
    def _check_valid_part(
        cls, data: dict[str, Any], error: ValidationError, environment: Environment | None
    ) -> list[Problem]:
        """Check the fields that passed type validation, so one error lists every problem."""
        invalid = invalid_fields(error) | cls.__property_fields__
        valid = {name: value for name, value in data.items() if name in cls.model_fields}
        values = {name: value for name, value in valid.items() if name not in invalid}
        if "axes" in invalid and isinstance(data.get("axes"), dict):
            values["axes"] = partial_axes(data["axes"], error)
            invalid -= {"axes"}
        partial = cls.model_construct(**values)
        partial._environment = environment or "development"
        return check_config(partial, skip=invalid)[1]

    @classmethod
    def _error(cls, problems: list[Problem]) -> ConfigError:
        return ConfigError(problems, config_name=cls.__name__)

    def _warn_about_development_key(self) -> None:
        message = weak_secret_key_warning(self)
        if message is None:
            return
        if not self.secret_key:
            self._generated_secret_key = secrets.token_urlsafe(50)
        warnings.warn(message, ConfigWarning, stacklevel=3)

    @property
    def environment(self) -> Environment:
        """The detected environment: development, staging, production or test."""
        return self._environment

    @property
    def mode(self) -> Mode:
        """``production`` when debug is off and security_domains is set, else ``development``."""
        if not self.debug and self.security_domains:
            return "production"
        return "development"

    @property
    def in_container(self) -> bool:
        """Whether Docker or Kubernetes was detected when the config was validated."""
        return self._in_container

    @property
    def domains(self) -> tuple[Domain, ...]:
        """The parsed security_domains, in input order without repeats."""
        return self._domains

    def get_base_dir(self) -> Path:
        """Return ``base_dir``, else the folder of the module defining this class."""
        if self.base_dir is not None:
            return self.base_dir
        module = sys.modules.get(type(self).__module__)
        module_file = getattr(module, "__file__", None)
        if module_file is None or type(self) is DjangoConfig:
            return Path.cwd()
        return Path(module_file).resolve().parent

    def get_secret_key(self) -> str:
        """Return the key for SECRET_KEY; a random one in development when none is set."""
        return self.secret_key or self._generated_secret_key

    def get_all_settings(self) -> dict[str, Any]:
        """Return a new dict of Django settings; Django's settings are never touched."""
        from django_cfg.builders import build_settings

        return build_settings(self)

    def __repr_args__(self) -> Any:
        for name, value in super().__repr_args__():
            if name in SECRET_FIELDS and value:
                yield name, "**********"
            else:
                yield name, value
