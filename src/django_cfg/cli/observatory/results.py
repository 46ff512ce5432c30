"""Every result an Observatory test can give here, with its score modifier and its fix.

The result names and modifiers are those of the MDN HTTP Observatory's scoring
table (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring);
the descriptions and fixes are written for Django and django-cfg settings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One outcome of one test: its score modifier, what it means and how to improve it."""

    test: str
    name: str
    modifier: int
    description: str
    fix: str | None = None


CSP = "content-security-policy"
COOKIES = "cookies"
CORS = "cross-origin-resource-sharing"
REDIRECTION = "redirection"
REFERRER_POLICY = "referrer-policy"
HSTS = "strict-transport-security"
SRI = "subresource-integrity"
CONTENT_TYPE_OPTIONS = "x-content-type-options"
FRAME_OPTIONS = "x-frame-options"
CORP = "cross-origin-resource-policy"

#: The tests in the order findings are printed.
TESTS = (
    CSP,
    COOKIES,
    CORS,
    REDIRECTION,
    REFERRER_POLICY,
    HSTS,
    SRI,
    CONTENT_TYPE_OPTIONS,
    FRAME_OPTIONS,
    CORP,
)

#: The name of the redirection outcome when the redirect from http was not observed.
REDIRECTION_NOT_GRADED = "redirection-not-graded"

_CSP_RESULTS = (
    Result(
        CSP,
        "csp-implemented-with-no-unsafe-default-src-none",
        10,
        "an enforced policy with default-src 'none', form-action 'self' or 'none', "
        "and no unsafe sources",
    ),
    Result(
        CSP,
        "csp-implemented-with-no-unsafe",
        5,
        "an enforced policy without 'unsafe-inline', 'unsafe-eval' or broad script sources",
        "for 5 more points, set default-src to 'none' and form-action to 'self' in "
        "csp_directives, and allow what the pages load in script-src, style-src, img-src "
        "and the like",
    ),
    Result(
        CSP,
        "csp-implemented-but-duplicate-directives",
        0,
        "an enforced policy that repeats report-uri or report-to",
        "write each directive once; browsers use the first and ignore the repeats",
    ),
    Result(
        CSP,
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        0,
        "style-src allows 'unsafe-inline', data: or a source as broad as https: or *",
        "remove them from style-src in csp_directives",
    ),
    Result(
        CSP,
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
        -10,
        "images or media may load over http on an https page",
        "remove http: and ftp: sources from img-src, media-src and default-src",
    ),
    Result(
        CSP,
        "csp-implemented-with-unsafe-eval",
        -10,
        "script-src or style-src allows 'unsafe-eval'",
        "stop using eval() and remove 'unsafe-eval'",
    ),
    Result(
        CSP,
        "csp-implemented-with-unsafe-inline",
        -20,
        "script-src allows 'unsafe-inline', data: or a broad source, or script-src or "
        "object-src is unrestricted",
        "mark inline scripts with the nonce ('nonce' in csp_directives) instead of "
        "'unsafe-inline', drop data: and broad sources, and set script-src and object-src "
        "(or default-src)",
    ),
    Result(
        CSP,
        "csp-implemented-with-insecure-scheme",
        -20,
        "scripts or other active content may load over http on an https page",
        "remove every http: and ftp: source from the policy",
    ),
    Result(
        CSP,
        "csp-header-invalid",
        -25,
        "the policy cannot be parsed: a directive is repeated, a policy is empty, or "
        "'strict-dynamic' comes without a nonce or hash",
        "write each directive once, and give 'strict-dynamic' a nonce or hash",
    ),
    Result(
        CSP,
        "csp-not-implemented-but-reporting-enabled",
        -25,
        "only Content-Security-Policy-Report-Only is sent, so nothing is blocked",
        "enforce the policy: set csp_report_only to false once the reports are clean",
    ),
    Result(
        CSP,
        "csp-not-implemented",
        -25,
        "no Content-Security-Policy header",
        "production mode sends a strict policy; in development set csp_directives, "
        "such as {'default-src': [\"'self'\"]}",
    ),
)

