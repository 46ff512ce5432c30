"""Responses of a configuration, obtained through Django's test client in this process."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

from django_cfg.cli.errors import CommandLineError
from django_cfg.cli.observatory import AUDIT_ORIGIN, Response, Scan

#: The maximum number of redirects followed from one URL.
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: The maximum number of body bytes read for the Subresource Integrity test.
MAX_BODY_BYTES = 2_000_000
#: The URLconf used when the settings have no ROOT_URLCONF.
FALLBACK_URLCONF = "django_cfg.cli.probe_urls"


def scan_settings(settings: Mapping[str, Any], path: str) -> Scan:
    """Configure Django with ``settings`` and request ``path`` on the first allowed host.

    The https request gives the graded headers. An http request to the same URL
    shows whether Django redirects to https, unless the settings leave that
    redirect to a proxy, which never passes http requests on to Django.
    """
    from django.test import Client

    host = audit_host(settings.get("ALLOWED_HOSTS", []))
    configure_django(settings)
    client = Client(raise_request_exception=False)

    https_responses, _ = follow(client, f"https://{host}{path}")
    not_graded = _redirect_left_to_proxy(settings, host)
    if not_graded is not None:
        return Scan(
            final=https_responses[-1],
            responses=tuple(https_responses),
            redirection_not_graded=not_graded,
        )

    http_responses, route = follow(client, f"http://{host}{path}")
    return Scan(
        final=https_responses[-1],
        responses=(*https_responses, *http_responses),
        http_route=tuple(route),
    )


def audit_host(allowed_hosts: Sequence[str]) -> str:
    """Return the first host of ALLOWED_HOSTS a request can name, else ``localhost``."""
    for entry in allowed_hosts:
        host = entry.lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def configure_django(settings: Mapping[str, Any]) -> None:
    """Configure Django in this process with ``settings`` and set up its apps."""
    import django
    from django.conf import settings as django_settings

    values = dict(settings)
    values.setdefault("ROOT_URLCONF", FALLBACK_URLCONF)
    try:
        django_settings.configure(**values)
        django.setup()
    # Setting up imports the project's apps, whose code may raise anything.
    except Exception as error:
        raise CommandLineError(
            f"setting up Django with these settings failed: {type(error).__name__}: {error}"
        ) from None


def follow(client: Any, url: str) -> tuple[list[Response], list[str]]:
    """Request ``url`` and follow redirects that stay on its host.

    Return the responses and the URLs visited. A redirect to another host or
    scheme ends the route with that URL, which is not requested.
    """
    responses = [request(client, url)]
    route = [url]
    while responses[-1].status in REDIRECT_STATUSES:
        location = responses[-1].first_header("location")
        if location is None:
            break
        target = urljoin(route[-1], location)
        route.append(target)
        parts = urlsplit(target)
        if parts.netloc != urlsplit(url).netloc or parts.scheme not in ("http", "https"):
            break
        if len(route) > MAX_REDIRECTS + 1:
            raise CommandLineError(f"{url} redirects more than {MAX_REDIRECTS} times")
        responses.append(request(client, target))
    return responses, route


def request(client: Any, url: str) -> Response:
    """Send a GET for ``url`` through the test client, with AUDIT_ORIGIN as its Origin."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    try:
        response = client.get(
            path,
            secure=parts.scheme == "https",
            headers={"Host": parts.netloc, "Origin": AUDIT_ORIGIN},
        )
    # Middleware and views are project code, which may raise anything.
    except Exception as error:
        raise CommandLineError(
            f"requesting {url} through Django failed: {type(error).__name__}: {error}"
        ) from None
    return Response(
        url=url, status=response.status_code, headers=_headers(response), body=_body(response)
    )


def _headers(response: Any) -> tuple[tuple[str, str], ...]:
    # Django keeps cookies apart from the other headers until the response is sent.
    headers = [(name.lower(), value) for name, value in response.items()]
    headers.extend(("set-cookie", morsel.OutputString()) for morsel in response.cookies.values())
    return tuple(headers)


def _body(response: Any) -> bytes:
    if not getattr(response, "streaming", False):
        return bytes(response.content[:MAX_BODY_BYTES])
    body = b""
    for chunk in response.streaming_content:
        body += chunk
        if len(body) >= MAX_BODY_BYTES:
            break
    return body[:MAX_BODY_BYTES]


def _redirect_left_to_proxy(settings: Mapping[str, Any], host: str) -> str | None:
    """Explain why http is not graded when Django leaves the redirect to a TLS proxy.

    Return None when Django redirects itself or no proxy is declared; the http
    request is graded then.
    """
    if not settings.get("SECURE_PROXY_SSL_HEADER") or settings.get("SECURE_SSL_REDIRECT"):
        return None
    return (
        "Django serves http as it is and leaves the redirect to https to the proxy that "
        "terminates TLS (SECURE_PROXY_SSL_HEADER is set, SECURE_SSL_REDIRECT is false); "
        f"grade the deployed site with --url http://{host}/, or set ssl_redirect to true "
        "to make Django redirect"
    )
