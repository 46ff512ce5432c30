"""The Observatory tests, scoring and grades, on responses built by hand."""

from collections.abc import Sequence

import pytest

from django_cfg.cli.observatory import Response, Scan, grade_scan
from django_cfg.cli.observatory.cookies import grade_cookies, parse_set_cookie
from django_cfg.cli.observatory.csp import grade_csp
from django_cfg.cli.observatory.grading import compute_score, grade_for_score, grade_is_below
from django_cfg.cli.observatory.headers import (
    AUDIT_ORIGIN,
    grade_content_type_options,
    grade_cors,
    grade_frame_options,
    grade_hsts,
    grade_redirection,
    grade_referrer_policy,
    grade_resource_policy,
)
from django_cfg.cli.observatory.results import RESULTS, TESTS
from django_cfg.cli.observatory.scripts import grade_subresource_integrity

PAGE = "https://shop.example/"


def response(
    *headers: tuple[str, str], url: str = PAGE, status: int = 200, body: str = ""
) -> Response:
    return Response(
        url=url,
        status=status,
        headers=tuple((name.lower(), value) for name, value in headers),
        body=body.encode(),
    )


def csp(policy: str, url: str = PAGE) -> str:
    return grade_csp(response(("Content-Security-Policy", policy), url=url))


# Content-Security-Policy


def test_csp_missing() -> None:
    assert grade_csp(response()) == "csp-not-implemented"


def test_csp_report_only() -> None:
    report_only = response(("Content-Security-Policy-Report-Only", "default-src 'none'"))
    assert grade_csp(report_only) == "csp-not-implemented-but-reporting-enabled"


