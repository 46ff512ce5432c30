"""Typed, validated Django settings whose security follows from a list of domains."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

    from django_cfg.axes import AxesConfig
    from django_cfg.config import DjangoConfig
    from django_cfg.domains import Domain, parse_domain
    from django_cfg.errors import ConfigError, ConfigWarning, Problem
    from django_cfg.loading import load_config

# Each public name and its module, imported on first use. Django imports this
# package in every process (the app config, checks and middleware live here), and
# only a settings module that builds a DjangoConfig needs pydantic.
_MODULES = {
    "AxesConfig": "django_cfg.axes",
    "ConfigError": "django_cfg.errors",
    "ConfigWarning": "django_cfg.errors",
    "DjangoConfig": "django_cfg.config",
    "Domain": "django_cfg.domains",
    "Problem": "django_cfg.errors",
    "load_config": "django_cfg.loading",
    "parse_domain": "django_cfg.domains",
}

__all__ = [
    "AxesConfig",
    "ConfigError",
    "ConfigWarning",
    "DjangoConfig",
    "Domain",
    "Problem",
    "load_config",
    "parse_domain",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'django_cfg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES})
