"""The tests that read one response header each, and the redirection test."""

from __future__ import annotations

from urllib.parse import urlsplit

from django_cfg.cli.observatory.csp import frame_ancestors_set
from django_cfg.cli.observatory.responses import Response

#: Six months in seconds as the Observatory counts them (180 days).
SIX_MONTHS = 15_552_000

PRIVATE_REFERRER_POLICIES = frozenset(
    {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
)
UNSAFE_REFERRER_POLICIES = frozenset(
    {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
)
KNOWN_REFERRER_POLICIES = PRIVATE_REFERRER_POLICIES | UNSAFE_REFERRER_POLICIES

#: The Origin header sent with audit requests: a name under the reserved .invalid
#: top-level domain, so it cannot belong to any site.
AUDIT_ORIGIN = "https://audit.django-cfg.invalid"


def grade_hsts(https_response: Response | None) -> str:
    """Return the HSTS result for the response received over https, if any.

    NOTE: the Observatory also awards 5 points to a domain on the browsers' HSTS
    preload list. That list is not available here, so no domain earns them.
    """
    if https_response is None:
        return "hsts-not-implemented-no-https"
    values = https_response.header_values("strict-transport-security")
    if not values:
        return "hsts-not-implemented"
    if len(values) > 1 or "," in values[0]:
        return "hsts-header-invalid"

    max_age = None
    for directive in values[0].split(";"):
        name, _, value = directive.strip().lower().partition("=")
        if name == "max-age" and value.strip().strip('"').isdigit():
            max_age = int(value.strip().strip('"'))
    if max_age is None:
        return "hsts-header-invalid"
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


def hsts_passes(result: str) -> bool:
    """Return whether an HSTS result keeps browsers off http, as the cookies test needs."""
    return result == "hsts-implemented-max-age-at-least-six-months"


def grade_content_type_options(response: Response) -> str:
    value = response.first_header("x-content-type-options")
    if value is None:
        return "x-content-type-options-not-implemented"
    if value.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def grade_frame_options(response: Response) -> str:
    """Return the framing result; CSP frame-ancestors takes precedence over X-Frame-Options."""
    if frame_ancestors_set(response):
        return "x-frame-options-implemented-via-csp"
    value = response.first_header("x-frame-options")
    if value is None:
        return "x-frame-options-not-implemented"
    value = value.strip().lower()
    if value in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny"
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def grade_referrer_policy(response: Response) -> str:
    """Return the Referrer-Policy result for the last policy value that browsers recognize."""
    values = response.header_values("referrer-policy")
    if not values:
        return "referrer-policy-not-implemented"
    tokens = [token.strip().lower() for value in values for token in value.split(",")]
    known = [token for token in tokens if token in KNOWN_REFERRER_POLICIES]
    if not known:
        return "referrer-policy-header-invalid"
    if known[-1] in PRIVATE_REFERRER_POLICIES:
        return "referrer-policy-private"
    return "referrer-policy-unsafe"


def grade_resource_policy(response: Response) -> str:
    value = response.first_header("cross-origin-resource-policy")
    if value is None:
        return "corp-not-implemented"
    return {
        "same-origin": "corp-implemented-with-same-origin",
        "same-site": "corp-implemented-with-same-site",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(value.strip().lower(), "corp-header-invalid")


def grade_cors(response: Response) -> str:
    """Return the CORS result of a response to a request sent with AUDIT_ORIGIN."""
    allowed = response.first_header("access-control-allow-origin")
    if allowed is None:
        return "cross-origin-resource-sharing-not-implemented"
    allowed = allowed.strip().lower()
    if allowed == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    credentials = (response.first_header("access-control-allow-credentials") or "").strip()
    if allowed == AUDIT_ORIGIN and credentials.lower() == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def grade_redirection(route: tuple[str, ...]) -> str:
    """Return the redirection result for the URLs visited from the http URL, in order.

    NOTE: the Observatory passes a route whose hosts are all on the HSTS preload
    list. That list is not available here, so such a route is graded like any other.
    """
    if len(route) == 1:
        return "redirection-missing"
    first, second, last = (urlsplit(url) for url in (route[0], route[1], route[-1]))
    if last.scheme != "https":
        return "redirection-not-to-https"
    if second.scheme == "http":
        return "redirection-not-to-https-on-initial-redirection"
    if first.hostname != second.hostname:
        return "redirection-off-host-from-http"
    return "redirection-to-https"
