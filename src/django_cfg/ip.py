"""Client IP resolution behind proxies, and sets of IP networks that match addresses.

django-axes compares a client address with its allow and deny lists through
``in``, and finds the client address with ``AXES_CLIENT_IP_CALLABLE``; both are
provided here.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: The request header that each proxy appends the address of its client to.
FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


class IPNetworkSet:
    """Networks that an address string is tested against with ``in``.

    A single address is a network of one (a /32 or /128). An IPv4 address
    mapped into IPv6 (``::ffff:10.0.0.1``) matches as its IPv4 form.
    """

    def __init__(self, networks: Iterable[str]) -> None:
        self._networks = tuple(ipaddress.ip_network(network) for network in networks)

    def __contains__(self, address: object) -> bool:
        parsed = parse_address(address) if isinstance(address, str) else None
        if parsed is None:
            return False
        return any(parsed in network for network in self._networks)

    def __iter__(self) -> Iterator[str]:
        return (str(network) for network in self._networks)

    def __len__(self) -> int:
        return len(self._networks)

    def __bool__(self) -> bool:
        return bool(self._networks)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IPNetworkSet) and other._networks == self._networks

    def __hash__(self) -> int:
        return hash(self._networks)

    def __repr__(self) -> str:
        return f"IPNetworkSet({list(self)!r})"


def parse_address(text: str) -> IPAddress | None:
    """Return the address in ``text``, unwrapping IPv4-mapped IPv6; None if invalid."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def resolve_client_ip(
    meta: Mapping[str, object],
    proxy_count: int,
    precedence: Sequence[str],
    trusted_proxies: IPNetworkSet | None = None,
) -> str | None:
    """Return the client address of a request that passed through ``proxy_count`` proxies.

    Headers are read in ``precedence`` order, and ``REMOTE_ADDR`` there means
    the connecting peer itself. X-Forwarded-For is read from the right: each
    proxy appends the address it received the request from, so the client is
    the ``proxy_count``-th entry from the right, and entries further left were
    written by the client and are never read. Any other header is a single
    address that the nearest proxy set. With no proxies, or with
    ``trusted_proxies`` given and a peer outside them, no header is believed.
    """
    peer = _meta_address(meta, "REMOTE_ADDR")
    believe_headers = proxy_count > 0 and (
        trusted_proxies is None or (peer is not None and peer in trusted_proxies)
    )
    for name in precedence:
        if name == "REMOTE_ADDR":
            return peer
        if not believe_headers:
            continue
        address = _header_address(meta, name, proxy_count)
        if address is not None:
            return address
    return peer


def _header_address(meta: Mapping[str, object], name: str, proxy_count: int) -> str | None:
    value = meta.get(name)
    if not isinstance(value, str) or not value.strip():
        return None
    entries = [entry.strip() for entry in value.split(",")]
    if name == FORWARDED_FOR:
        if len(entries) < proxy_count:
            return None
        candidate = entries[-proxy_count]
    elif len(entries) == 1:
        candidate = entries[0]
    else:
        return None
    address = parse_address(candidate)
    return None if address is None else str(address)


def _meta_address(meta: Mapping[str, object], name: str) -> str | None:
    value = meta.get(name)
    if not isinstance(value, str):
        return None
    address = parse_address(value)
    return None if address is None else str(address)


def get_client_ip(request: HttpRequest) -> str | None:
    """Return the client address for django-axes (``AXES_CLIENT_IP_CALLABLE``)."""
    from django.conf import settings

    trusted = getattr(settings, "DJANGO_CFG_TRUSTED_PROXIES", None)
    return resolve_client_ip(
        request.META,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        precedence=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
        trusted_proxies=_network_set(tuple(trusted)) if trusted else None,
    )


@functools.lru_cache(maxsize=8)
def _network_set(networks: tuple[str, ...]) -> IPNetworkSet:
    return IPNetworkSet(networks)
