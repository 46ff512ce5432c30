"""Translation of a cache URL into one entry of Django's CACHES setting.

dj-database-url covers databases only, and the cache-URL parsers that exist come
inside larger settings frameworks, so this small mapping is written here.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}

EXPECTED_CACHE_URL = "a URL whose scheme is one of " + ", ".join(
    f"{scheme}://" for scheme in BACKENDS
)


class InvalidCacheUrl(ValueError):
    """A cache URL with an unknown scheme; the message never contains the URL."""


def parse_cache_url(url: str) -> dict[str, Any]:
    """Return the CACHES entry for ``url``, such as ``redis://127.0.0.1:6379/1``."""
    parts = urlsplit(url)
    backend = BACKENDS.get(parts.scheme)
    if "://" not in url:
        raise InvalidCacheUrl("a value without a scheme and '://'")
    if backend is None:
        raise InvalidCacheUrl(f"a cache URL with the scheme {parts.scheme!r}")

    cache: dict[str, Any] = {"BACKEND": backend}
    if parts.scheme in ("redis", "rediss"):
        cache["LOCATION"] = url
    elif parts.scheme == "memcached":
        cache["LOCATION"] = parts.netloc
    elif parts.scheme == "file":
        cache["LOCATION"] = parts.path
    elif parts.scheme in ("locmem", "db"):
        cache["LOCATION"] = parts.netloc or parts.path.lstrip("/")
    return cache