_COOKIE_RESULTS = (
    Result(
        COOKIES,
        "cookies-secure-with-httponly-sessions-and-samesite",
        5,
        "every cookie is Secure and has SameSite, and session cookies are HttpOnly",
    ),
    Result(
        COOKIES,
        "cookies-secure-with-httponly-sessions",
        0,
        "every cookie is Secure and session cookies are HttpOnly, but a cookie has no SameSite",
        "for 5 more points, give every cookie SameSite=Lax or Strict "
        "(SESSION_COOKIE_SAMESITE, CSRF_COOKIE_SAMESITE)",
    ),
    Result(
        COOKIES,
        "cookies-not-found",
        0,
        "the response sets no cookies",
        "to grade the cookie flags, audit a page that sets cookies, such as a login form",
    ),
    Result(
        COOKIES,
        "cookies-without-secure-flag-but-protected-by-hsts",
        -5,
        "a cookie is not Secure, but HSTS keeps it off http",
        "mark every cookie Secure (SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE)",
    ),
    Result(
        COOKIES,
        "cookies-session-without-secure-flag-but-protected-by-hsts",
        -10,
        "a session cookie is not Secure, but HSTS keeps it off http",
        "set SESSION_COOKIE_SECURE = True",
    ),
    Result(
        COOKIES,
        "cookies-without-secure-flag",
        -20,
        "a cookie is not Secure and no HSTS keeps it off http",
        "mark cookies Secure and send HSTS; production mode does both",
    ),
    Result(
        COOKIES,
        "cookies-samesite-flag-invalid",
        -20,
        "a cookie has a SameSite attribute without a valid value, or SameSite=None without Secure",
        "use SameSite=Lax or Strict",
    ),
    Result(
        COOKIES,
        "cookies-anticsrf-without-samesite-flag",
        -20,
        "the CSRF cookie has no SameSite attribute",
        "set CSRF_COOKIE_SAMESITE to 'Lax' or 'Strict'",
    ),
    Result(
        COOKIES,
        "cookies-session-without-httponly-flag",
        -30,
        "a session cookie is readable by scripts (no HttpOnly)",
        "set SESSION_COOKIE_HTTPONLY = True",
    ),
    Result(
        COOKIES,
        "cookies-session-without-secure-flag",
        -40,
        "a session cookie is not Secure and no HSTS keeps it off http",
        "set SESSION_COOKIE_SECURE = True and send HSTS; production mode does both",
    ),
)

_CORS_RESULTS = (
    Result(
        CORS,
        "cross-origin-resource-sharing-not-implemented",
        0,
        "a request from another origin gets no Access-Control-Allow-Origin",
    ),
    Result(
        CORS,
        "cross-origin-resource-sharing-implemented-with-public-access",
        0,
        "Access-Control-Allow-Origin: * without credentials, so any site may read public "
        "responses",
    ),
    Result(
        CORS,
        "cross-origin-resource-sharing-implemented-with-restricted-access",
        0,
        "Access-Control-Allow-Origin is limited to listed origins",
    ),
    Result(
        CORS,
        "cross-origin-resource-sharing-implemented-with-universal-access",
        -50,
        "any origin is echoed in Access-Control-Allow-Origin with credentials allowed, so "
        "every site can read signed-in responses",
        "allow only the trusted origins (security_domains) when credentials are allowed",
    ),
)

_REDIRECT_FIX = (
    "redirect http to https on the same host first: in production mode set ssl_redirect "
    "to true (SECURE_SSL_REDIRECT), or redirect in the proxy that terminates TLS"
)

