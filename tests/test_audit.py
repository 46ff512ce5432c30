"""django-cfg audit on configurations through Django's test client, run in a subprocess."""

from pathlib import Path

import pytest

from tests.conftest import STRONG_KEY
from tests.test_cli import DEVELOPMENT_KEY_WARNING, run_cli

CSP_FIX = (
    "Fix: for 5 more points, set default-src to 'none' and form-action to 'self' in "
    "csp_directives, and allow what the pages load in script-src, style-src, img-src and the "
    "like."
)
NO_COOKIES = (
    "   0  cookies: the response sets no cookies. Fix: to grade the cookie flags, audit a page "
    "that sets cookies, such as a login form."
)
PRIVATE_REFERRER = (
    "  +5  referrer-policy: Referrer-Policy is no-referrer, same-origin, strict-origin or "
    "strict-origin-when-cross-origin."
)
HSTS_SIX_MONTHS = (
    "   0  strict-transport-security: Strict-Transport-Security has a max-age of six months or "
    "more. Fix: for 5 more points, get the domain onto the HSTS preload list (hstspreload.org); "
    "that list is not checked here."
)
OWN_SCRIPTS = (
    "   0  subresource-integrity: every script comes from the site's own domain. Fix: for 5 more "
    "points, add integrity attributes to the <script src> tags."
)
NO_CORP = (
    "   0  cross-origin-resource-policy: no Cross-Origin-Resource-Policy header, so any site may "
    "embed the responses. Fix: for 10 more points, send Cross-Origin-Resource-Policy: "
    "same-origin or same-site; Django and django-cfg have no setting for it, so add it in the "
    "proxy or a middleware."
)
REDIRECT_FIX = (
    "Fix: redirect http to https on the same host first: in production mode set ssl_redirect "
    "to true (SECURE_SSL_REDIRECT), or redirect in the proxy that terminates TLS."
)

PRODUCTION_REPORT = [
    "Audit of https://example.com/ (HTTP status 200) with the settings of the settings module "
    "example_site.settings",
    "  +5  content-security-policy: an enforced policy without 'unsafe-inline', 'unsafe-eval' or "
    f"broad script sources. {CSP_FIX}",
    NO_COOKIES,
    "   0  cross-origin-resource-sharing: a request from another origin gets no "
    "Access-Control-Allow-Origin.",
    "   0  redirection: not graded: Django serves http as it is and leaves the redirect to https "
    "to the proxy that terminates TLS (SECURE_PROXY_SSL_HEADER is set, SECURE_SSL_REDIRECT is "
    "false); grade the deployed site with --url http://example.com/, or set ssl_redirect to "
    "true to make Django redirect.",
    PRIVATE_REFERRER,
    HSTS_SIX_MONTHS,
    OWN_SCRIPTS,
    "   0  x-content-type-options: X-Content-Type-Options is nosniff.",
    "  +5  x-frame-options: framing is controlled by the policy's frame-ancestors.",
    NO_CORP,
    "Score: 115, grade: A+",
]

DEVELOPMENT_REPORT = [
    "Audit of https://localhost/ (HTTP status 200) with the settings of config:ExampleConfig",
    "The configuration is in development mode (environment development: debug is true or "
    "security_domains is empty). Development mode sends no Content-Security-Policy, HSTS or "
    "nosniff and does not redirect to https, on purpose. Run audit --env production to grade "
    "what production sends.",
    " -25  content-security-policy: no Content-Security-Policy header. Fix: production mode "
    "sends a strict policy; in development set csp_directives, such as "
    "{'default-src': [\"'self'\"]}.",
    NO_COOKIES,
    "   0  cross-origin-resource-sharing: Access-Control-Allow-Origin: * without credentials, so "
    "any site may read public responses.",
    f" -20  redirection: http is served without a redirect to https. {REDIRECT_FIX}",
    PRIVATE_REFERRER,
    " -20  strict-transport-security: no Strict-Transport-Security header. Fix: set hsts_seconds "
    "(SECURE_HSTS_SECONDS) to 31536000, as production mode does.",
    OWN_SCRIPTS,
    "  -5  x-content-type-options: no X-Content-Type-Options header. Fix: set "
    "content_type_nosniff (SECURE_CONTENT_TYPE_NOSNIFF) to true.",
    "   0  x-frame-options: X-Frame-Options is DENY or SAMEORIGIN. Fix: for 5 more points, add "
    "frame-ancestors to the Content-Security-Policy.",
    NO_CORP,
    "Score: 30, grade: D",
]


