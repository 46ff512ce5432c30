"""Client IP resolution behind proxies, and IP network sets."""

import pytest

from django_cfg.ip import IPNetworkSet, resolve_client_ip

DEFAULT_ORDER = ["HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "REMOTE_ADDR"]


@pytest.mark.parametrize(
    ("forwarded_for", "proxy_count", "expected"),
    [
        ("203.0.113.7", 1, "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", 1, "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7, 172.68.1.1", 2, "203.0.113.7"),
        ("203.0.113.7, 172.68.1.1", 2, "203.0.113.7"),
        ("172.68.1.1", 2, "10.0.0.1"),
        ("not-an-ip", 1, "10.0.0.1"),
        ("198.51.100.1, not-an-ip", 1, "10.0.0.1"),
        (" 2001:db8::7 ", 1, "2001:db8::7"),
        ("::ffff:203.0.113.7", 1, "203.0.113.7"),
    ],
)
def test_forwarded_for_read_from_right(
    forwarded_for: str, proxy_count: int, expected: str
) -> None:
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded_for}

    assert resolve_client_ip(meta, proxy_count, DEFAULT_ORDER) == expected


def test_no_proxies_believes_no_header() -> None:
    meta = {
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_X_FORWARDED_FOR": "203.0.113.7",
        "HTTP_X_REAL_IP": "203.0.113.8",
    }

    assert resolve_client_ip(meta, 0, DEFAULT_ORDER) == "10.0.0.1"


def test_real_ip_used_when_forwarded_missing() -> None:
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "203.0.113.8"}

    assert resolve_client_ip(meta, 1, DEFAULT_ORDER) == "203.0.113.8"


def test_single_value_header_with_list_ignored() -> None:
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "198.51.100.1, 203.0.113.8"}

    assert resolve_client_ip(meta, 1, DEFAULT_ORDER) == "10.0.0.1"


def test_remote_addr_stops_precedence() -> None:
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "203.0.113.8"}

    assert resolve_client_ip(meta, 1, ["REMOTE_ADDR", "HTTP_X_REAL_IP"]) == "10.0.0.1"


def test_cloudflare_order() -> None:
    meta = {
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_CF_CONNECTING_IP": "203.0.113.9",
        "HTTP_X_FORWARDED_FOR": "203.0.113.9, 172.68.1.1",
    }
    order = ["HTTP_CF_CONNECTING_IP", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "REMOTE_ADDR"]

    assert resolve_client_ip(meta, 2, order) == "203.0.113.9"


def test_trusted_proxies_gate_headers() -> None:
    trusted = IPNetworkSet(["10.0.0.0/24"])
    through_proxy = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    around_proxy = {"REMOTE_ADDR": "198.51.100.4", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}

    assert resolve_client_ip(through_proxy, 1, DEFAULT_ORDER, trusted) == "203.0.113.7"
    assert resolve_client_ip(around_proxy, 1, DEFAULT_ORDER, trusted) == "198.51.100.4"


def test_missing_remote_addr_gives_none() -> None:
    assert resolve_client_ip({}, 1, DEFAULT_ORDER) is None


@pytest.mark.parametrize(
    ("address", "inside"),
    [
        ("192.168.1.1", True),
        ("192.168.1.255", True),
        ("192.168.2.1", False),
        ("10.0.0.100", True),
        ("10.0.0.101", False),
        ("2001:db8:abcd:ffff::1", True),
        ("2001:db8:abce::1", False),
        ("::ffff:10.0.0.100", True),
        ("garbage", False),
        ("", False),
    ],
)
def test_network_set_membership(address: str, inside: bool) -> None:
    networks = IPNetworkSet(["192.168.1.0/24", "10.0.0.100", "2001:db8:abcd::/48"])

    assert (address in networks) is inside


def test_network_set_non_string_not_member() -> None:
    assert None not in IPNetworkSet(["10.0.0.0/8"])


def test_network_set_lists_networks() -> None:
    networks = IPNetworkSet(["10.0.0.100", "2001:db8::/32"])

    assert list(networks) == ["10.0.0.100/32", "2001:db8::/32"]
    assert len(networks) == 2
    assert repr(networks) == "IPNetworkSet(['10.0.0.100/32', '2001:db8::/32'])"
