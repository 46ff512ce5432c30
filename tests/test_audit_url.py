"""django-cfg audit --url against small servers started here on 127.0.0.1."""

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from django_cfg.cli.observatory import AUDIT_ORIGIN
from tests.test_cli import run_cli

#: A route's response: status, headers and body, or a callable that receives the Origin.
Answer = tuple[int, list[tuple[str, str]], bytes]
Route = Answer | Callable[[str | None], Answer]

STRICT_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Set-Cookie", "sessionid=s1; Path=/; Secure; HttpOnly; SameSite=Lax"),
]
STRICT_PAGE = b'<!doctype html><script src="/app.js" integrity="sha384-abc"></script>'


class _Handler(BaseHTTPRequestHandler):
    server: "_Site"

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path, (404, [], b"not found"))
        status, headers, body = route(self.headers["Origin"]) if callable(route) else route
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output free of access log lines."""


class _Site(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]

    @property
    def origin(self) -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve(routes: dict[str, Route], tls: ssl.SSLContext | None = None) -> Iterator[_Site]:
    """Serve ``routes`` on a free port of 127.0.0.1 until the block ends."""
    site = _Site(("127.0.0.1", 0), _Handler)
    site.routes = routes
    if tls is not None:
        site.socket = tls.wrap_socket(site.socket, server_side=True)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.shutdown()
        site.server_close()
        thread.join()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Create a self-signed certificate for 127.0.0.1 with openssl; return (cert, key)."""
    openssl = shutil.which("openssl")
    assert openssl is not None, "the https tests need the openssl command"
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


