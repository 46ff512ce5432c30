"""Log which setting to change when a request is rejected for its Host or its CORS origin.

Django and django-cors-headers reject these requests without naming the setting
that would accept them. The lines logged here name it, once per host or origin in
each process, on the loggers ``django_cfg.hosts`` (WARNING) and ``django_cfg.cors``
(DEBUG). apps.py calls connect() when Django starts.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from typing import Any

from corsheaders.conf import conf as cors
from corsheaders.signals import check_request_enabled
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.request import split_domain_port

from django_cfg.middleware import raw_host

host_logger = logging.getLogger("django_cfg.hosts")
cors_logger = logging.getLogger("django_cfg.cors")

#: Django logs each rejected Host on this logger, with the request in the record.
DISALLOWED_HOST_LOGGER = "django.security.DisallowedHost"

#: How many hosts, and separately origins, a process remembers as already logged.
REMEMBERED_MAX = 256

#: The maximum length of a DNS name. Longer values are cut in log lines.
LOGGED_MAX_LENGTH = 253

HOST_NOT_ALLOWED = (
    "Rejected Host %s with status 400 because it is not in ALLOWED_HOSTS. If this site "
    "serves that name, add it to security_domains. This process logs each host once."
)
HOST_INVALID = (
    "Rejected Host %s with status 400 because it is not a valid host name. "
    "This process logs each host once."
)
ORIGIN_NOT_ALLOWED = (
    "Rejected CORS origin %s because it is not in CORS_ALLOWED_ORIGINS or "
    "CORS_ALLOWED_ORIGIN_REGEXES, so browsers block its scripts from reading the "
    "response. If a front end at that origin calls this site, add it to "
    "security_domains. This process logs each origin once."
)


class RecentSet:
    """The ``max_size`` most recently added strings, safe to share between threads."""

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        self._items: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, item: str) -> bool:
        """Add ``item`` and return whether it was new, dropping the oldest item when full."""
        with self._lock:
            if item in self._items:
                return False
            if len(self._items) >= self.max_size:
                self._items.popitem(last=False)
            self._items[item] = None
            return True

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __contains__(self, item: object) -> bool:
        return item in self._items

    def __len__(self) -> int:
        return len(self._items)


reported_hosts = RecentSet(REMEMBERED_MAX)
reported_origins = RecentSet(REMEMBERED_MAX)


class RejectedHostFilter(logging.Filter):
    """Log a hint for each record of a rejected Host, and pass every record on unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            report_rejected_host(request)
        return True


def report_rejected_host(request: HttpRequest) -> None:
    """Log the Host of a rejected ``request`` unless this process already logged it."""
    if not host_logger.isEnabledFor(logging.WARNING):
        return
    host = raw_host(request)
    domain, _port = split_domain_port(host)
    if not reported_hosts.add((domain or host)[:LOGGED_MAX_LENGTH]):
        return
    if domain:
        host_logger.warning(HOST_NOT_ALLOWED, _for_log(domain))
    else:
        host_logger.warning(HOST_INVALID, _for_log(host))


def report_rejected_origin(sender: object, request: HttpRequest, **kwargs: Any) -> bool:
    """Log the Origin that django-cors-headers rejects, and return False to allow nothing.

    django-cors-headers sends check_request_enabled for a path outside
    CORS_URLS_REGEX, and for an origin that its lists do not allow. Only the
    second is a rejected origin.
    """
    origin = request.headers.get("origin")
    if not origin or not cors_logger.isEnabledFor(logging.DEBUG):
        return False
    if not re.match(cors.CORS_URLS_REGEX, request.path_info):
        return False
    try:
        own_origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False  # the Host line reports this request
    # Browsers apply no CORS rules to a request from the site's own pages.
    if origin != own_origin and reported_origins.add(origin[:LOGGED_MAX_LENGTH]):
        cors_logger.debug(ORIGIN_NOT_ALLOWED, _for_log(origin))
    return False


def _for_log(value: str) -> str:
    """Return ``value`` quoted and escaped by repr(), cut at LOGGED_MAX_LENGTH."""
    quoted = repr(value[:LOGGED_MAX_LENGTH])
    return f"{quoted} (truncated)" if len(value) > LOGGED_MAX_LENGTH else quoted


_host_filter = RejectedHostFilter()


def connect() -> None:
    """Attach the Host filter and the CORS receiver. A second call changes nothing.

    NOTE: the Host line depends on Django's record reaching the filter, so a
    LOGGING setting that disables ``django.security.DisallowedHost`` or raises its
    level above ERROR also turns it off. A handler that drops the record does not.
    """
    logging.getLogger(DISALLOWED_HOST_LOGGER).addFilter(_host_filter)
    check_request_enabled.connect(report_rejected_origin, dispatch_uid="django_cfg.cors")