_REDIRECTION_RESULTS = (
    Result(
        REDIRECTION,
        "redirection-to-https",
        0,
        "http redirects to https on the same host, and the last URL is https",
    ),
    Result(
        REDIRECTION,
        "redirection-off-host-from-http",
        -5,
        "the first redirect from http goes to another host, so the first host never receives HSTS",
        _REDIRECT_FIX,
    ),
    Result(
        REDIRECTION,
        "redirection-not-to-https-on-initial-redirection",
        -10,
        "the first redirect from http goes to another http URL",
        _REDIRECT_FIX,
    ),
    Result(
        REDIRECTION,
        "redirection-not-to-https",
        -20,
        "the redirects from http end on an http URL",
        _REDIRECT_FIX,
    ),
    Result(
        REDIRECTION,
        "redirection-missing",
        -20,
        "http is served without a redirect to https",
        _REDIRECT_FIX,
    ),
)

_PRIVATE_REFERRER_FIX = (
    "set referrer_policy (SECURE_REFERRER_POLICY) to 'same-origin' or "
    "'strict-origin-when-cross-origin'"
)

_REFERRER_RESULTS = (
    Result(
        REFERRER_POLICY,
        "referrer-policy-private",
        5,
        "Referrer-Policy is no-referrer, same-origin, strict-origin or "
        "strict-origin-when-cross-origin",
    ),
    Result(
        REFERRER_POLICY,
        "referrer-policy-not-implemented",
        0,
        "no Referrer-Policy header",
        f"for 5 more points, {_PRIVATE_REFERRER_FIX}",
    ),
    Result(
        REFERRER_POLICY,
        "referrer-policy-unsafe",
        -5,
        "Referrer-Policy sends full URLs or origins to other sites",
        _PRIVATE_REFERRER_FIX,
    ),
    Result(
        REFERRER_POLICY,
        "referrer-policy-header-invalid",
        -5,
        "Referrer-Policy has no valid policy value",
        _PRIVATE_REFERRER_FIX,
    ),
)

_HSTS_FIX = "set hsts_seconds (SECURE_HSTS_SECONDS) to 31536000, as production mode does"

_HSTS_RESULTS = (
    Result(
        HSTS,
        "hsts-implemented-max-age-at-least-six-months",
        0,
        "Strict-Transport-Security has a max-age of six months or more",
        "for 5 more points, get the domain onto the HSTS preload list (hstspreload.org); "
        "that list is not checked here",
    ),
    Result(
        HSTS,
        "hsts-implemented-max-age-less-than-six-months",
        -10,
        "Strict-Transport-Security has a max-age under six months (15552000 seconds)",
        _HSTS_FIX,
    ),
    Result(HSTS, "hsts-not-implemented", -20, "no Strict-Transport-Security header", _HSTS_FIX),
    Result(
        HSTS,
        "hsts-header-invalid",
        -20,
        "Strict-Transport-Security is repeated or has no max-age",
        _HSTS_FIX,
    ),
    Result(
        HSTS,
        "hsts-not-implemented-no-https",
        -20,
        "the site was not reached over https, so HSTS cannot apply",
        "serve the site over https",
    ),
)

_SRI_RESULTS = (
    Result(
        SRI,
        "sri-implemented-and-all-scripts-loaded-securely",
        5,
        "scripts come from the site's own domain over https and carry integrity hashes",
    ),
    Result(
        SRI,
        "sri-implemented-and-external-scripts-loaded-securely",
        5,
        "scripts from other domains load over https with integrity hashes",
    ),
    Result(SRI, "sri-not-implemented-response-not-html", 0, "the response is not HTML"),
    Result(SRI, "sri-not-implemented-but-no-scripts-loaded", 0, "the page has no scripts"),
    Result(
        SRI,
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        0,
        "every script comes from the site's own domain",
        "for 5 more points, add integrity attributes to the <script src> tags",
    ),
    Result(
        SRI,
        "sri-not-implemented-but-external-scripts-loaded-securely",
        -5,
        "scripts from other domains load over https without integrity hashes",
        "add integrity and crossorigin attributes to those <script src> tags",
    ),
    Result(
        SRI,
        "sri-implemented-but-external-scripts-not-loaded-securely",
        -20,
        "scripts from other domains load over http or a protocol-relative //host URL",
        "load them over https",
    ),
    Result(
        SRI,
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        -50,
        "scripts from other domains load over http or //host without integrity hashes",
        "load them over https with integrity and crossorigin attributes",
    ),
)