def audit_url(
    url: str, *arguments: str, cafile: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Audit ``url``; ``cafile`` is trusted as a certificate authority through SSL_CERT_FILE."""
    if cafile is None:
        return run_cli("audit", "--url", url, *arguments)
    return run_cli("audit", "--url", url, *arguments, SSL_CERT_FILE=str(cafile))


def test_http_redirect_to_strict_https(
    tls: ssl.SSLContext, certificate: tuple[Path, Path]
) -> None:
    with serve({"/": (200, STRICT_HEADERS, STRICT_PAGE)}, tls) as https:
        redirect = (301, [("Location", f"{https.origin}/")], b"")
        with serve({"/": redirect}) as http:
            result = audit_url(f"{http.origin}/", "--min-grade", "A+", cafile=certificate[0])

    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"Audit of {https.origin}/ (HTTP status 200)",
        " +10  content-security-policy: an enforced policy with default-src 'none', form-action "
        "'self' or 'none', and no unsafe sources.",
        "  +5  cookies: every cookie is Secure and has SameSite, and session cookies are "
        "HttpOnly.",
        "   0  cross-origin-resource-sharing: a request from another origin gets no "
        "Access-Control-Allow-Origin.",
        "   0  redirection: http redirects to https on the same host, and the last URL is https.",
        "  +5  referrer-policy: Referrer-Policy is no-referrer, same-origin, strict-origin or "
        "strict-origin-when-cross-origin.",
        "   0  strict-transport-security: Strict-Transport-Security has a max-age of six months "
        "or more. Fix: for 5 more points, get the domain onto the HSTS preload list "
        "(hstspreload.org); that list is not checked here.",
        "  +5  subresource-integrity: scripts come from the site's own domain over https and "
        "carry integrity hashes.",
        "   0  x-content-type-options: X-Content-Type-Options is nosniff.",
        "  +5  x-frame-options: framing is controlled by the policy's frame-ancestors.",
        " +10  cross-origin-resource-policy: Cross-Origin-Resource-Policy: same-origin.",
        "Score: 140, grade: A+",
    ]


def test_plain_http_site() -> None:
    page = (200, [("Content-Type", "text/html"), ("X-Frame-Options", "DENY")], b"<p>hi</p>")
    with serve({"/": page}) as http:
        result = audit_url(f"{http.origin}/", "--min-grade", "C")

    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert result.stderr == "django-cfg: the grade D is below the minimum C\n"
    assert lines[0] == f"Audit of {http.origin}/ (HTTP status 200)"
    assert lines[4].startswith(" -20  redirection: http is served without a redirect to https.")
    assert lines[6].startswith(
        " -20  strict-transport-security: the site was not reached over https, so HSTS cannot "
        "apply."
    )
    assert lines[-1] == "Score: 30, grade: D"


def test_https_url_redirection_not_graded(
    tls: ssl.SSLContext, certificate: tuple[Path, Path]
) -> None:
    with serve({"/": (200, STRICT_HEADERS, STRICT_PAGE)}, tls) as https:
        result = audit_url(f"{https.origin}/", cafile=certificate[0])

    assert result.returncode == 0
    assert result.stdout.splitlines()[4] == (
        "   0  redirection: not graded: the URL is https; give the site's http:// URL to grade "
        "its redirect to https."
    )
    assert result.stdout.splitlines()[-1] == "Score: 140, grade: A+"


def test_untrusted_certificate(tls: ssl.SSLContext) -> None:
    with serve({"/": (200, STRICT_HEADERS, STRICT_PAGE)}, tls) as https:
        result = audit_url(f"{https.origin}/")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"django-cfg: error: fetching {https.origin}/ failed: ")
    assert "certificate verify failed" in result.stderr
    assert result.stderr.count("\n") == 1


def test_credentialed_cors_for_any_origin() -> None:
    def echo(origin: str | None) -> Answer:
        headers = [("Access-Control-Allow-Origin", origin or ""), ("Vary", "Origin")]
        return 200, [*headers, ("Access-Control-Allow-Credentials", "true")], b""

    with serve({"/api": echo}) as http:
        result = audit_url(f"{http.origin}/api")

    assert result.returncode == 0
    assert result.stdout.splitlines()[3] == (
        " -50  cross-origin-resource-sharing: any origin is echoed in Access-Control-Allow-Origin "
        "with credentials allowed, so every site can read signed-in responses. Fix: allow only "
        "the trusted origins (security_domains) when credentials are allowed."
    )
    assert AUDIT_ORIGIN.endswith(".invalid")


def test_redirect_loop_stops() -> None:
    with serve({"/loop": (302, [("Location", "/loop")], b"")}) as http:
        result = audit_url(f"{http.origin}/loop")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"django-cfg: error: {http.origin}/loop redirects more than 5 times\n"


def test_redirect_to_other_scheme_refused() -> None:
    with serve({"/": (302, [("Location", "file:///etc/passwd")], b"")}) as http:
        result = audit_url(f"{http.origin}/")

    assert result.returncode == 1
    assert result.stderr == (
        f"django-cfg: error: {http.origin}/ redirects to file:///etc/passwd; only http and "
        "https redirects are followed\n"
    )


def test_slow_site_times_out() -> None:
    def slow(origin: str | None) -> Answer:
        time.sleep(3)
        return 200, [], b""

    with serve({"/": slow}) as http:
        result = audit_url(f"{http.origin}/", "--timeout", "0.5")

    assert result.returncode == 1
    assert (
        result.stderr
        == f"django-cfg: error: fetching {http.origin}/ timed out after 0.5 seconds\n"
    )


def test_closed_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = audit_url(f"http://127.0.0.1:{port}/")

    assert result.returncode == 1
    assert result.stderr.startswith(
        f"django-cfg: error: fetching http://127.0.0.1:{port}/ failed: "
    )
    assert result.stderr.count("\n") == 1


def test_url_must_be_http() -> None:
    result = audit_url("ftp://127.0.0.1/")

    assert result.returncode == 1
    assert result.stderr == (
        "django-cfg: error: --url ftp://127.0.0.1/: expected an http:// or https:// URL with a "
        "host\n"
    )


def test_url_with_config_rejected() -> None:
    result = audit_url("http://127.0.0.1:9/", "--config", "config:ExampleConfig")

    assert result.returncode == 1
    assert result.stderr == (
        "django-cfg: error: --url grades a running site; leave out --config and --env\n"
    )
