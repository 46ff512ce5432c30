"""Settings of the example site: everything comes from config.py."""

from typing import Any

from config import config

SETTINGS: dict[str, Any] = config.get_all_settings()
globals().update(SETTINGS)

# Settings written after the update win over the generated ones. WhiteNoise
# serves the admin's CSS and JavaScript when gunicorn runs the site.
MIDDLEWARE = list(SETTINGS["MIDDLEWARE"])
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
