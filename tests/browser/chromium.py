"""Headless Chromium from Debian's packages, driven by selenium through Debian's chromedriver."""

from __future__ import annotations

import os
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver

#: Debian's paths; selenium is given both, so it never downloads a browser or driver.
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

#: Headless, no sandbox (the tests may run as root), and no connections of the
#: browser's own: this machine reaches no network beyond loopback.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
)

#: Seconds for a page load, for a script and for any wait on a page.
PAGE_TIMEOUT = 30.0


def missing_browser() -> str | None:
    """Return what is missing to drive Chromium here, or None when nothing is."""
    missing = [
        f"{path} (Debian package {package})"
        for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver"))
        if not os.access(path, os.X_OK)
    ]
    return " and ".join(missing) + " not installed" if missing else None


def start_chromium(profile_dir: Path, driver_log: Path) -> WebDriver:
    """Start headless Chromium with a new profile in ``profile_dir``; return the WebDriver.

    The browser's console messages of every level are kept for ``console_messages``.
    """
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(driver_log))

    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    driver.set_script_timeout(PAGE_TIMEOUT)
    return driver


def console_messages(driver: WebDriver, source: str) -> list[str]:
    """Return the console messages from ``source`` logged since the last call, oldest first.

    Chromium's sources include "javascript" (such as CORS errors), "security"
    (such as CSP violations) and "network" (such as failed loads).
    """
    entries = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return [entry["message"] for entry in entries if entry["source"] == source]
