"""Default security values for each mode, and how explicit fields override them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_cfg.config import DjangoConfig

#: One year, the minimum that HSTS preload lists accept.
HSTS_PRELOAD_MIN_SECONDS = 31_536_000

#: Ports of common front-end development servers: Create React App and Next.js
#: (3000, 3001), Angular (4200), Vite preview and dev (4173, 5173), Django (8000)
#: and webpack-dev-server (8080).
DEVELOPMENT_PORTS = (3000, 3001, 4200, 4173, 5173, 8000, 8080)

#: Hosts that in-container health checks and local probes use.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")

#: Private IPv4 ranges (RFC 1918) that container networks use.
PRIVATE_NETWORKS = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")

#: Request headers a cross-origin front end commonly sends.
DEFAULT_CORS_ALLOW_HEADERS = (
    "accept",
    "accept-encoding",
    "authorization",
    "content-type",
    "dnt",
    "origin",
    "user-agent",
    "x-csrftoken",
    "x-requested-with",
)


def resolve_hsts(config: DjangoConfig) -> tuple[int, bool, bool]:
    """Return (seconds, include_subdomains, preload): one year and both flags in production."""
    production = config.mode == "production"
    seconds = config.hsts_seconds
    if seconds is None:
        seconds = HSTS_PRELOAD_MIN_SECONDS if production else 0
    include_subdomains = config.hsts_include_subdomains
    if include_subdomains is None:
        include_subdomains = production
    preload = config.hsts_preload
    if preload is None:
        preload = production
    return seconds, include_subdomains, preload


def development_csrf_trusted_origins() -> list[str]:
    """Return the http origins of local front-end servers on their usual ports."""
    return [
        f"http://{host}:{port}"
        for host in ("localhost", "127.0.0.1")
        for port in DEVELOPMENT_PORTS
    ]
