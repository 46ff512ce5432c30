from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from config import config

SUMMARY_SETTINGS = (
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "CORS_ALLOWED_ORIGINS",
    "CORS_ALLOWED_ORIGIN_REGEXES",
    "CORS_ALLOW_ALL_ORIGINS",
    "CORS_ALLOW_CREDENTIALS",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
)


class Command(BaseCommand):
    help = "Print the environment, the mode and the security settings in effect."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"environment: {config.environment}, mode: {config.mode}")
        for name in SUMMARY_SETTINGS:
            self.stdout.write(f"  {name} = {getattr(settings, name)!r}")
