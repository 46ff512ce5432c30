"""Host validation for private container addresses, which ALLOWED_HOSTS cannot express."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponseBase
from django.http.request import split_domain_port


class PrivateNetworkHostMiddleware:
    """Accept a Host that is an IPv4 address inside DJANGO_CFG_PRIVATE_HOST_NETWORKS.

    Django matches ALLOWED_HOSTS entries literally, so a network cannot be listed
    there. For a request whose Host is such an address, this middleware makes
    ``request.get_host()`` return that Host; every other request is left to
    ALLOWED_HOSTS. It must come before any middleware that calls get_host().
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        networks = getattr(settings, "DJANGO_CFG_PRIVATE_HOST_NETWORKS", [])
        if not networks:
            raise MiddlewareNotUsed
        self.networks = tuple(ipaddress.IPv4Network(network) for network in networks)
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        host = raw_host(request)
        if self._is_private_address(host):
            request.get_host = lambda: host  # type: ignore[method-assign]
        return self.get_response(request)

    def _is_private_address(self, host: str) -> bool:
        domain, _port = split_domain_port(host)
        # An IPv4 address ends with a digit. Most requests carry a name, and parsing
        # it would raise and catch a ValueError on every request.
        if not domain[-1:].isdigit():
            return False
        try:
            address = ipaddress.IPv4Address(domain)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def raw_host(request: HttpRequest) -> str:
    """Return the Host a request names, from the headers HttpRequest.get_host() reads."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in request.META:
        return str(request.META["HTTP_X_FORWARDED_HOST"])
    if "HTTP_HOST" in request.META:
        return str(request.META["HTTP_HOST"])
    return str(request.META.get("SERVER_NAME", ""))
