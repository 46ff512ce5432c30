"""Configuration of the example site, chosen by DJANGO_ENV (development by default)."""

import os

from pydantic import Field

from django_cfg import AxesConfig, DjangoConfig


class ExampleConfig(DjangoConfig):
    secret_key: str = Field(default_factory=lambda: os.environ.get("SECRET_KEY", ""))
    project_name: str = "django-cfg example"
    project_apps: list[str] = ["portal"]
    root_urlconf: str | None = "example_site.urls"
    wsgi_application: str | None = "example_site.wsgi.application"
    # The demo runs as if nginx on the same machine forwarded every request:
    # X-Forwarded-For is believed only from a loopback peer, one hop deep.
    axes: AxesConfig = AxesConfig(
        lockout_template="portal/locked.html",
        ipware_proxy_count=1,
        trusted_proxies=["127.0.0.1/32", "::1/128"],
    )

    @property  # type: ignore[misc]
    def debug(self) -> bool:
        return self._environment == "development"

    @property  # type: ignore[misc]
    def security_domains(self) -> list[str]:
        if self._environment == "production":
            # The site itself, its separate front end, and an admin host on 8443.
            return ["example.com", "https://app.example.com", "admin.example.com:8443"]
        if self._environment == "staging":
            return ["staging.example.com"]
        return []


config = ExampleConfig()
