"""Template context processors."""

from __future__ import annotations

from typing import Any

import django
from django.http import HttpRequest


def csp_nonce(request: HttpRequest) -> dict[str, Any]:
    """Return the request's CSP nonce as ``csp_nonce``, or "" when no CSP middleware runs.

    The nonce comes from Django's own CSP middleware on Django 6 and from
    django-csp on Django 5.2; it is generated when a template first uses it.
    """
    if django.VERSION >= (6, 0):
        from django.middleware.csp import get_nonce

        nonce = get_nonce(request)
    else:
        nonce = getattr(request, "csp_nonce", None)
    return {"csp_nonce": "" if nonce is None else nonce}
