"""The response django-axes sends to a locked-out client (``AXES_LOCKOUT_CALLABLE``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """Render AXES_LOCKOUT_TEMPLATE, redirect to AXES_LOCKOUT_URL, or send axes' message.

    Unlike axes' own response, the template gets ``cooloff_time`` in hours (a
    number), and the JSON response to an XMLHttpRequest carries no CORS header of
    its own, so that django-cors-headers' origin list applies to it too.
    """
    from axes.helpers import (
        get_client_username,
        get_cool_off,
        get_failure_limit,
        get_lockout_message,
    )

    status = settings.AXES_HTTP_RESPONSE_CODE
    cool_off = get_cool_off(request)
    context: dict[str, Any] = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_time": _hours(cool_off),
        "cooloff_timedelta": cool_off,
    }

    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        data = {key: context[key] for key in ("failure_limit", "username", "cooloff_time")}
        return JsonResponse(data, status=status)
    if settings.AXES_LOCKOUT_TEMPLATE:
        return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
    if settings.AXES_LOCKOUT_URL:
        query = urlencode({"username": context["username"]})
        return HttpResponseRedirect(f"{settings.AXES_LOCKOUT_URL}?{query}")
    return HttpResponse(get_lockout_message(), status=status)


def _hours(cool_off: timedelta | None) -> int | float | None:
    if cool_off is None:
        return None
    hours = cool_off.total_seconds() / 3600
    return int(hours) if hours.is_integer() else round(hours, 2)
