"""The example site in headless Chromium: CORS with credentials, the CSP nonce, lockouts.

The site runs under gunicorn in production mode on 127.0.0.1, and two static
front ends run on other loopback ports: one listed in security_domains, one not.
Screenshots go to test-artifacts/ at the repository root.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from tests.browser.chromium import PAGE_TIMEOUT, console_messages, missing_browser, start_chromium
from tests.browser.example_server import REPO, ExampleSite, write_config_dir
from tests.browser.origins import StaticOrigin

MISSING_BROWSER = missing_browser()
pytestmark = pytest.mark.skipif(
    MISSING_BROWSER is not None, reason=f"the browser tests need Chromium: {MISSING_BROWSER}"
)

BROWSER_HELPERS = Path(__file__).resolve().parent / "browser"
ARTIFACTS = REPO / "test-artifacts"

USERNAME = "alice"
PASSWORD = "browser-test-Qm4!vT8#zK2"
#: The production default of django-axes' failure limit; the example sets none.
FAILURE_LIMIT = 5

LOGIN_ERROR = (
    "Please enter a correct username and password. Note that both fields may be case-sensitive."
)


@pytest.fixture(scope="module")
def listed_origin() -> Iterator[StaticOrigin]:
    origin = StaticOrigin()
    yield origin
    origin.close()


@pytest.fixture(scope="module")
def unlisted_origin() -> Iterator[StaticOrigin]:
    origin = StaticOrigin()
    yield origin
    origin.close()


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, listed_origin: StaticOrigin
) -> Iterator[ExampleSite]:
    """Start the example with the listed origin added to its production domains."""
    folder = tmp_path_factory.mktemp("browser-site")
    (folder / "static").mkdir()
    config_dir = write_config_dir(
        folder / "config",
        extra_domains=[listed_origin.origin],
        production={
            "database_url": f"sqlite:///{folder / 'db.sqlite3'}",
            "static_root": str(folder / "static"),
            "root_urlconf": "tests.browser.urls",
            "template_dirs": [str(BROWSER_HELPERS / "templates")],
        },
    )
    site = ExampleSite(config_dir, folder / "gunicorn.log")
    site.manage("migrate", "--no-input", "--verbosity", "0")
    site.manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_user({USERNAME!r}, password={PASSWORD!r})",
    )
    site.start()
    yield site
    site.stop()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    driver = start_chromium(tmp_path / "profile", tmp_path / "chromedriver.log")
    yield driver
    driver.quit()


def wait_for(driver: WebDriver, condition: Any) -> Any:
    return WebDriverWait(driver, PAGE_TIMEOUT).until(condition)


def submit_login(driver: WebDriver, site: ExampleSite, password: str) -> str:
    """Fill in and send the login form; return the h1 text of the resulting page."""
    driver.get(f"{site.url}/accounts/login/")
    form = driver.find_element(By.CSS_SELECTOR, "main form")
    form.find_element(By.NAME, "username").send_keys(USERNAME)
    form.find_element(By.NAME, "password").send_keys(password)
    # The mark is on the login page only, so the next page is the one without it.
    driver.execute_script("document.documentElement.dataset.loginPage = 'yes'")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    # While the old page unloads, chromedriver reports errors of several kinds
    # about its nodes, so the wait ignores them until the next page is complete.
    WebDriverWait(driver, PAGE_TIMEOUT, ignored_exceptions=(WebDriverException,)).until(
        lambda _: driver.execute_script(
            "return document.readyState === 'complete'"
            " && document.documentElement.dataset.loginPage === undefined"
        )
    )
    heading: str = driver.find_element(By.TAG_NAME, "h1").text
    return heading


def front_end_result(driver: WebDriver, origin: StaticOrigin, site: ExampleSite) -> Any:
    """Open the front-end page of ``origin`` and return what its fetch of /api/me/ gave."""
    driver.get(f"{origin.origin}/frontend.html?api={site.url}")
    result = driver.find_element(By.ID, "result")
    wait_for(driver, lambda _: result.get_attribute("data-done") == "true")
    return json.loads(result.text)


def test_listed_origin_reads_api(
    browser: WebDriver, site: ExampleSite, listed_origin: StaticOrigin
) -> None:
    assert submit_login(browser, site, PASSWORD) == "django-cfg example"

    result = front_end_result(browser, listed_origin, site)

    assert result == {"status": 200, "body": {"authenticated": True, "username": USERNAME}}
    assert console_messages(browser, "javascript") == []


def test_unlisted_origin_blocked(
    browser: WebDriver, site: ExampleSite, unlisted_origin: StaticOrigin
) -> None:
    assert submit_login(browser, site, PASSWORD) == "django-cfg example"

    result = front_end_result(browser, unlisted_origin, site)

    assert result == {"error": "TypeError: Failed to fetch"}
    page = f"{unlisted_origin.origin}/frontend.html?api={site.url}"
    assert console_messages(browser, "javascript") == [
        f"{page} - Access to fetch at '{site.url}/api/me/' from origin "
        f"'{unlisted_origin.origin}' has been blocked by CORS policy: No "
        "'Access-Control-Allow-Origin' header is present on the requested resource."
    ]


def test_inline_script_without_nonce_blocked(browser: WebDriver, site: ExampleSite) -> None:
    page = f"{site.url}/test/inline-scripts/"
    browser.get(page)
    root = browser.find_element(By.TAG_NAME, "html")
    violations = browser.find_element(By.ID, "violations")
    wait_for(browser, lambda _: violations.text != "")

    assert root.get_attribute("data-scripts") == "on"
    assert root.get_attribute("data-without-nonce") is None
    assert violations.text == "script-src-elem inline enforce"
    messages = console_messages(browser, "security")
    assert len(messages) == 1
    # Chromium's wording of the message changes between versions, so the test
    # checks the page, the directive with this response's nonce and the outcome.
    nonce = re.search(r"'nonce-([A-Za-z0-9+/=_-]+)'", messages[0])
    assert nonce is not None
    assert messages[0].startswith(f"{page} ")
    assert (
        "violates the following Content Security Policy directive "
        f"'script-src 'self' 'nonce-{nonce.group(1)}''"
    ) in messages[0]
    assert messages[0].endswith("The action has been blocked.")


@pytest.fixture
def lockouts_reset(site: ExampleSite) -> Iterator[None]:
    """Lift the test's lockout afterwards, so that other tests can log in from 127.0.0.1."""
    yield
    site.manage("axes_reset")