def audit_example(*arguments: str) -> list[str]:
    result = run_cli(
        "audit",
        *arguments,
        DJANGO_SETTINGS_MODULE="example_site.settings",
        SECRET_KEY=STRONG_KEY,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert STRONG_KEY not in result.stdout
    return result.stdout.splitlines()


@pytest.mark.usefixtures("example_static_files")
def test_example_production_a_plus() -> None:
    lines = audit_example("--env", "production", "--min-grade", "A+")

    assert lines == PRODUCTION_REPORT
    assert [line for line in lines if line.lstrip().startswith("-")] == []


@pytest.mark.usefixtures("example_static_files")
def test_example_login_page_cookies() -> None:
    lines = audit_example("--env", "production", "--path", "/admin/")

    assert lines[0] == (
        "Audit of https://example.com/admin/login/?next=/admin/ (HTTP status 200) with the "
        "settings of the settings module example_site.settings"
    )
    assert lines[2] == (
        "  +5  cookies: every cookie is Secure and has SameSite, and session cookies are HttpOnly."
    )
    assert lines[-1] == "Score: 120, grade: A+"


def test_development_graded_and_explained() -> None:
    result = run_cli("audit", "--config", "config:ExampleConfig", SECRET_KEY=STRONG_KEY)

    assert result.returncode == 0
    assert result.stdout.splitlines() == DEVELOPMENT_REPORT
    # The class alone has no key: only the example's YAML files read SECRET_KEY.
    assert result.stderr == DEVELOPMENT_KEY_WARNING


def test_min_grade_fails_low_grade() -> None:
    result = run_cli(
        "audit", "--config", "config:ExampleConfig", "--min-grade", "C", SECRET_KEY=STRONG_KEY
    )

    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "Score: 30, grade: D"
    assert result.stderr == (
        f"{DEVELOPMENT_KEY_WARNING}django-cfg: the grade D is below the minimum C\n"
    )


def test_min_grade_met() -> None:
    result = run_cli(
        "audit", "--config", "config:ExampleConfig", "--min-grade", "D", SECRET_KEY=STRONG_KEY
    )

    assert result.returncode == 0
    assert result.stderr == DEVELOPMENT_KEY_WARNING


def test_folder_with_ssl_redirect(tmp_path: Path) -> None:
    (tmp_path / "config.production.yaml").write_text(
        'secret_key: "${SECRET_KEY}"\nsecurity_domains: [shop.example]\nssl_redirect: true\n'
    )
    result = run_cli(
        "audit",
        "--config",
        str(tmp_path),
        "--env",
        "production",
        cwd=tmp_path,
        SECRET_KEY=STRONG_KEY,
    )
    lines = result.stdout.splitlines()

    assert result.returncode == 0
    # Without ROOT_URLCONF the audit requests django-cfg's own page.
    assert lines[0] == (
        f"Audit of https://shop.example/ (HTTP status 200) with the settings of the folder "
        f"{tmp_path}"
    )
    assert lines[4] == (
        "   0  redirection: http redirects to https on the same host, and the last URL is https."
    )
    assert lines[7] == ("   0  subresource-integrity: the page has no scripts.")
    assert lines[-1] == "Score: 115, grade: A+"


def test_path_must_be_absolute() -> None:
    result = run_cli("audit", "--config", "config:ExampleConfig", "--path", "admin/")

    assert result.returncode == 1
    assert result.stderr == "django-cfg: error: --path admin/: expected a path starting with /\n"


def test_readme_excerpt_matches() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Command line\n") :]
    excerpt = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    report_lines = [line for line in excerpt if line != "..."]

    assert len(report_lines) == 4
    assert set(report_lines) <= set(PRODUCTION_REPORT)
