"""Parsing of security_domains entries: hosts, origins, wildcard patterns and errors."""

import re

import pytest

from django_cfg import ConfigError, DjangoConfig
from django_cfg.domains import Domain, InvalidDomain, parse_domain, parse_domains
from tests.conftest import STRONG_KEY

WILDCARD_PATTERN = r"^https://(?:[a-z0-9-]+\.)*x\.com\Z"

EXPECTED_ENTRY = (
    "a host name with an optional http(s) scheme and port, "
    "such as 'myapp.com', 'https://api.myapp.com' or 'admin.myapp.com:8443'"
)


@pytest.mark.parametrize(
    ("entry", "allowed_host", "origin"),
    [
        pytest.param("myapp.com", "myapp.com", "https://myapp.com", id="bare-name"),
        pytest.param(
            "https://api.myapp.com", "api.myapp.com", "https://api.myapp.com", id="https"
        ),
        pytest.param(
            "admin.myapp.com:8443",
            "admin.myapp.com",
            "https://admin.myapp.com:8443",
            id="bare-port",
        ),
        pytest.param("https://x.com:443", "x.com", "https://x.com", id="https-default-port"),
        pytest.param("http://x.com:80", "x.com", "http://x.com", id="http-default-port"),
        pytest.param("http://x.com", "x.com", "http://x.com", id="http-kept"),
        pytest.param(" MyApp.COM/ ", "myapp.com", "https://myapp.com", id="case-space-slash"),
        pytest.param("https://x.com/", "x.com", "https://x.com", id="trailing-slash"),
        pytest.param("*.x.com", ".x.com", "https://*.x.com", id="star-wildcard"),
        pytest.param(".x.com", ".x.com", "https://*.x.com", id="dot-wildcard"),
        pytest.param("bücher.de", "xn--bcher-kva.de", "https://xn--bcher-kva.de", id="idn"),
        pytest.param("::1", "[::1]", "https://[::1]", id="ipv6"),
        pytest.param("[::1]:8443", "[::1]", "https://[::1]:8443", id="ipv6-port"),
    ],
)
def test_domain_table_row(entry: str, allowed_host: str, origin: str) -> None:
    domain = parse_domain(entry)

    assert domain.allowed_host == allowed_host
    assert domain.origin == origin


@pytest.mark.parametrize("entry", ["*.x.com", ".x.com"])
def test_wildcard_cors_pattern(entry: str) -> None:
    assert parse_domain(entry).cors_origin_regex == WILDCARD_PATTERN


def test_wildcard_with_port_pattern() -> None:
    domain = parse_domain("*.x.com:8443")

    assert domain.origin == "https://*.x.com:8443"
    assert domain.cors_origin_regex == r"^https://(?:[a-z0-9-]+\.)*x\.com:8443\Z"


@pytest.mark.parametrize("origin", ["https://a.x.com", "https://a.b.x.com", "https://x.com"])
def test_wildcard_pattern_matches(origin: str) -> None:
    assert re.match(WILDCARD_PATTERN, origin) is not None


@pytest.mark.parametrize(
    "origin",
    [
        "https://evilx.com",
        "https://a.x.com.evil.com",
        "https://a.x.com:8443",
        "http://a.x.com",
        "https://a.x.com\n",
    ],
)
def test_wildcard_pattern_rejects(origin: str) -> None:
    assert re.match(WILDCARD_PATTERN, origin) is None


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        pytest.param("myapp.com", Domain("https", "myapp.com", None), id="name"),
        pytest.param("http://x.com:8080", Domain("http", "x.com", 8080), id="http-port"),
        pytest.param("*.x.com", Domain("https", "x.com", None, wildcard=True), id="wildcard"),
        pytest.param("10.0.0.5:8000", Domain("https", "10.0.0.5", 8000), id="ipv4-port"),
        pytest.param(
            "[2001:DB8:0::1]", Domain("https", "2001:db8::1", None), id="ipv6-compressed"
        ),
        pytest.param("myapp.com.", Domain("https", "myapp.com", None), id="trailing-dot"),
        pytest.param("https://x.com:80", Domain("https", "x.com", 80), id="https-port-80"),
    ],
)
def test_domain_fields(entry: str, expected: Domain) -> None:
    assert parse_domain(entry) == expected


