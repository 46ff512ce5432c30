"""Hosts, origins, cookies and security headers, strict in production."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django_cfg.security_defaults import (
    DEFAULT_CORS_ALLOW_HEADERS,
    LOOPBACK_HOSTS,
    PRIVATE_NETWORKS,
    development_csrf_trusted_origins,
    resolve_hsts,
)

if TYPE_CHECKING:
    from django_cfg.config import DjangoConfig

PRIVATE_HOST_MIDDLEWARE = "django_cfg.middleware.PrivateNetworkHostMiddleware"


def build_security_settings(config: DjangoConfig) -> dict[str, Any]:
    if config.mode == "production":
        settings = _production_settings(config)
    else:
        settings = _development_settings()
    settings["CORS_ALLOW_HEADERS"] = cors_allow_headers(config.cors_allow_headers)
    settings.update(_header_settings(config))
    return settings


def _production_settings(config: DjangoConfig) -> dict[str, Any]:
    domains = config.domains
    hosts = [domain.allowed_host for domain in domains]
    return {
        "ALLOWED_HOSTS": list(dict.fromkeys([*hosts, *LOOPBACK_HOSTS])),
        "CORS_ALLOW_ALL_ORIGINS": False,
        "CORS_ALLOWED_ORIGINS": [d.origin for d in domains if not d.wildcard],
        "CORS_ALLOWED_ORIGIN_REGEXES": [d.cors_origin_regex for d in domains if d.wildcard],
        "CORS_ALLOW_CREDENTIALS": True,
        "CSRF_TRUSTED_ORIGINS": [domain.origin for domain in domains],
        "SECURE_SSL_REDIRECT": bool(config.ssl_redirect),
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        # Django's security.W008 expects SECURE_SSL_REDIRECT. Here the reverse
        # proxy that terminates TLS redirects http to https instead.
        "SILENCED_SYSTEM_CHECKS": [] if config.ssl_redirect else ["security.W008"],
        "DJANGO_CFG_PRIVATE_HOST_NETWORKS": list(_private_host_networks(config)),
    }


def _development_settings() -> dict[str, Any]:
    return {
        "ALLOWED_HOSTS": ["*"],
        "CORS_ALLOW_ALL_ORIGINS": True,
        "CORS_ALLOWED_ORIGINS": [],
        "CORS_ALLOWED_ORIGIN_REGEXES": [],
        "CORS_ALLOW_CREDENTIALS": False,
        "CSRF_TRUSTED_ORIGINS": development_csrf_trusted_origins(),
        "SECURE_SSL_REDIRECT": False,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SILENCED_SYSTEM_CHECKS": [],
        "DJANGO_CFG_PRIVATE_HOST_NETWORKS": [],
    }


def _header_settings(config: DjangoConfig) -> dict[str, Any]:
    production = config.mode == "production"
    seconds, include_subdomains, preload = resolve_hsts(config)
    nosniff = config.content_type_nosniff
    return {
        "SECURE_HSTS_SECONDS": seconds,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": include_subdomains,
        "SECURE_HSTS_PRELOAD": preload,
        "SECURE_CONTENT_TYPE_NOSNIFF": production if nosniff is None else nosniff,
        "X_FRAME_OPTIONS": config.x_frame_options or ("DENY" if production else "SAMEORIGIN"),
        "SECURE_REFERRER_POLICY": config.referrer_policy or "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": config.cross_origin_opener_policy or "same-origin",
    }


def cors_allow_headers(extra: list[str]) -> list[str]:
    """Return the default CORS request headers followed by ``extra``, lower-cased, once each."""
    headers = [*DEFAULT_CORS_ALLOW_HEADERS, *(header.strip().lower() for header in extra)]
    return list(dict.fromkeys(headers))


def _private_host_networks(config: DjangoConfig) -> tuple[str, ...]:
    if config.mode != "production":
        return ()
    enabled = config.container_hosts
    if enabled is None:
        enabled = config.in_container
    return PRIVATE_NETWORKS if enabled else ()


def host_middleware(config: DjangoConfig) -> list[str]:
    """Return the private-network Host middleware when container hosts are accepted."""
    return [PRIVATE_HOST_MIDDLEWARE] if _private_host_networks(config) else []
