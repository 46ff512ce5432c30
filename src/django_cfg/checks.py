"""System checks on the settings Django runs with, however they were built.

The checks read ``django.conf.settings``, not a DjangoConfig, so they also catch a
value changed after ``globals().update(config.get_all_settings())`` or written by
hand. apps.py registers REGULAR_CHECKS for every ``manage.py check`` and
DEPLOY_CHECKS for ``check --deploy`` only.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from corsheaders.conf import conf as cors
from django.apps import AppConfig, apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning
from django.core.exceptions import ImproperlyConfigured
from django.utils.http import is_same_domain
from django.utils.module_loading import import_string

from django_cfg.secret_key import EXPECTED, GENERATE_HINT, secret_key_weaknesses
from django_cfg.security_defaults import HSTS_PRELOAD_MIN_SECONDS

AXES_BACKENDS = ("axes.backends.AxesStandaloneBackend", "axes.backends.AxesBackend")
AXES_MIDDLEWARE = "axes.middleware.AxesMiddleware"
AppConfigs = Sequence[AppConfig] | None

SECURITY_DOMAINS_HINT = "With django-cfg, list each front end once in security_domains."


@dataclass(frozen=True)
class CheckDefinition:
    """The ID, level, message and hint of one check, with ``{name}`` fields filled per report."""

    id: str
    message_class: type[Error] | type[Warning]
    message: str
    hint: str

    def report(self, **values: str) -> CheckMessage:
        return self.message_class(
            self.message.format(**values), hint=self.hint.format(**values), id=self.id
        )


E001 = CheckDefinition(
    "django_cfg.E001",
    Error,
    "ALLOWED_HOSTS contains '*' while DEBUG is False, so Django accepts any Host header "
    "and builds absolute URLs, such as password reset links, from a name the client chooses.",
    "Replace '*' with the names the site serves. With django-cfg, list them in "
    "security_domains and keep the ALLOWED_HOSTS that get_all_settings() returns.",
)
E002 = CheckDefinition(
    "django_cfg.E002",
    Error,
    "ALLOWED_HOSTS is empty while DEBUG is False, so Django rejects every request "
    "with status 400 (Bad Request).",
    "List the names the site serves in ALLOWED_HOSTS. With django-cfg, list them in "
    "security_domains.",
)
E003 = CheckDefinition(
    "django_cfg.E003",
    Error,
    "{setting} and CORS_ALLOW_CREDENTIALS are both True, so django-cors-headers allows "
    "every Origin with credentials: any website can send requests with this site's "
    "cookies and read the responses.",
    "Set {setting} = False and list the front ends in CORS_ALLOWED_ORIGINS, or set "
    "CORS_ALLOW_CREDENTIALS = False. " + SECURITY_DOMAINS_HINT,
)
E004 = CheckDefinition(
    "django_cfg.E004",
    Error,
    "{setting} is weak ({weaknesses}). Whoever guesses it can forge sessions, password "
    "reset tokens and every other value that Django signs.",
    "Replace {setting} with " + EXPECTED + ". Read it from the environment, and " + GENERATE_HINT,
)
W001 = CheckDefinition(
    "django_cfg.W001",
    Warning,
    "{setting} contains http origins while DEBUG is False: {origins}. A page served over "
    "http can be changed in transit, so a script injected into it gets the trust that "
    "{setting} grants.",
    "Serve those front ends over https and list them as https:// origins. With django-cfg, "
    "write them in security_domains without http://, which makes them https origins.",
)
W002 = CheckDefinition(
    "django_cfg.W002",
    Warning,
    "CORS_ALLOWED_ORIGINS allows credentialed requests from origins that "
    "CSRF_TRUSTED_ORIGINS does not trust: {origins}. Their POST, PUT, PATCH and DELETE "
    "requests fail Django's CSRF check with status 403 (Forbidden).",
    "Add those origins to CSRF_TRUSTED_ORIGINS, or remove them from CORS_ALLOWED_ORIGINS. "
    + SECURITY_DOMAINS_HINT,
)
W003 = CheckDefinition(
    "django_cfg.W003",
    Warning,
    "CSRF_TRUSTED_ORIGINS trusts origins that django-cors-headers does not allow while "
    "CORS_ALLOW_CREDENTIALS is True: {origins}. They pass Django's CSRF origin check for "
    "unsafe requests, but browsers block their scripts from reading the responses.",
    "Remove those origins from CSRF_TRUSTED_ORIGINS if they are no longer front ends of "
    "this site, or add them to CORS_ALLOWED_ORIGINS. " + SECURITY_DOMAINS_HINT,
)
W004 = CheckDefinition(
    "django_cfg.W004",
    Warning,
    "SECURE_HSTS_PRELOAD is True, but {problems}. The HSTS preload list (hstspreload.org) "
    f"accepts a domain only with a max-age of at least {HSTS_PRELOAD_MIN_SECONDS} seconds "
    "and includeSubDomains, so browsers still reach this site over http on a first visit.",
    f"Set SECURE_HSTS_SECONDS to at least {HSTS_PRELOAD_MIN_SECONDS} and "
    "SECURE_HSTS_INCLUDE_SUBDOMAINS = True, or set SECURE_HSTS_PRELOAD = False.",
)
W005 = CheckDefinition(
    "django_cfg.W005",
    Warning,
    "SECURE_SSL_REDIRECT is True, but SECURE_PROXY_SSL_HEADER is not set. Behind a reverse "
    "proxy that terminates TLS, Django treats every request as http and redirects it to "
    "https again, without end.",
    "If a proxy terminates TLS and overwrites X-Forwarded-Proto on every request, set "
    "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https'). If Django itself "
    "serves https, add 'django_cfg.W005' to SILENCED_SYSTEM_CHECKS.",
)
W006 = CheckDefinition(
    "django_cfg.W006",
    Warning,
    "django-axes is installed, but the first entry of AUTHENTICATION_BACKENDS is {first}, "
    "not an axes backend. Django tries the backends in order, so a locked-out client that "
    "sends the right password is logged in before axes can reject it.",
    "Put 'axes.backends.AxesStandaloneBackend' first in AUTHENTICATION_BACKENDS, before "
    "the project's own backends.",
)
W007 = CheckDefinition(
    "django_cfg.W007",
    Warning,
    f"django-axes is installed, but '{AXES_MIDDLEWARE}' is not in MIDDLEWARE, so a "
    "locked-out client gets the login form's usual error instead of the lockout response.",
    f"Add '{AXES_MIDDLEWARE}' as the last entry of MIDDLEWARE.",
)
W008 = CheckDefinition(
    "django_cfg.W008",
    Warning,
    f"'{AXES_MIDDLEWARE}' is not the last entry of MIDDLEWARE, so the lockout response "
    "it returns skips the middleware listed after it: {after}.",
    f"Move '{AXES_MIDDLEWARE}' to the end of MIDDLEWARE.",
)


def check_allowed_hosts_wildcard(
    app_configs: AppConfigs = None, **kwargs: Any
) -> list[CheckMessage]:
    if settings.DEBUG or "*" not in settings.ALLOWED_HOSTS:
        return []
    return [E001.report()]


def check_allowed_hosts_empty(app_configs: AppConfigs = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG or settings.ALLOWED_HOSTS:
        return []
    return [E002.report()]


def check_cors_allow_all_with_credentials(
    app_configs: AppConfigs = None, **kwargs: Any
) -> list[CheckMessage]:
    if not (cors.CORS_ALLOW_ALL_ORIGINS and cors.CORS_ALLOW_CREDENTIALS):
        return []
    # django-cors-headers reads the old name when the new one is not set.
    setting = (
        "CORS_ALLOW_ALL_ORIGINS"
        if hasattr(settings, "CORS_ALLOW_ALL_ORIGINS")
        else "CORS_ORIGIN_ALLOW_ALL"
    )
    return [E003.report(setting=setting)]


def check_secret_key_strength(app_configs: AppConfigs = None, **kwargs: Any) -> list[CheckMessage]:
    keys = {"SECRET_KEY": _secret_key()}
    for index, fallback in enumerate(getattr(settings, "SECRET_KEY_FALLBACKS", [])):
        keys[f"SECRET_KEY_FALLBACKS[{index}]"] = str(fallback)

    messages = []
    for setting, key in keys.items():
        weaknesses = secret_key_weaknesses(key)
        if weaknesses:
            messages.append(E004.report(setting=setting, weaknesses=", ".join(weaknesses)))
    return messages


def _secret_key() -> str:
    try:
        return str(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django raises it for an empty SECRET_KEY.
        return ""


def check_http_origins(app_configs: AppConfigs = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    messages = []
    for setting, origins in (
        ("CORS_ALLOWED_ORIGINS", cors.CORS_ALLOWED_ORIGINS),
        ("CSRF_TRUSTED_ORIGINS", settings.CSRF_TRUSTED_ORIGINS),
    ):
        insecure = [origin for origin in origins if _is_remote_http(origin)]
        if insecure:
            messages.append(W001.report(setting=setting, origins=_quoted(insecure)))
    return messages


def _is_remote_http(origin: str) -> bool:
    # Browsers treat loopback origins as secure contexts, and no network lies
    # between them and the browser, so http is not a weakness there.
    url = urlsplit(origin)
    return url.scheme == "http" and not _is_loopback(url.hostname or "")


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_cors_origins_csrf_trusted(
    app_configs: AppConfigs = None, **kwargs: Any
) -> list[CheckMessage]:
    """Report credentialed CORS origins that Django's CSRF origin check rejects.

    CORS_ALLOWED_ORIGIN_REGEXES cannot be listed as origins, so only
    CORS_ALLOWED_ORIGINS is compared.
    """
    if not _credentialed_cors_in_production():
        return []
    untrusted = [origin for origin in cors.CORS_ALLOWED_ORIGINS if not _csrf_trusts(origin)]
    return [W002.report(origins=_quoted(untrusted))] if untrusted else []


def check_csrf_origins_cors_allowed(
    app_configs: AppConfigs = None, **kwargs: Any
) -> list[CheckMessage]:
    """Report CSRF trusted origins that django-cors-headers does not allow.

    A wildcard entry such as ``https://*.x.com`` is compared through its base
    origin ``https://x.com``, which Django's wildcard also trusts.
    """
    if not _credentialed_cors_in_production():
        return []
    not_allowed = [
        entry
        for entry in settings.CSRF_TRUSTED_ORIGINS
        if not _cors_allows(entry.replace("://*.", "://", 1))
    ]
    return [W003.report(origins=_quoted(not_allowed))] if not_allowed else []


def _credentialed_cors_in_production() -> bool:
    # Allowing every origin with credentials is reported as E003, so no list is compared.
    return bool(
        not settings.DEBUG and cors.CORS_ALLOW_CREDENTIALS and not cors.CORS_ALLOW_ALL_ORIGINS
    )


def _csrf_trusts(origin: str) -> bool:
    """Return whether Django's CSRF origin check accepts ``origin`` from another site."""
    trusted = settings.CSRF_TRUSTED_ORIGINS
    if origin in trusted:
        return True
    url = urlsplit(origin)
    for entry in trusted:
        if "*" not in entry:
            continue
        pattern = urlsplit(entry)
        if pattern.scheme == url.scheme and is_same_domain(url.netloc, pattern.netloc.lstrip("*")):
            return True
    return False


