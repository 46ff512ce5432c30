"""django-axes settings: failure limits, allow and deny lists, client IP, lockout page."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django_cfg.ip import IPNetworkSet

if TYPE_CHECKING:
    from django_cfg.axes import AxesConfig
    from django_cfg.config import DjangoConfig

AXES_BACKEND = "axes.backends.AxesStandaloneBackend"
AXES_MIDDLEWARE = "axes.middleware.AxesMiddleware"
DATABASE_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
CACHE_HANDLER = "axes.handlers.cache.AxesCacheHandler"

#: (failure limit, cool-off in hours, verbose) for each mode.
MODE_DEFAULTS = {"development": (10, 1.0, True), "production": (5, 24.0, False)}


def build_axes_settings(config: DjangoConfig) -> dict[str, Any]:
    backends = list(dict.fromkeys(config.authentication_backends))
    if not config.axes.enabled:
        return {"AUTHENTICATION_BACKENDS": backends}

    axes = config.axes
    failure_limit, cooloff_hours, verbose = resolve_axes_defaults(config)
    return {
        "AUTHENTICATION_BACKENDS": [AXES_BACKEND, *(b for b in backends if b != AXES_BACKEND)],
        "AXES_ENABLED": True,
        "AXES_FAILURE_LIMIT": failure_limit,
        "AXES_COOLOFF_TIME": timedelta(hours=cooloff_hours),
        "AXES_LOCK_OUT_AT_FAILURE": axes.lock_out_at_failure,
        "AXES_LOCKOUT_PARAMETERS": ["ip_address"],
        "AXES_RESET_ON_SUCCESS": axes.reset_on_success,
        # A lockout lasts cooloff_time from the failure that caused it: attempts
        # during it are refused without being recorded, so they do not extend
        # it, and a denied IP gets the lockout response, not the login form.
        "AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT": False,
        "AXES_LOCKOUT_TEMPLATE": axes.lockout_template,
        "AXES_LOCKOUT_URL": axes.lockout_url,
        "AXES_LOCKOUT_CALLABLE": "django_cfg.lockout.lockout_response",
        "AXES_VERBOSE": verbose,
        "AXES_ENABLE_ACCESS_FAILURE_LOG": axes.enable_access_failure_log,
        # axes reads the allow list only with AXES_NEVER_LOCKOUT_WHITELIST on.
        "AXES_NEVER_LOCKOUT_WHITELIST": bool(axes.allowed_ips),
        "AXES_IP_WHITELIST": IPNetworkSet(axes.allowed_ips) if axes.allowed_ips else None,
        "AXES_IP_BLACKLIST": IPNetworkSet(axes.denied_ips) if axes.denied_ips else None,
        "AXES_CLIENT_IP_CALLABLE": "django_cfg.ip.get_client_ip",
        "AXES_IPWARE_PROXY_COUNT": axes.ipware_proxy_count,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": list(axes.ipware_meta_precedence_order),
        "DJANGO_CFG_TRUSTED_PROXIES": list(axes.trusted_proxies),
        **_handler_settings(axes),
        "AXES_USERNAME_FORM_FIELD": axes.username_form_field,
    }


def resolve_axes_defaults(config: DjangoConfig) -> tuple[int, float, bool]:
    """Return (failure limit, cool-off hours, verbose), explicit values over mode defaults."""
    failure_limit, cooloff_hours, verbose = MODE_DEFAULTS[config.mode]
    axes = config.axes
    return (
        failure_limit if axes.failure_limit is None else axes.failure_limit,
        cooloff_hours if axes.cooloff_time is None else axes.cooloff_time,
        verbose if axes.verbose is None else axes.verbose,
    )


def _handler_settings(axes: AxesConfig) -> dict[str, Any]:
    if axes.cache_name is None:
        return {"AXES_HANDLER": DATABASE_HANDLER}
    return {"AXES_HANDLER": CACHE_HANDLER, "AXES_CACHE": axes.cache_name}


def axes_apps(config: DjangoConfig) -> list[str]:
    return ["axes"] if config.axes.enabled else []


def axes_middleware(config: DjangoConfig) -> list[str]:
    """Return AxesMiddleware, which must come last to process every response."""
    return [AXES_MIDDLEWARE] if config.axes.enabled else []
