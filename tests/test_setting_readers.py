"""Every generated setting is read by Django or a library it uses, or by this package."""

import ast
import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path

import corsheaders.conf
import pytest
from django.conf import global_settings

import django_cfg
from django_cfg import DjangoConfig
from django_cfg.axes import AxesConfig
from tests.conftest import STRONG_KEY

PACKAGE_DIR = Path(django_cfg.__file__).parent

ProductionFactory = Callable[..., DjangoConfig]


@pytest.fixture(params=["production", "development", "container", "axes options"])
def generated(request: pytest.FixtureRequest, production: ProductionFactory) -> dict[str, object]:
    """Return the settings of one config of each kind."""
    domains = ["myapp.com", "https://api.myapp.com", "admin.myapp.com:8443", "*.myapp.com"]
    if request.param == "production":
        config = production(domains)
    elif request.param == "container":
        config = production(domains, container_hosts=True)
    elif request.param == "axes options":
        axes = AxesConfig(
            cache_name="default",
            allowed_ips=["10.0.0.0/8"],
            denied_ips=["203.0.113.7"],
            trusted_proxies=["10.0.0.1"],
        )
        config = production(domains, axes=axes, cache_url="redis://localhost:6379/0")
    else:
        config = DjangoConfig(secret_key=STRONG_KEY, debug=True)
    return config.get_all_settings()


def read_by_django(name: str) -> bool:
    return hasattr(global_settings, name)


def read_by_corsheaders(name: str) -> bool:
    return isinstance(getattr(corsheaders.conf.Settings, name, None), property)


def read_by_axes(name: str) -> bool:
    return name in directory_setting_reads(_package_dir("axes"))


def read_by_csp(name: str) -> bool:
    """Return whether django-csp (the CSP of Django 5.2) or django-permissions-policy reads it."""
    return name in directory_setting_reads(_package_dir("csp")) or name in (
        directory_setting_reads(_package_dir("django_permissions_policy"))
    )


def read_by_package(name: str) -> bool:
    # The builders write settings and read none, so only the other modules count.
    return name in directory_setting_reads(PACKAGE_DIR, exclude=PACKAGE_DIR / "builders")


def _package_dir(package: str) -> Path:
    # The source is parsed rather than imported, because importing axes.conf writes defaults
    # into settings.
    spec = importlib.util.find_spec(package)
    assert spec is not None
    assert spec.origin is not None
    return Path(spec.origin).parent


@functools.cache
def directory_setting_reads(directory: Path, exclude: Path | None = None) -> frozenset[str]:
    """Return the setting names that the modules under ``directory`` read."""
    names: set[str] = set()
    for path in directory.rglob("*.py"):
        if exclude is None or not path.is_relative_to(exclude):
            names |= module_setting_reads(path)
    return frozenset(names)


def module_setting_reads(path: Path) -> set[str]:
    """Return the setting names that a module reads from ``django.conf.settings``.

    Both ``settings.NAME`` and ``getattr(settings, "NAME", default)`` count.
    """
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Load)
            and _is_settings(node.value)
            and node.attr.isupper()
        ):
            names.add(node.attr)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and _is_settings(node.args[0])
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            names.add(node.args[1].value)
    return names


def _is_settings(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "settings"


def test_setting_readers_every_key(generated: dict[str, object]) -> None:
    unread = [
        name
        for name in generated
        if not read_by_django(name)
        and not read_by_corsheaders(name)
        and not read_by_axes(name)
        and not read_by_csp(name)
        and not read_by_package(name)
    ]

    assert unread == []


def test_setting_readers_package_prefix(generated: dict[str, object]) -> None:
    # A setting that no library reads belongs to this package and carries its prefix.
    package_only = {
        name
        for name in generated
        if not read_by_django(name)
        and not read_by_corsheaders(name)
        and not read_by_axes(name)
        and not read_by_csp(name)
    }

    assert "DJANGO_CFG_PRIVATE_HOST_NETWORKS" in package_only
    for name in package_only:
        assert name.startswith("DJANGO_CFG_")


def test_setting_readers_middleware() -> None:
    reads = module_setting_reads(PACKAGE_DIR / "middleware.py")

    assert "DJANGO_CFG_PRIVATE_HOST_NETWORKS" in reads


def test_setting_readers_cors_keys(generated: dict[str, object]) -> None:
    cors_keys = {name for name in generated if name.startswith("CORS_")}

    assert cors_keys == {
        "CORS_ALLOW_ALL_ORIGINS",
        "CORS_ALLOWED_ORIGINS",
        "CORS_ALLOWED_ORIGIN_REGEXES",
        "CORS_ALLOW_CREDENTIALS",
        "CORS_ALLOW_HEADERS",
    }
    for name in cors_keys:
        assert read_by_corsheaders(name)


def test_xss_filter_not_emitted(generated: dict[str, object]) -> None:
    assert "SECURE_BROWSER_XSS_FILTER" not in generated
    # The Django versions tested here (5.2 and 6.1) define no such setting, so nothing reads it.
    assert not read_by_django("SECURE_BROWSER_XSS_FILTER")
