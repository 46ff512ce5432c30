"""Settings every Django project needs: apps, middleware, templates, databases."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import dj_database_url

from django_cfg.builders.axes import axes_apps, axes_middleware
from django_cfg.builders.browser import browser_middleware, csp_context_processor
from django_cfg.builders.security import host_middleware
from django_cfg.cache_url import parse_cache_url

if TYPE_CHECKING:
    from django_cfg.config import DjangoConfig

DJANGO_APPS = (
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
)

PASSWORD_VALIDATORS = (
    "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    "django.contrib.auth.password_validation.MinimumLengthValidator",
    "django.contrib.auth.password_validation.CommonPasswordValidator",
    "django.contrib.auth.password_validation.NumericPasswordValidator",
)


def build_core_settings(config: DjangoConfig) -> dict[str, Any]:
    base_dir = config.get_base_dir()
    settings: dict[str, Any] = {
        "DEBUG": config.debug,
        "SECRET_KEY": config.get_secret_key(),
        "INSTALLED_APPS": installed_apps(config),
        "MIDDLEWARE": middleware(config),
        "TEMPLATES": templates(config, base_dir),
        "DATABASES": {"default": database(config, base_dir)},
        "AUTH_PASSWORD_VALIDATORS": [{"NAME": name} for name in PASSWORD_VALIDATORS],
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "LANGUAGE_CODE": config.language_code,
        "TIME_ZONE": config.time_zone,
        "USE_I18N": True,
        "USE_TZ": True,
        "STATIC_URL": config.static_url,
        "STATIC_ROOT": str(base_dir / (config.static_root or "staticfiles")),
        "STATICFILES_DIRS": [str(base_dir / path) for path in config.staticfiles_dirs],
    }
    if config.root_urlconf is not None:
        settings["ROOT_URLCONF"] = config.root_urlconf
    if config.wsgi_application is not None:
        settings["WSGI_APPLICATION"] = config.wsgi_application
    if config.cache_url is not None:
        settings["CACHES"] = {"default": parse_cache_url(config.cache_url)}
    return settings


def installed_apps(config: DjangoConfig) -> list[str]:
    """Return Django's contrib apps, corsheaders, django_cfg, axes, then the project's apps.

    django_cfg comes before axes so that its axes_reset command is the one found.
    """
    apps = [*DJANGO_APPS, "corsheaders", "django_cfg", *axes_apps(config), *config.project_apps]
    return list(dict.fromkeys(apps))


def middleware(config: DjangoConfig) -> list[str]:
    # CorsMiddleware must come before CommonMiddleware, which can return a
    # response (a redirect) before CORS headers would be added.
    return [
        *host_middleware(config),
        "django.middleware.security.SecurityMiddleware",
        *browser_middleware(config),
        "django.contrib.sessions.middleware.SessionMiddleware",
        "corsheaders.middleware.CorsMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        *axes_middleware(config),
    ]


def templates(config: DjangoConfig, base_dir: Path) -> list[dict[str, Any]]:
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [str(base_dir / path) for path in config.template_dirs],
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                    csp_context_processor(config),
                ],
            },
        }
    ]


def database(config: DjangoConfig, base_dir: Path) -> dict[str, Any]:
    """Return the default database from database_url, else SQLite in base_dir."""
    url = config.database_url or f"sqlite:///{base_dir / 'db.sqlite3'}"
    return dict(dj_database_url.parse(url))
