"""Parsing of ``security_domains`` entries into hosts and origins.

One entry such as ``"admin.myapp.com:8443"`` becomes a :class:`Domain`, which
provides its ALLOWED_HOSTS entry, its origin for CSRF_TRUSTED_ORIGINS and
CORS_ALLOWED_ORIGINS, and, for a wildcard, the regular expression that
django-cors-headers matches.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Literal

Scheme = Literal["http", "https"]

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}

_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_MAX_HOST_LENGTH = 253

# Python's "idna" codec follows IDNA 2003, which maps these characters to others
# ("faß" to "fass") or drops them. Browsers follow UTS #46 without transitional
# processing and keep them ("faß" to "xn--fa-hia"), so the codec would name
# another domain than the one browsers send.
_IDNA_DEVIATIONS = frozenset({"ß", "ς", "\u200c", "\u200d"})

EXPECTED_ENTRY = (
    "a host name with an optional http(s) scheme and port, "
    "such as 'myapp.com', 'https://api.myapp.com' or 'admin.myapp.com:8443'"
)


class InvalidDomain(ValueError):
    """A ``security_domains`` entry that cannot become a host and an origin."""

    def __init__(self, found: str, fix: str, expected: str = EXPECTED_ENTRY) -> None:
        super().__init__(found)
        self.found = found
        self.fix = fix
        self.expected = expected


@dataclass(frozen=True)
class Domain:
    """A parsed ``security_domains`` entry.

    ``host`` is lower-case ASCII (punycode for an internationalized name) and,
    for an IPv6 address, has no brackets. ``port`` is None for the scheme's
    default port. A wildcard domain covers ``host`` and every name below it.
    """

    scheme: Scheme
    host: str
    port: int | None
    wildcard: bool = False

    @property
    def is_ipv6(self) -> bool:
        return ":" in self.host

    @property
    def allowed_host(self) -> str:
        """Return the ALLOWED_HOSTS entry, which never carries a port."""
        if self.wildcard:
            return f".{self.host}"
        if self.is_ipv6:
            return f"[{self.host}]"
        return self.host

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if self.is_ipv6 else self.host
        if self.wildcard:
            host = f"*.{host}"
        return host if self.port is None else f"{host}:{self.port}"

    @property
    def origin(self) -> str:
        """Return the origin as browsers send it; a wildcard uses Django's ``*.`` form."""
        return f"{self.scheme}://{self.netloc}"

    @property
    def cors_origin_regex(self) -> str:
        """Return a pattern matching the origins of this wildcard and its subdomains."""
        port = "" if self.port is None else re.escape(f":{self.port}")
        return rf"^{self.scheme}://(?:[a-z0-9-]+\.)*{re.escape(self.host)}{port}\Z"


def parse_domain(entry: object) -> Domain:
    """Parse one ``security_domains`` entry; raise InvalidDomain with the fix."""
    if not isinstance(entry, str):
        raise InvalidDomain(
            found=f"{type(entry).__name__} {entry!r}",
            fix="write each domain as a string",
        )
    text = entry.strip().lower()
    if not text:
        raise InvalidDomain(found="an empty entry", fix="remove the empty entry")
    # Checked before any other rule, because the other messages quote the entry
    # and must not show a user name or password.
    if "@" in text:
        raise InvalidDomain(
            found="an entry with user information before '@'",
            fix="remove the user name and password; give only the scheme, host and port",
        )

    scheme, authority = _split_scheme(text)
    host_text, port = _split_port(authority)
    host, wildcard = _parse_host(host_text)

    if port == DEFAULT_PORTS[scheme]:
        port = None
    return Domain(scheme=scheme, host=host, port=port, wildcard=wildcard)


def parse_domains(entries: list[str]) -> tuple[Domain, ...]:
    """Parse every entry, keeping input order and dropping repeats."""
    domains: dict[Domain, None] = {}
    for entry in entries:
        domains.setdefault(parse_domain(entry), None)
    return tuple(domains)


def _split_scheme(text: str) -> tuple[Scheme, str]:
    # A bare "host:port" must not reach urllib.parse.urlsplit, which would read
    # the host as a scheme, so the scheme is only taken from an explicit "://".
    scheme, separator, rest = text.partition("://")
    if not separator:
        return "https", _authority(text)
    if scheme == "https":
        return "https", _authority(rest)
    if scheme == "http":
        return "http", _authority(rest)
    raise InvalidDomain(
        found=f"the scheme {scheme!r} in {text!r}",
        fix="use https:// (or http://), or leave the scheme out to get https",
    )


def _authority(text: str) -> str:
    if text.endswith("/"):
        text = text[:-1]
    if _is_cidr(text):
        raise InvalidDomain(
            found=f"the network {text!r}",
            fix=(
                "list host names, not networks; private container networks are "
                "accepted through the container_hosts field"
            ),
        )
    for character, part in (("/", "path"), ("?", "query"), ("#", "fragment")):
        if character in text:
            raise InvalidDomain(
                found=f"a {part} in {text!r}",
                fix=f"remove the {part}; an entry names a scheme, a host and a port only",
            )
    if not text:
        raise InvalidDomain(found="a scheme without a host", fix="add the host name")
    return text


