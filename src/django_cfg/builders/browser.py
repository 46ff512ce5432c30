"""Content-Security-Policy and Permissions-Policy, through Django 6's CSP or django-csp.

Django 6.0 has a built-in CSP middleware (SECURE_CSP); Django 5.2 has none, so
django-csp 4 (CONTENT_SECURITY_POLICY) serves it there. Either way templates get
the nonce as ``{{ csp_nonce }}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django

if TYPE_CHECKING:
    from django_cfg.config import DjangoConfig

#: Written in a config's directives, replaced by a fresh nonce in every response.
NONCE = "'nonce'"

PRODUCTION_CSP: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

#: Powerful browser features the site does not use, switched off for every origin.
PRODUCTION_PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

BUILT_IN_CSP = django.VERSION >= (6, 0)


def resolve_csp(config: DjangoConfig) -> dict[str, list[str]]:
    """Return the CSP directives: explicit ones, else strict in production, none in development."""
    if config.csp_directives is not None:
        return config.csp_directives
    return PRODUCTION_CSP if config.mode == "production" else {}


def resolve_permissions_policy(config: DjangoConfig) -> dict[str, list[str]]:
    if config.permissions_policy is not None:
        return config.permissions_policy
    return PRODUCTION_PERMISSIONS_POLICY if config.mode == "production" else {}


def build_browser_settings(config: DjangoConfig) -> dict[str, Any]:
    policy = _backend_policy(resolve_csp(config))
    empty: dict[str, list[Any]] = {}
    enforced, report_only = (empty, policy) if config.csp_report_only else (policy, empty)
    csp: dict[str, Any]
    if BUILT_IN_CSP:
        csp = {"SECURE_CSP": enforced, "SECURE_CSP_REPORT_ONLY": report_only}
    else:
        csp = {
            "CONTENT_SECURITY_POLICY": {"DIRECTIVES": enforced} if enforced else None,
            "CONTENT_SECURITY_POLICY_REPORT_ONLY": (
                {"DIRECTIVES": report_only} if report_only else None
            ),
        }
    return {**csp, "PERMISSIONS_POLICY": dict(resolve_permissions_policy(config))}


def _backend_policy(directives: dict[str, list[str]]) -> dict[str, list[Any]]:
    nonce: Any
    if BUILT_IN_CSP:
        from django.utils.csp import CSP

        nonce = CSP.NONCE
    else:
        from csp.constants import NONCE as nonce
    return {
        name: [nonce if value == NONCE else value for value in values]
        for name, values in directives.items()
    }


def browser_middleware(config: DjangoConfig) -> list[str]:
    """Return the CSP and Permissions-Policy middleware that the config needs."""
    middleware = []
    if resolve_csp(config):
        if BUILT_IN_CSP:
            middleware.append("django.middleware.csp.ContentSecurityPolicyMiddleware")
        else:
            middleware.append("csp.middleware.CSPMiddleware")
    if resolve_permissions_policy(config):
        middleware.append("django_permissions_policy.PermissionsPolicyMiddleware")
    return middleware


def csp_context_processor(config: DjangoConfig) -> str:
    """Return the context processor that puts ``csp_nonce`` in every template.

    With a policy on Django 6, Django's own processor is the one its CSP checks
    expect (security.W027); otherwise this package's gives "" without a nonce.
    """
    if BUILT_IN_CSP and resolve_csp(config):
        return "django.template.context_processors.csp"
    return "django_cfg.context_processors.csp_nonce"
