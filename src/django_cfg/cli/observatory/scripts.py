"""The Subresource Integrity test: where a page's scripts come from and whether they are hashed."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django_cfg.cli.observatory.responses import Response
from django_cfg.cli.observatory.results import RESULTS

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class Script:
    """A <script> tag: its src (None for an inline script) and whether it has integrity."""

    src: str | None
    integrity: bool


class _ScriptCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[Script] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        src = (attributes.get("src") or "").strip() or None
        self.scripts.append(Script(src=src, integrity=bool(attributes.get("integrity"))))


def find_scripts(html: str) -> list[Script]:
    collector = _ScriptCollector()
    collector.feed(html)
    collector.close()
    return collector.scripts


def grade_subresource_integrity(response: Response) -> str:
    """Return the SRI result for the scripts of an HTML response."""
    content_type = (response.first_header("content-type") or "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES:
        return "sri-not-implemented-response-not-html"
    scripts = find_scripts(response.body.decode("utf-8", errors="replace"))
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded"

    page = urlsplit(response.url)
    foreign = [
        _foreign_script_result(script.src, script.integrity)
        for script in scripts
        if script.src is not None and not _same_site(script.src, page.hostname)
    ]
    if foreign:
        return min(foreign, key=lambda name: RESULTS[name].modifier)

    own_hashed = any(
        script.src is not None and script.integrity and _loaded_securely(script.src, page.scheme)
        for script in scripts
    )
    if own_hashed:
        return "sri-implemented-and-all-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def _foreign_script_result(src: str, integrity: bool) -> str:
    secure = urlsplit(src).scheme == "https"
    if integrity and secure:
        return "sri-implemented-and-external-scripts-loaded-securely"
    if integrity:
        return "sri-implemented-but-external-scripts-not-loaded-securely"
    if secure:
        return "sri-not-implemented-but-external-scripts-loaded-securely"
    return "sri-not-implemented-and-external-scripts-not-loaded-securely"


def _same_site(src: str, page_host: str | None) -> bool:
    """Return whether a script URL is on the page's own domain.

    A relative URL is; a protocol-relative ``//host`` URL never counts as safe.
    An absolute URL is when its host shares the page's registrable domain.
    """
    if src.startswith("//"):
        return False
    parts = urlsplit(src)
    if parts.scheme not in ("http", "https"):
        return True
    return _registrable_domain(parts.hostname) == _registrable_domain(page_host)


def _registrable_domain(host: str | None) -> str | None:
    """Return the last two labels of a host name, or an IP address as it is.

    NOTE: without the Public Suffix List, two sites under a public suffix of two
    labels (a.co.uk and b.co.uk) count as one domain, which the Observatory avoids.
    """
    if host is None:
        return None
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return ".".join(host.rstrip(".").split(".")[-2:])


def _loaded_securely(src: str, page_scheme: str) -> bool:
    scheme = urlsplit(src).scheme
    return scheme == "https" or (scheme == "" and page_scheme == "https")
