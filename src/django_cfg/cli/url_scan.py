"""Responses of a running site, fetched from a URL with urllib."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urljoin, urlsplit

from django_cfg.cli.client_scan import MAX_BODY_BYTES, MAX_REDIRECTS, REDIRECT_STATUSES
from django_cfg.cli.errors import CommandLineError
from django_cfg.cli.observatory import AUDIT_ORIGIN, Response, Scan

USER_AGENT = "django-cfg-audit"
SCHEMES = ("http", "https")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to the caller, which checks it before following it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def scan_url(url: str, timeout: float) -> Scan:
    """Fetch ``url``, following at most MAX_REDIRECTS http(s) redirects, and describe it.

    The redirect to https is graded when ``url`` is an http URL.
    """
    check_url(url)
    responses, route = fetch_following(url, timeout)
    if urlsplit(url).scheme == "http":
        return Scan(final=responses[-1], responses=tuple(responses), http_route=tuple(route))
    return Scan(
        final=responses[-1],
        responses=tuple(responses),
        redirection_not_graded="the URL is https; give the site's http:// URL to grade its "
        "redirect to https",
    )


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise CommandLineError(f"--url {url}: expected an http:// or https:// URL with a host")


def fetch_following(url: str, timeout: float) -> tuple[list[Response], list[str]]:
    """Fetch ``url`` and the redirects from it; return the responses and the URLs visited."""
    responses = [fetch(url, timeout)]
    route = [url]
    while responses[-1].status in REDIRECT_STATUSES:
        location = responses[-1].first_header("location")
        if location is None:
            break
        target = urljoin(route[-1], location)
        if urlsplit(target).scheme not in SCHEMES:
            raise CommandLineError(
                f"{route[-1]} redirects to {target}; only http and https redirects are followed"
            )
        route.append(target)
        if len(route) > MAX_REDIRECTS + 1:
            raise CommandLineError(f"{url} redirects more than {MAX_REDIRECTS} times")
        responses.append(fetch(target, timeout))
    return responses, route


def fetch(url: str, timeout: float) -> Response:
    """GET ``url`` without following redirects; HTTP error statuses are responses too."""
    opener = urllib.request.build_opener(_NoRedirects)
    request = urllib.request.Request(  # noqa: S310 (check_url and fetch_following allow http and https only)
        url, headers={"Origin": AUDIT_ORIGIN, "User-Agent": USER_AGENT}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            return _response(url, response.status, response.headers, response.read(MAX_BODY_BYTES))
    except urllib.error.HTTPError as error:
        with error:
            return _response(url, error.code, error.headers, error.read(MAX_BODY_BYTES))
    except urllib.error.URLError as error:
        raise _fetch_failed(url, error.reason, timeout) from None
    except OSError as error:
        raise _fetch_failed(url, error, timeout) from None


def _fetch_failed(url: str, reason: object, timeout: float) -> CommandLineError:
    # A timeout while connecting comes wrapped in URLError, one while reading does not.
    if isinstance(reason, TimeoutError):
        return CommandLineError(f"fetching {url} timed out after {timeout:g} seconds")
    return CommandLineError(f"fetching {url} failed: {reason}")


def _response(url: str, status: int, headers: Any, body: bytes) -> Response:
    pairs = tuple((name.lower(), value) for name, value in headers.items())
    return Response(url=url, status=status, headers=pairs, body=body)
