"""The example site's production configuration, written in Python instead of YAML.

The values are those of example/config.yaml and example/config.production.yaml.
BENCHMARK_DATABASE_URL and BENCHMARK_CACHE_URL, when set, point the site at a
scratch database and at a Redis cache that django-axes then uses.
"""

import os
from pathlib import Path

from django_cfg import AxesConfig, DjangoConfig

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "example"
CACHE_URL = os.environ.get("BENCHMARK_CACHE_URL")


# pydantic copies list defaults per instance; ruff cannot tell that this is a pydantic model.
class BenchmarkConfig(DjangoConfig):
    secret_key: str = os.environ["SECRET_KEY"]
    debug: bool = False
    project_name: str = "django-cfg example"
    security_domains: list[str] = [  # noqa: RUF012
        "example.com",
        "https://app.example.com",
        "admin.example.com:8443",
    ]
    base_dir: Path | None = EXAMPLE_DIR
    project_apps: list[str] = ["portal"]  # noqa: RUF012
    root_urlconf: str | None = "example_site.urls"
    wsgi_application: str | None = "example_site.wsgi.application"
    database_url: str | None = os.environ.get("BENCHMARK_DATABASE_URL")
    cache_url: str | None = CACHE_URL
    axes: AxesConfig = AxesConfig(
        lockout_template="portal/locked.html",
        ipware_proxy_count=1,
        trusted_proxies=["127.0.0.1", "::1"],
        cache_name="default" if CACHE_URL else None,
    )
