"""Typed, validated Django settings whose security follows from a list of domains."""

from django_cfg.axes import AxesConfig
from django_cfg.config import DjangoConfig
from django_cfg.domains import Domain, parse_domain
from django_cfg.errors import ConfigError, ConfigWarning, Problem
from django_cfg.loading import load_config

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