def _cors_allows(origin: str) -> bool:
    """Return whether django-cors-headers' origin lists allow ``origin``."""
    url = urlsplit(origin)
    for allowed in cors.CORS_ALLOWED_ORIGINS:
        listed = urlsplit(allowed)
        if (listed.scheme, listed.netloc) == (url.scheme, url.netloc):
            return True
    return any(re.match(pattern, origin) for pattern in cors.CORS_ALLOWED_ORIGIN_REGEXES)


def check_hsts_preload(app_configs: AppConfigs = None, **kwargs: Any) -> list[CheckMessage]:
    if not settings.SECURE_HSTS_PRELOAD:
        return []
    problems = []
    seconds = settings.SECURE_HSTS_SECONDS or 0
    if seconds < HSTS_PRELOAD_MIN_SECONDS:
        problems.append(f"SECURE_HSTS_SECONDS is {seconds}")
    if not settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        problems.append("SECURE_HSTS_INCLUDE_SUBDOMAINS is False")
    return [W004.report(problems=" and ".join(problems))] if problems else []


def check_ssl_redirect_proxy_header(
    app_configs: AppConfigs = None, **kwargs: Any
) -> list[CheckMessage]:
    if settings.SECURE_SSL_REDIRECT and not settings.SECURE_PROXY_SSL_HEADER:
        return [W005.report()]
    return []


