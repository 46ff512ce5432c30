"""Settings of the test project, built by django_cfg itself in development mode."""

from typing import Any

from django_cfg import DjangoConfig

config = DjangoConfig(
    secret_key="test-only-7fK2pQ9xLm4RtVb8NcZ1wYhD3sJ6gA0eUoI5qTrE2vBn",
    debug=True,
    project_apps=["tests.testapp"],
    root_urlconf="tests.urls",
    database_url="sqlite://:memory:",
)

SETTINGS: dict[str, Any] = config.get_all_settings()
globals().update(SETTINGS)

# Logins in the tests hash passwords hundreds of times; MD5 keeps that fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