_NOSNIFF_FIX = "set content_type_nosniff (SECURE_CONTENT_TYPE_NOSNIFF) to true"

_CONTENT_TYPE_OPTIONS_RESULTS = (
    Result(
        CONTENT_TYPE_OPTIONS,
        "x-content-type-options-nosniff",
        0,
        "X-Content-Type-Options is nosniff",
    ),
    Result(
        CONTENT_TYPE_OPTIONS,
        "x-content-type-options-not-implemented",
        -5,
        "no X-Content-Type-Options header",
        _NOSNIFF_FIX,
    ),
    Result(
        CONTENT_TYPE_OPTIONS,
        "x-content-type-options-header-invalid",
        -5,
        "X-Content-Type-Options is not nosniff",
        _NOSNIFF_FIX,
    ),
)

_FRAME_FIX = (
    "add frame-ancestors 'none' to the policy (production's default), or set "
    "x_frame_options (X_FRAME_OPTIONS) to 'DENY'"
)

_FRAME_OPTIONS_RESULTS = (
    Result(
        FRAME_OPTIONS,
        "x-frame-options-implemented-via-csp",
        5,
        "framing is controlled by the policy's frame-ancestors",
    ),
    Result(
        FRAME_OPTIONS,
        "x-frame-options-sameorigin-or-deny",
        0,
        "X-Frame-Options is DENY or SAMEORIGIN",
        "for 5 more points, add frame-ancestors to the Content-Security-Policy",
    ),
    Result(
        FRAME_OPTIONS,
        "x-frame-options-allow-from-origin",
        0,
        "X-Frame-Options uses ALLOW-FROM, which current browsers ignore",
        "for 5 more points, add frame-ancestors to the Content-Security-Policy",
    ),
    Result(
        FRAME_OPTIONS,
        "x-frame-options-not-implemented",
        -20,
        "neither X-Frame-Options nor frame-ancestors limits framing",
        _FRAME_FIX,
    ),
    Result(
        FRAME_OPTIONS,
        "x-frame-options-header-invalid",
        -20,
        "X-Frame-Options has a value browsers do not know",
        _FRAME_FIX,
    ),
)

_CORP_FIX = (
    "send Cross-Origin-Resource-Policy: same-origin or same-site; Django and django-cfg "
    "have no setting for it, so add it in the proxy or a middleware"
)

_CORP_RESULTS = (
    Result(
        CORP,
        "corp-implemented-with-same-origin",
        10,
        "Cross-Origin-Resource-Policy: same-origin",
    ),
    Result(CORP, "corp-implemented-with-same-site", 10, "Cross-Origin-Resource-Policy: same-site"),
    Result(
        CORP,
        "corp-implemented-with-cross-origin",
        0,
        "Cross-Origin-Resource-Policy: cross-origin, which any site may embed",
        f"for 10 more points, {_CORP_FIX}",
    ),
    Result(
        CORP,
        "corp-not-implemented",
        0,
        "no Cross-Origin-Resource-Policy header, so any site may embed the responses",
        f"for 10 more points, {_CORP_FIX}",
    ),
    Result(
        CORP,
        "corp-header-invalid",
        -5,
        "Cross-Origin-Resource-Policy has a value browsers do not know",
        _CORP_FIX,
    ),
)

RESULTS: dict[str, Result] = {
    result.name: result
    for group in (
        _CSP_RESULTS,
        _COOKIE_RESULTS,
        _CORS_RESULTS,
        _REDIRECTION_RESULTS,
        _REFERRER_RESULTS,
        _HSTS_RESULTS,
        _SRI_RESULTS,
        _CONTENT_TYPE_OPTIONS_RESULTS,
        _FRAME_OPTIONS_RESULTS,
        _CORP_RESULTS,
    )
    for result in group
}


def redirection_not_graded(reason: str) -> Result:
    """Return the redirection outcome for a redirect that could not be observed."""
    return Result(REDIRECTION, REDIRECTION_NOT_GRADED, 0, f"not graded: {reason}")