def test_csp_production_default() -> None:
    policy = (
        "default-src 'self'; script-src 'self' 'nonce-abc123'; object-src 'none'; "
        "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    )
    assert csp(policy) == "csp-implemented-with-no-unsafe"


def test_csp_default_none_with_form_action() -> None:
    assert csp("default-src 'none'; form-action 'self'") == (
        "csp-implemented-with-no-unsafe-default-src-none"
    )


def test_csp_default_none_without_form_action() -> None:
    assert csp("default-src 'none'; script-src 'self'") == "csp-implemented-with-no-unsafe"


def test_csp_unsafe_inline_script() -> None:
    assert csp("default-src 'self'; script-src 'self' 'unsafe-inline'") == (
        "csp-implemented-with-unsafe-inline"
    )


def test_csp_unsafe_inline_beside_nonce_ignored() -> None:
    assert csp("default-src 'self'; script-src 'nonce-abc' 'unsafe-inline'") == (
        "csp-implemented-with-no-unsafe"
    )


def test_csp_without_script_or_default_src() -> None:
    assert csp("frame-ancestors 'none'") == "csp-implemented-with-unsafe-inline"


def test_csp_broad_object_src() -> None:
    assert csp("default-src 'self'; object-src https:") == "csp-implemented-with-unsafe-inline"


def test_csp_http_source_on_https_page() -> None:
    assert csp("default-src 'self' http://cdn.example") == "csp-implemented-with-insecure-scheme"


def test_csp_http_source_on_http_page() -> None:
    policy = "default-src 'self' http://cdn.example"
    assert csp(policy, url="http://shop.example/") == "csp-implemented-with-no-unsafe"


def test_csp_unsafe_eval() -> None:
    assert csp("default-src 'self'; script-src 'self' 'unsafe-eval'") == (
        "csp-implemented-with-unsafe-eval"
    )


def test_csp_http_images_only() -> None:
    assert csp("default-src 'self'; img-src 'self' http://img.example") == (
        "csp-implemented-with-insecure-scheme-in-passive-content-only"
    )


def test_csp_unsafe_inline_style() -> None:
    assert csp("default-src 'self'; style-src 'self' 'unsafe-inline'") == (
        "csp-implemented-with-unsafe-inline-in-style-src-only"
    )


def test_csp_repeated_directive_invalid() -> None:
    assert csp("default-src 'self'; default-src 'none'") == "csp-header-invalid"


def test_csp_strict_dynamic_without_nonce_invalid() -> None:
    assert csp("default-src 'self'; script-src 'strict-dynamic'") == "csp-header-invalid"


def test_csp_strict_dynamic_drops_broad_sources() -> None:
    policy = "default-src 'self'; script-src 'strict-dynamic' 'nonce-abc' https: 'unsafe-inline'"
    assert csp(policy) == "csp-implemented-with-no-unsafe"


def test_csp_too_short_invalid() -> None:
    assert csp("a b") == "csp-header-invalid"


def test_csp_repeated_report_uri() -> None:
    policy = "default-src 'self'; report-uri /a; report-uri /b"
    assert csp(policy) == "csp-implemented-but-duplicate-directives"


def test_csp_second_policy_restricts_first() -> None:
    both = response(
        ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"),
        ("Content-Security-Policy", "script-src 'self'"),
    )
    assert grade_csp(both) == "csp-implemented-with-no-unsafe"


def test_csp_policies_joined_by_comma() -> None:
    # The first policy's default-src forbids eval, and browsers enforce both.
    assert csp("default-src 'self', script-src 'self' 'unsafe-eval'") == (
        "csp-implemented-with-no-unsafe"
    )


def test_csp_policies_without_common_source() -> None:
    both = response(
        ("Content-Security-Policy", "default-src 'self'; form-action 'self'"),
        ("Content-Security-Policy", "default-src https://cdn.example; form-action 'self'"),
    )
    assert grade_csp(both) == "csp-implemented-with-no-unsafe-default-src-none"


# Cookies


def cookies(*headers: str, hsts: bool = False) -> str:
    return grade_cookies([response(*(("Set-Cookie", header) for header in headers))], hsts=hsts)


def test_cookies_none() -> None:
    assert cookies() == "cookies-not-found"


def test_cookies_django_production() -> None:
    assert cookies(
        "csrftoken=abc; expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=31449600; Path=/; "
        "SameSite=Lax; Secure",
        "sessionid=xyz; HttpOnly; Path=/; SameSite=Lax; Secure",
    ) == ("cookies-secure-with-httponly-sessions-and-samesite")


def test_cookies_without_samesite() -> None:
    assert cookies("theme=dark; Secure") == "cookies-secure-with-httponly-sessions"


def test_cookies_session_not_http_only() -> None:
    assert cookies("sessionid=xyz; Secure; SameSite=Lax") == (
        "cookies-session-without-httponly-flag"
    )


def test_cookies_session_not_secure() -> None:
    assert cookies("sessionid=xyz; HttpOnly; SameSite=Lax") == (
        "cookies-session-without-secure-flag"
    )


def test_cookies_session_not_secure_with_hsts() -> None:
    assert cookies("sessionid=xyz; HttpOnly; SameSite=Lax", hsts=True) == (
        "cookies-session-without-secure-flag-but-protected-by-hsts"
    )


def test_cookies_not_secure() -> None:
    assert cookies("theme=dark; SameSite=Lax") == "cookies-without-secure-flag"


def test_cookies_not_secure_with_hsts() -> None:
    assert cookies("theme=dark; SameSite=Lax", hsts=True) == (
        "cookies-without-secure-flag-but-protected-by-hsts"
    )


def test_cookies_csrf_without_samesite() -> None:
    assert cookies("csrftoken=abc; Secure") == "cookies-anticsrf-without-samesite-flag"


def test_cookies_samesite_unknown_value() -> None:
    assert cookies("theme=dark; Secure; SameSite=Sometimes") == "cookies-samesite-flag-invalid"


def test_cookies_samesite_none_without_secure() -> None:
    # The missing Secure also earns -20; the first of equal penalties is reported.
    assert cookies("theme=dark; SameSite=None") == "cookies-samesite-flag-invalid"


def test_cookies_worst_problem_wins() -> None:
    assert cookies("theme=dark; SameSite=Lax", "sessionid=xyz; HttpOnly") == (
        "cookies-session-without-secure-flag"
    )


def test_cookies_deletion_ignored() -> None:
    deletion = 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'
    assert cookies(deletion) == "cookies-not-found"


def test_cookie_attributes_parsed() -> None:
    cookie = parse_set_cookie("Session_ID=1; HTTPONLY; secure; samesite=Strict")

    assert cookie is not None
    assert cookie.name == "Session_ID"
    assert cookie.http_only is True
    assert cookie.secure is True
    assert cookie.same_site == "Strict"
    assert cookie.is_session is True
    assert cookie.is_anti_csrf is False


def test_cookie_without_pair_skipped() -> None:
    assert parse_set_cookie("HttpOnly; Secure") is None


# Cross-origin resource sharing


def test_cors_absent() -> None:
    assert grade_cors(response()) == "cross-origin-resource-sharing-not-implemented"


def test_cors_public() -> None:
    assert grade_cors(response(("Access-Control-Allow-Origin", "*"))) == (
        "cross-origin-resource-sharing-implemented-with-public-access"
    )


def test_cors_echoed_origin_with_credentials() -> None:
    echoed = response(
        ("Access-Control-Allow-Origin", AUDIT_ORIGIN),
        ("Access-Control-Allow-Credentials", "true"),
    )
    assert grade_cors(echoed) == "cross-origin-resource-sharing-implemented-with-universal-access"


def test_cors_listed_origin() -> None:
    listed = response(
        ("Access-Control-Allow-Origin", "https://app.shop.example"),
        ("Access-Control-Allow-Credentials", "true"),
    )
    assert grade_cors(listed) == "cross-origin-resource-sharing-implemented-with-restricted-access"


# Redirection


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (["http://a.example/"], "redirection-missing"),
        (["http://a.example/", "https://a.example/"], "redirection-to-https"),
        (
            ["http://a.example/", "https://a.example/", "https://www.a.example/"],
            "redirection-to-https",
        ),
        (["http://a.example/", "https://b.example/"], "redirection-off-host-from-http"),
        (
            ["http://a.example/", "http://www.a.example/", "https://www.a.example/"],
            "redirection-not-to-https-on-initial-redirection",
        ),
        (["http://a.example/", "http://a.example/home"], "redirection-not-to-https"),
    ],
)
def test_redirection_route(route: Sequence[str], expected: str) -> None:
    assert grade_redirection(tuple(route)) == expected