@pytest.mark.usefixtures("lockouts_reset")
def test_failed_logins_show_lockout_page(browser: WebDriver, site: ExampleSite) -> None:
    for attempt in range(1, FAILURE_LIMIT):
        heading = submit_login(browser, site, "wrong-password")
        assert (attempt, heading) == (attempt, "Log in")
        errors = browser.find_element(By.CSS_SELECTOR, "main form .errorlist")
        assert (attempt, errors.text) == (attempt, LOGIN_ERROR)

    heading = submit_login(browser, site, "wrong-password")

    assert heading == "Too many failed logins"
    assert browser.title == "Too many failed logins"
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "lockout-page.png"))
    explanation = browser.find_element(By.CSS_SELECTOR, "main p").text
    assert explanation == (
        f"After {FAILURE_LIMIT} failed attempts, logins from your address are blocked "
        "for 24 hours."
    )
    assert submit_login(browser, site, PASSWORD) == "Too many failed logins"


def test_audit_output_screenshot(browser: WebDriver, site: ExampleSite) -> None:
    pytest.importorskip("django_cfg.cli", reason="this tree has no django-cfg audit command")
    url = f"{site.url}/accounts/login/"
    result = subprocess.run(
        [sys.executable, "-m", "django_cfg", "audit", "--url", url],
        capture_output=True,
        text=True,
        timeout=PAGE_TIMEOUT,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"Audit of {url} (HTTP status 200)"

    page = (
        "<!doctype html><title>django-cfg audit</title>"
        f'<pre style="white-space: pre-wrap">{html.escape(result.stdout)}</pre>'
    )
    browser.get("data:text/html;charset=utf-8," + quote(page))

    rendered_text = browser.find_element(By.TAG_NAME, "pre").text
    assert rendered_text.splitlines()[0] == f"Audit of {url} (HTTP status 200)"
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "audit.png"))