def check_axes_backend_first(app_configs: AppConfigs = None, **kwargs: Any) -> list[CheckMessage]:
    backends = list(settings.AUTHENTICATION_BACKENDS)
    if not _axes_active() or not backends or _is_axes_backend(backends[0]):
        return []
    return [W006.report(first=repr(backends[0]))]


def _is_axes_backend(path: str) -> bool:
    if path in AXES_BACKENDS:
        return True
    try:
        backend = import_string(path)
    except ImportError:
        return False
    # Imported here because axes.backends reads the settings of an installed axes.
    from axes.backends import AxesStandaloneBackend

    return isinstance(backend, type) and issubclass(backend, AxesStandaloneBackend)


def check_axes_middleware_present(
    app_configs: AppConfigs = None, **kwargs: Any
) -> list[CheckMessage]:
    if not _axes_active() or AXES_MIDDLEWARE in settings.MIDDLEWARE:
        return []
    return [W007.report()]


def check_axes_middleware_last(
    app_configs: AppConfigs = None, **kwargs: Any
) -> list[CheckMessage]:
    middleware = list(settings.MIDDLEWARE)
    if not _axes_active() or AXES_MIDDLEWARE not in middleware:
        return []
    after = middleware[middleware.index(AXES_MIDDLEWARE) + 1 :]
    return [W008.report(after=_quoted(after))] if after else []


def _axes_active() -> bool:
    return apps.is_installed("axes") and bool(getattr(settings, "AXES_ENABLED", True))


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(repr(value) for value in values)


Check = Callable[..., list[CheckMessage]]

#: Checks that apply in every environment.
REGULAR_CHECKS: Sequence[Check] = (
    check_cors_allow_all_with_credentials,
    check_axes_backend_first,
    check_axes_middleware_present,
    check_axes_middleware_last,
)

#: Production advice, run by ``manage.py check --deploy``.
DEPLOY_CHECKS: Sequence[Check] = (
    check_allowed_hosts_wildcard,
    check_allowed_hosts_empty,
    check_secret_key_strength,
    check_http_origins,
    check_cors_origins_csrf_trusted,
    check_csrf_origins_cors_allowed,
    check_hsts_preload,
    check_ssl_redirect_proxy_header,
)