# Each row: the entry, the "found" text and the "fix" text of its error.
ERRORS = [
    pytest.param(
        "*",
        "'*', which would accept any Host header",
        "list each domain the site serves; '*.myapp.com' covers one domain's subdomains",
        id="star",
    ),
    pytest.param("", "an empty entry", "remove the empty entry", id="empty"),
    pytest.param("   ", "an empty entry", "remove the empty entry", id="blank"),
    pytest.param(
        "myapp.com/admin",
        "a path in 'myapp.com/admin'",
        "remove the path; an entry names a scheme, a host and a port only",
        id="path",
    ),
    pytest.param(
        "https://myapp.com?next=1",
        "a query in 'myapp.com?next=1'",
        "remove the query; an entry names a scheme, a host and a port only",
        id="query",
    ),
    pytest.param(
        "myapp.com#top",
        "a fragment in 'myapp.com#top'",
        "remove the fragment; an entry names a scheme, a host and a port only",
        id="fragment",
    ),
    pytest.param(
        "my_app.com",
        "an underscore in 'my_app.com'",
        "use hyphens instead: host names allow letters, digits, hyphens and dots "
        "(RFC 1123), and Django rejects a Host header with '_'",
        id="underscore",
    ),
    pytest.param(
        "ftp://myapp.com",
        "the scheme 'ftp' in 'ftp://myapp.com'",
        "use https:// (or http://), or leave the scheme out to get https",
        id="ftp-scheme",
    ),
    pytest.param(
        "10.0.0.0/8",
        "the network '10.0.0.0/8'",
        "list host names, not networks; private container networks are accepted "
        "through the container_hosts field",
        id="cidr",
    ),
    pytest.param(
        "myapp.com:99999",
        "the port '99999' in 'myapp.com:99999'",
        "give a port number from 1 to 65535 after the colon, or no colon at all",
        id="port-range",
    ),
    pytest.param(
        "myapp.com:http",
        "the port 'http' in 'myapp.com:http'",
        "give a port number from 1 to 65535 after the colon, or no colon at all",
        id="port-name",
    ),
    pytest.param(
        "admin:hunter2@myapp.com",
        "an entry with user information before '@'",
        "remove the user name and password; give only the scheme, host and port",
        id="user-info",
    ),
    pytest.param(
        "api.*.myapp.com",
        "a misplaced '*' in 'api.*.myapp.com'",
        "write the wildcard only as a whole first label, as in '*.myapp.com'",
        id="inner-star",
    ),
    pytest.param(
        "*myapp.com",
        "a misplaced '*' in '*myapp.com'",
        "write the wildcard only as a whole first label, as in '*.myapp.com'",
        id="star-without-dot",
    ),
    pytest.param(
        "*.com",
        "the wildcard '*.com', which covers a whole top-level domain",
        "name the site's own domain under the wildcard, as in '*.myapp.com'",
        id="top-level-wildcard",
    ),
    pytest.param(42, "int 42", "write each domain as a string", id="not-string"),
    pytest.param(
        "x.123",
        "the host name 'x.123', whose last label is a number",
        "write an IPv4 address as four numbers from 0 to 255, or use a domain name",
        id="numeric-top-level",
    ),
    pytest.param(
        "0x7f.0.0.1",
        "the host name '0x7f.0.0.1', whose last label is a number",
        "write an IPv4 address as four numbers from 0 to 255, or use a domain name",
        id="hex-ipv4",
    ),
    pytest.param(
        "faß.de",
        "the character 'ß' in 'faß.de', which Python's IDNA codec rewrites",
        "write the punycode form that browsers send, such as 'xn--fa-hia.de' for 'faß.de'",
        id="idna-deviation",
    ),
    pytest.param(
        "STRAẞE.de",
        "the character 'ß' in 'straße.de', which Python's IDNA codec rewrites",
        "write the punycode form that browsers send, such as 'xn--fa-hia.de' for 'faß.de'",
        id="idna-capital-sharp-s",
    ),
    pytest.param(
        "[fe80::1%eth0]",
        "the zone index in the IPv6 address 'fe80::1%eth0'",
        "remove the '%' and the zone after it; Django rejects a Host header with a zone",
        id="ipv6-zone",
    ),
]


@pytest.mark.parametrize(("entry", "found", "fix"), ERRORS)
def test_invalid_entry_error(entry: object, found: str, fix: str) -> None:
    with pytest.raises(InvalidDomain) as caught:
        parse_domain(entry)

    assert caught.value.found == found
    assert caught.value.fix == fix
    assert caught.value.expected == EXPECTED_ENTRY


@pytest.mark.parametrize(("entry", "found", "fix"), ERRORS)
def test_invalid_entry_config_error(entry: object, found: str, fix: str) -> None:
    with pytest.raises(ConfigError) as caught:
        DjangoConfig(secret_key=STRONG_KEY, debug=False, security_domains=[entry])

    assert str(caught.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        f"- security_domains[0]: found {found}\n"
        f"    expected: {EXPECTED_ENTRY}\n"
        f"    fix: {fix}"
    )


def test_invalid_entries_listed_together() -> None:
    with pytest.raises(ConfigError) as caught:
        DjangoConfig(
            secret_key=STRONG_KEY,
            debug=False,
            security_domains=["myapp.com", "my_app.com", "*"],
        )

    fields = [problem.field for problem in caught.value.problems]
    assert fields == ["security_domains[1]", "security_domains[2]"]


@pytest.mark.parametrize(
    "entry",
    ["https://admin:hunter2@myapp.com", "ftp://admin:hunter2@myapp.com", "admin:hunter2@[::1]"],
)
def test_credentials_not_in_error(entry: str) -> None:
    with pytest.raises(ConfigError) as caught:
        DjangoConfig(secret_key=STRONG_KEY, debug=False, security_domains=[entry])

    assert "hunter2" not in str(caught.value)
    assert caught.value.problems[0].found == "an entry with user information before '@'"


DUPLICATED_ENTRIES = [
    "myapp.com",
    "https://api.myapp.com",
    "MyApp.com/",
    "https://myapp.com:443",
    "http://myapp.com",
    "myapp.com:8443",
    "*.myapp.com",
    "http://MYAPP.com:80",
    ".myapp.com",
]

UNIQUE_DOMAINS = (
    Domain("https", "myapp.com", None),
    Domain("https", "api.myapp.com", None),
    Domain("http", "myapp.com", None),
    Domain("https", "myapp.com", 8443),
    Domain("https", "myapp.com", None, wildcard=True),
)


def test_parse_domains_drops_repeats() -> None:
    assert parse_domains(DUPLICATED_ENTRIES) == UNIQUE_DOMAINS


def test_config_domains_drops_repeats() -> None:
    config = DjangoConfig(secret_key=STRONG_KEY, debug=False, security_domains=DUPLICATED_ENTRIES)

    assert config.domains == UNIQUE_DOMAINS


def test_parse_domains_keeps_order() -> None:
    domains = parse_domains(["b.com", "a.com", "c.com", "a.com"])

    assert [domain.host for domain in domains] == ["b.com", "a.com", "c.com"]
