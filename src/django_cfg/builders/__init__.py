"""Builders: pure functions from a validated DjangoConfig to Django settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django_cfg.builders.axes import build_axes_settings
from django_cfg.builders.browser import build_browser_settings
from django_cfg.builders.core import build_core_settings
from django_cfg.builders.security import build_security_settings

if TYPE_CHECKING:
    from django_cfg.config import DjangoConfig


def build_settings(config: DjangoConfig) -> dict[str, Any]:
    """Merge every builder's settings into one new dict."""
    settings: dict[str, Any] = {}
    parts = (
        build_core_settings(config),
        build_security_settings(config),
        build_axes_settings(config),
        build_browser_settings(config),
    )
    for part in parts:
        overlap = settings.keys() & part.keys()
        if overlap:
            # Each setting has one owner; two builders emitting a key is a bug here.
            raise RuntimeError(f"settings built twice: {sorted(overlap)}")
        settings.update(part)
    return settings