def test_redirection_not_observed() -> None:
    scan = Scan(final=response(), responses=(response(),), redirection_not_graded="no http")
    redirection = grade_scan(scan).findings[TESTS.index("redirection")]

    assert redirection.name == "redirection-not-graded"
    assert redirection.modifier == 0
    assert redirection.description == "not graded: no http"


# Referrer-Policy


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("same-origin", "referrer-policy-private"),
        ("strict-origin-when-cross-origin", "referrer-policy-private"),
        ("unsafe-url", "referrer-policy-unsafe"),
        ("no-referrer, unsafe-url", "referrer-policy-unsafe"),
        ("unsafe-url, no-referrer, not-a-policy", "referrer-policy-private"),
        ("everything", "referrer-policy-header-invalid"),
    ],
)
def test_referrer_policy(value: str, expected: str) -> None:
    assert grade_referrer_policy(response(("Referrer-Policy", value))) == expected


def test_referrer_policy_missing() -> None:
    assert grade_referrer_policy(response()) == "referrer-policy-not-implemented"


# Strict-Transport-Security


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "max-age=31536000; includeSubDomains; preload",
            "hsts-implemented-max-age-at-least-six-months",
        ),
        ("max-age=15552000", "hsts-implemented-max-age-at-least-six-months"),
        ("max-age=15551999", "hsts-implemented-max-age-less-than-six-months"),
        ('max-age="31536000"', "hsts-implemented-max-age-at-least-six-months"),
        ("includeSubDomains", "hsts-header-invalid"),
        ("max-age=31536000, max-age=0", "hsts-header-invalid"),
    ],
)
def test_hsts(value: str, expected: str) -> None:
    assert grade_hsts(response(("Strict-Transport-Security", value))) == expected