def _is_cidr(text: str) -> bool:
    address, slash, prefix = text.partition("/")
    if not slash or not prefix.isdigit():
        return False
    try:
        ipaddress.ip_network(f"{address.strip('[]')}/{prefix}", strict=False)
    except ValueError:
        return False
    return True


def _split_port(authority: str) -> tuple[str, int | None]:
    if authority.startswith("["):
        address, bracket, after = authority[1:].partition("]")
        if not bracket or (after and not after.startswith(":")):
            raise InvalidDomain(
                found=f"an unclosed or malformed IPv6 literal {authority!r}",
                fix="write an IPv6 address as '[::1]' or '[::1]:8443'",
            )
        return f"[{address}]", _parse_port(after[1:], authority) if after else None
    if authority.count(":") >= 2:
        return authority, None
    host, colon, port = authority.partition(":")
    return host, _parse_port(port, authority) if colon else None


def _parse_port(port: str, authority: str) -> int:
    if port.isascii() and port.isdigit() and 1 <= int(port) <= 65535:
        return int(port)
    raise InvalidDomain(
        found=f"the port {port!r} in {authority!r}",
        fix="give a port number from 1 to 65535 after the colon, or no colon at all",
    )


def _parse_host(text: str) -> tuple[str, bool]:
    if text.startswith("[") or ":" in text:
        return _parse_ipv6(text.strip("[]")), False
    if text == "*":
        raise InvalidDomain(
            found="'*', which would accept any Host header",
            fix="list each domain the site serves; '*.myapp.com' covers one domain's subdomains",
        )

    wildcard = text.startswith(("*.", "."))
    name = text.removeprefix("*." if text.startswith("*.") else ".").removesuffix(".")
    if "*" in name:
        raise InvalidDomain(
            found=f"a misplaced '*' in {text!r}",
            fix="write the wildcard only as a whole first label, as in '*.myapp.com'",
        )
    if _is_ipv4_like(name):
        return _parse_ipv4(name, text, wildcard), wildcard
    return _parse_name(name, text, wildcard), wildcard


def _parse_ipv6(text: str) -> str:
    try:
        address = ipaddress.IPv6Address(text)
    except ValueError:
        raise InvalidDomain(
            found=f"the invalid IPv6 address {text!r}",
            fix="write an IPv6 address as '[::1]' or '[2001:db8::1]:8443'",
        ) from None
    if address.scope_id is not None:
        raise InvalidDomain(
            found=f"the zone index in the IPv6 address {text!r}",
            fix="remove the '%' and the zone after it; Django rejects a Host header with a zone",
        )
    return address.compressed


def _is_ipv4_like(name: str) -> bool:
    return all(label.isdigit() for label in name.split("."))


def _parse_ipv4(name: str, text: str, wildcard: bool) -> str:
    if wildcard:
        raise InvalidDomain(
            found=f"a wildcard on the IP address {text!r}",
            fix="wildcards apply to domain names; list each address on its own",
        )
    try:
        return str(ipaddress.IPv4Address(name))
    except ValueError:
        raise InvalidDomain(
            found=f"the invalid IPv4 address {text!r}",
            fix="write an IPv4 address as four numbers from 0 to 255, such as '10.0.0.5'",
        ) from None


def _parse_name(name: str, text: str, wildcard: bool) -> str:
    if "_" in name:
        raise InvalidDomain(
            found=f"an underscore in {text!r}",
            fix=(
                "use hyphens instead: host names allow letters, digits, hyphens and "
                "dots (RFC 1123), and Django rejects a Host header with '_'"
            ),
        )
    ascii_name = _to_ascii(name, text)
    labels = ascii_name.split(".")
    if len(ascii_name) > _MAX_HOST_LENGTH or not all(_LABEL.fullmatch(x) for x in labels):
        raise InvalidDomain(
            found=f"the invalid host name {text!r}",
            fix=(
                "use labels of 1 to 63 letters, digits or inner hyphens, "
                "separated by dots, such as 'api.myapp.com'"
            ),
        )
    if labels[-1].isdigit():
        # Browsers read a name ending in a number as an IPv4 address (WHATWG URL
        # Standard), so its origin would never be sent as written.
        raise InvalidDomain(
            found=f"the host name {text!r}, whose last label is a number",
            fix="write an IPv4 address as four numbers from 0 to 255, or use a domain name",
        )
    if wildcard and len(labels) < 2:
        raise InvalidDomain(
            found=f"the wildcard {text!r}, which covers a whole top-level domain",
            fix="name the site's own domain under the wildcard, as in '*.myapp.com'",
        )
    return ascii_name


def _to_ascii(name: str, text: str) -> str:
    if name.isascii():
        return name
    deviation = next((character for character in name if character in _IDNA_DEVIATIONS), None)
    if deviation is not None:
        raise InvalidDomain(
            found=f"the character {deviation!r} in {text!r}, which Python's IDNA codec rewrites",
            fix="write the punycode form that browsers send, such as 'xn--fa-hia.de' for 'faß.de'",
        )
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidDomain(
            found=f"the internationalized name {text!r}, which has no valid IDNA form",
            fix="check the spelling, or write the punycode form ('xn--...') yourself",
        ) from None
