"""CSRF-checked form posts through Django's test client, shared by the CSRF tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client

if TYPE_CHECKING:
    # django-stubs declares this type for test client responses; it exists only in the stubs.
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

#: Django accepts an unmasked 32-character secret both as the cookie and as the token.
CSRF_SECRET = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"


def post_form(host: str, origin: str, *, secure: bool = True) -> TestResponse:
    """POST /submit/ with a valid CSRF cookie and token, so only the Origin can fail."""
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    return client.post(
        "/submit/",
        {"csrfmiddlewaretoken": CSRF_SECRET},
        secure=secure,
        HTTP_HOST=host,
        HTTP_ORIGIN=origin,
    )


def csrf_reasons(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Return the rejection reasons that CsrfViewMiddleware logged."""
    return [
        str(record.args[0])
        for record in caplog.records
        if record.name == "django.security.csrf" and isinstance(record.args, tuple)
    ]