def test_hsts_missing() -> None:
    assert grade_hsts(response()) == "hsts-not-implemented"


def test_hsts_without_https() -> None:
    assert grade_hsts(None) == "hsts-not-implemented-no-https"


# Subresource Integrity


def sri(body: str, content_type: str = "text/html; charset=utf-8") -> str:
    return grade_subresource_integrity(response(("Content-Type", content_type), body=body))


def test_sri_not_html() -> None:
    assert sri("<script src='//x.example/a.js'>", "application/json") == (
        "sri-not-implemented-response-not-html"
    )


def test_sri_no_scripts() -> None:
    assert sri("<p>text</p>") == "sri-not-implemented-but-no-scripts-loaded"


def test_sri_inline_and_own_scripts() -> None:
    page = "<script>1</script><script src='/static/app.js'></script>"
    assert sri(page) == "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def test_sri_own_subdomain_counts_as_own() -> None:
    page = "<script src='https://static.shop.example/app.js'></script>"
    assert sri(page) == "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def test_sri_own_script_hashed() -> None:
    page = "<script src='/app.js' integrity='sha384-abc'></script>"
    assert sri(page) == "sri-implemented-and-all-scripts-loaded-securely"


def test_sri_foreign_hashed() -> None:
    page = "<script src='https://cdn.example/lib.js' integrity='sha384-abc'></script>"
    assert sri(page) == "sri-implemented-and-external-scripts-loaded-securely"


def test_sri_foreign_unhashed() -> None:
    page = "<script src='https://cdn.example/lib.js'></script>"
    assert sri(page) == "sri-not-implemented-but-external-scripts-loaded-securely"


def test_sri_foreign_over_http_hashed() -> None:
    page = "<script src='http://cdn.example/lib.js' integrity='sha384-abc'></script>"
    assert sri(page) == "sri-implemented-but-external-scripts-not-loaded-securely"


def test_sri_protocol_relative_unhashed() -> None:
    page = (
        "<script src='https://cdn.example/a.js' integrity='sha384-abc'></script>"
        "<script src='//shop.example/b.js'></script>"
    )
    assert sri(page) == "sri-not-implemented-and-external-scripts-not-loaded-securely"


# X-Content-Type-Options, X-Frame-Options, Cross-Origin-Resource-Policy


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ((), "x-content-type-options-not-implemented"),
        ((("X-Content-Type-Options", "NoSniff"),), "x-content-type-options-nosniff"),
        ((("X-Content-Type-Options", "sniff"),), "x-content-type-options-header-invalid"),
    ],
)
def test_content_type_options(headers: tuple[tuple[str, str], ...], expected: str) -> None:
    assert grade_content_type_options(response(*headers)) == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ((), "x-frame-options-not-implemented"),
        ((("X-Frame-Options", "DENY"),), "x-frame-options-sameorigin-or-deny"),
        ((("X-Frame-Options", "sameorigin"),), "x-frame-options-sameorigin-or-deny"),
        (
            (("X-Frame-Options", "ALLOW-FROM https://a.example"),),
            "x-frame-options-allow-from-origin",
        ),
        ((("X-Frame-Options", "ALLOWALL"),), "x-frame-options-header-invalid"),
        (
            (("Content-Security-Policy", "frame-ancestors 'self'"),),
            "x-frame-options-implemented-via-csp",
        ),
        (
            (("Content-Security-Policy-Report-Only", "frame-ancestors 'self'"),),
            "x-frame-options-not-implemented",
        ),
    ],
)
def test_frame_options(headers: tuple[tuple[str, str], ...], expected: str) -> None:
    assert grade_frame_options(response(*headers)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("same-origin", "corp-implemented-with-same-origin"),
        ("Same-Site", "corp-implemented-with-same-site"),
        ("cross-origin", "corp-implemented-with-cross-origin"),
        ("nobody", "corp-header-invalid"),
    ],
)
def test_resource_policy(value: str, expected: str) -> None:
    assert grade_resource_policy(response(("Cross-Origin-Resource-Policy", value))) == expected


