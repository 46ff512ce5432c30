"""AxesConfig: brute-force protection with django-axes, with defaults per mode."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from django_cfg.errors import Problem

_META_NAME = re.compile(r"REMOTE_ADDR|HTTP_[A-Z0-9_]+")

DEFAULT_PRECEDENCE = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "REMOTE_ADDR")


class AxesConfig(BaseModel):
    """Options of django-axes; ``None`` takes the default of the current mode.

    Development: 10 failures, a 1-hour cool-off, verbose logging. Production:
    5 failures, a 24-hour cool-off, quiet logging.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = True
    failure_limit: int | None = Field(default=None, ge=1)
    cooloff_time: float | None = Field(default=None, gt=0)
    lock_out_at_failure: bool = True
    reset_on_success: bool = True
    lockout_template: str | None = None
    lockout_url: str | None = None
    verbose: bool | None = None
    enable_access_failure_log: bool = True
    allowed_ips: list[str] = Field(default_factory=list)
    denied_ips: list[str] = Field(default_factory=list)
    ipware_proxy_count: int = Field(default=1, ge=0)
    ipware_meta_precedence_order: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PRECEDENCE)
    )
    trusted_proxies: list[str] = Field(default_factory=list)
    cache_name: str | None = None
    username_form_field: str = "username"

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            from django_cfg.errors import ConfigError
            from django_cfg.validation import problems_from_validation_error

            problems = problems_from_validation_error(error)
            raise ConfigError(problems, config_name="AxesConfig") from None


def axes_problems(axes: AxesConfig, *, production: bool, shared_cache: bool) -> list[Problem]:
    """Return the problems of ``axes``; ``shared_cache`` is whether cache_url is shared."""
    if not axes.enabled:
        return []
    problems = [
        *_network_problems("axes.allowed_ips", axes.allowed_ips),
        *_network_problems("axes.denied_ips", axes.denied_ips),
        *_network_problems("axes.trusted_proxies", axes.trusted_proxies),
        *_precedence_problems(axes.ipware_meta_precedence_order),
    ]
    if axes.trusted_proxies and axes.ipware_proxy_count == 0:
        problems.append(
            Problem(
                field="axes.trusted_proxies",
                found="trusted proxies with ipware_proxy_count=0",
                expected="the number of proxies in front of the site, 1 or more",
                fix="set ipware_proxy_count, or remove trusted_proxies when there is no proxy",
            )
        )
    problems.extend(_lockout_problems(axes))
    if production and axes.cache_name == "default" and not shared_cache:
        problems.append(
            Problem(
                field="axes.cache_name",
                found="'default' without a shared cache_url",
                expected="a cache that every app server reaches, such as Redis",
                fix=(
                    "set cache_url (redis://HOST:6379/0), or remove cache_name to keep "
                    "lockouts in the database; a per-process cache would not share them"
                ),
            )
        )
    return problems


def _network_problems(field: str, entries: list[str]) -> list[Problem]:
    problems = []
    for index, entry in enumerate(entries):
        try:
            ipaddress.ip_network(entry.strip())
        except ValueError as error:
            problems.append(_network_problem(f"{field}[{index}]", entry, str(error)))
    return problems


def _network_problem(field: str, entry: str, reason: str) -> Problem:
    fix = "write an address such as '10.0.0.5' or a network such as '192.168.1.0/24'"
    if "has host bits set" in reason:
        network = ipaddress.ip_network(entry.strip(), strict=False)
        fix = f"write the network address, {str(network)!r}, or a single address without '/'"
    return Problem(
        field=field,
        found=repr(entry),
        expected="an IPv4 or IPv6 address, or a network in CIDR notation",
        fix=fix,
    )


def _precedence_problems(names: list[str]) -> list[Problem]:
    return [
        Problem(
            field=f"axes.ipware_meta_precedence_order[{index}]",
            found=repr(name),
            expected="a request.META key: 'REMOTE_ADDR' or 'HTTP_' and the header in capitals",
            fix="write a header such as X-Forwarded-For as 'HTTP_X_FORWARDED_FOR'",
        )
        for index, name in enumerate(names)
        if not _META_NAME.fullmatch(name)
    ]


def _lockout_problems(axes: AxesConfig) -> list[Problem]:
    problems = []
    if axes.lockout_template and axes.lockout_url:
        problems.append(
            Problem(
                field="axes.lockout_url",
                found="both lockout_template and lockout_url",
                expected="one of them: a page rendered in place, or a redirect",
                fix="remove one of the two",
            )
        )
    if axes.lockout_url is not None and not axes.lockout_url.startswith("/"):
        problems.append(
            Problem(
                field="axes.lockout_url",
                found=repr(axes.lockout_url),
                expected="a path on this site, starting with '/'",
                fix="write the path of the lockout page, such as '/account/locked/'",
            )
        )
    return problems
