"""The cookies test: the Secure, HttpOnly and SameSite attributes of every cookie set."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from django_cfg.cli.observatory.responses import Response
from django_cfg.cli.observatory.results import RESULTS

#: Name fragments that mark a session or login cookie, and an anti-CSRF cookie.
SESSION_NAME_FRAGMENTS = ("login", "sess")
CSRF_NAME_FRAGMENT = "csrf"
VALID_SAME_SITE = frozenset({"lax", "strict", "none"})


@dataclass(frozen=True)
class Cookie:
    """The attributes of one Set-Cookie header that the test reads.

    ``same_site`` is the attribute's value as written, "" for the attribute
    without a value, and None when the attribute is absent.
    """

    name: str
    secure: bool
    http_only: bool
    same_site: str | None
    deleted: bool

    @property
    def is_session(self) -> bool:
        return any(fragment in self.name.lower() for fragment in SESSION_NAME_FRAGMENTS)

    @property
    def is_anti_csrf(self) -> bool:
        return CSRF_NAME_FRAGMENT in self.name.lower()


def parse_set_cookie(header: str) -> Cookie | None:
    """Parse one Set-Cookie header value; None when it has no ``name=value`` pair."""
    pair, *attributes = header.split(";")
    if "=" not in pair or not pair.split("=", 1)[0].strip():
        return None

    flags: dict[str, str] = {}
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        flags[key.strip().lower()] = value.strip()
    return Cookie(
        name=pair.split("=", 1)[0].strip(),
        secure="secure" in flags,
        http_only="httponly" in flags,
        same_site=flags.get("samesite"),
        deleted=_is_deletion(flags),
    )


def _is_deletion(attributes: dict[str, str]) -> bool:
    """Return whether the attributes expire the cookie at once, which deletes it."""
    max_age = attributes.get("max-age", "")
    if max_age.lstrip("-").isdigit():
        return int(max_age) <= 0
    try:
        expires = parsedate_to_datetime(attributes.get("expires", ""))
    except (TypeError, ValueError):
        return False
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    return expires <= datetime.now(UTC)


def grade_cookies(responses: Iterable[Response], *, hsts: bool) -> str:
    """Return the cookies result for every cookie the responses set.

    ``hsts`` is whether the HSTS test passed, which keeps cookies off http.
    """
    cookies = [
        cookie
        for response in responses
        for header in response.header_values("set-cookie")
        if (cookie := parse_set_cookie(header)) is not None and not cookie.deleted
    ]
    if not cookies:
        return "cookies-not-found"

    problems = [problem for cookie in cookies for problem in cookie_problems(cookie, hsts=hsts)]
    if problems:
        return min(problems, key=lambda name: RESULTS[name].modifier)
    if all(cookie.same_site for cookie in cookies):
        return "cookies-secure-with-httponly-sessions-and-samesite"
    return "cookies-secure-with-httponly-sessions"


def cookie_problems(cookie: Cookie, *, hsts: bool) -> list[str]:
    """Return the names of the negative results that ``cookie`` earns."""
    problems = []
    same_site = None if cookie.same_site is None else cookie.same_site.lower()
    if same_site is not None and same_site not in VALID_SAME_SITE:
        problems.append("cookies-samesite-flag-invalid")
    if same_site == "none" and not cookie.secure:
        problems.append("cookies-samesite-flag-invalid")
    if cookie.is_anti_csrf and same_site is None:
        problems.append("cookies-anticsrf-without-samesite-flag")
    if cookie.is_session and not cookie.http_only:
        problems.append("cookies-session-without-httponly-flag")

    if not cookie.secure:
        if cookie.is_session:
            problems.append(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts
                else "cookies-session-without-secure-flag"
            )
        problems.append(
            "cookies-without-secure-flag-but-protected-by-hsts"
            if hsts
            else "cookies-without-secure-flag"
        )
    return problems