def test_resource_policy_missing() -> None:
    assert grade_resource_policy(response()) == "corp-not-implemented"


# Scores and grades


def test_result_table_modifiers() -> None:
    modifiers = {name: result.modifier for name, result in RESULTS.items()}

    assert modifiers["csp-implemented-with-no-unsafe-default-src-none"] == 10
    assert modifiers["csp-not-implemented"] == -25
    assert modifiers["cookies-session-without-secure-flag"] == -40
    assert modifiers["cross-origin-resource-sharing-implemented-with-universal-access"] == -50
    assert modifiers["redirection-missing"] == -20
    assert modifiers["hsts-implemented-max-age-less-than-six-months"] == -10
    assert modifiers["sri-not-implemented-and-external-scripts-not-loaded-securely"] == -50
    assert modifiers["x-frame-options-implemented-via-csp"] == 5
    assert modifiers["corp-implemented-with-same-site"] == 10
    assert {result.test for result in RESULTS.values()} == set(TESTS)


def test_best_possible_score_without_preload() -> None:
    best: dict[str, int] = {}
    for result in RESULTS.values():
        best[result.test] = max(best.get(result.test, result.modifier), result.modifier)

    # 145 on the Observatory, less the 5 points of the HSTS preload list.
    assert compute_score(best.values()) == 140


def test_score_bonus_needs_ninety() -> None:
    assert compute_score([-10, 5, 10]) == 105
    assert compute_score([-15, 5, 10]) == 85


def test_score_never_negative() -> None:
    assert compute_score([-50, -50, -25]) == 0


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (145, "A+"),
        (100, "A+"),
        (99, "A"),
        (90, "A"),
        (89, "A-"),
        (85, "A-"),
        (84, "B+"),
        (80, "B+"),
        (79, "B"),
        (70, "B"),
        (69, "B-"),
        (65, "B-"),
        (64, "C+"),
        (60, "C+"),
        (59, "C"),
        (50, "C"),
        (49, "C-"),
        (45, "C-"),
        (44, "D+"),
        (40, "D+"),
        (39, "D"),
        (30, "D"),
        (29, "D-"),
        (25, "D-"),
        (24, "F"),
        (0, "F"),
    ],
)
def test_grade_chart(score: int, grade: str) -> None:
    assert grade_for_score(score) == grade


def test_grade_order() -> None:
    assert grade_is_below("A", "A+") is True
    assert grade_is_below("A+", "A") is False
    assert grade_is_below("B", "B") is False
    assert grade_is_below("F", "D-") is True


def test_scan_of_bare_http_site() -> None:
    bare = response(url="http://shop.example/")
    report = grade_scan(Scan(final=bare, responses=(bare,), http_route=("http://shop.example/",)))

    assert [(result.test, result.name, result.modifier) for result in report.findings] == [
        ("content-security-policy", "csp-not-implemented", -25),
        ("cookies", "cookies-not-found", 0),
        ("cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0),
        ("redirection", "redirection-missing", -20),
        ("referrer-policy", "referrer-policy-not-implemented", 0),
        ("strict-transport-security", "hsts-not-implemented-no-https", -20),
        ("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0),
        ("x-content-type-options", "x-content-type-options-not-implemented", -5),
        ("x-frame-options", "x-frame-options-not-implemented", -20),
        ("cross-origin-resource-policy", "corp-not-implemented", 0),
    ]
    assert report.score == 10
    assert report.grade == "F"
