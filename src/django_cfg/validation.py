"""Checks that a DjangoConfig is complete and safe for its mode.

Each check returns Problem objects instead of raising, so that one ConfigError
can list every problem of a configuration at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from django_cfg import secret_key
from django_cfg.axes import axes_problems
from django_cfg.cache_url import EXPECTED_CACHE_URL, InvalidCacheUrl, parse_cache_url
from django_cfg.domains import Domain, InvalidDomain, parse_domain
from django_cfg.environment import environment_source
from django_cfg.errors import ConfigError, Problem
from django_cfg.security_defaults import HSTS_PRELOAD_MIN_SECONDS, resolve_hsts

if TYPE_CHECKING:
    from django_cfg.config import DjangoConfig

#: Fields whose values never appear in a message, a repr or a log line.
SECRET_FIELDS = frozenset({"secret_key", "database_url", "cache_url"})

#: Fields that decide the mode; without them the mode-dependent checks cannot run.
MODE_FIELDS = frozenset({"debug", "security_domains"})

_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+")
_MAX_FOUND_LENGTH = 80


def reject_property_inputs(cls: type[DjangoConfig], data: dict[str, Any]) -> list[Problem]:
    """Report values passed for fields that ``cls`` computes with a property."""
    return [
        Problem(
            field=name,
            found=f"a value for {name}, which {cls.__name__}.{name} computes as a property",
            expected="no value for a computed field",
            fix=f"remove the value, or remove the {name} property from {cls.__name__}",
        )
        for name in sorted(cls.__property_fields__ & data.keys())
    ]


def problems_from_validation_error(error: ValidationError) -> list[Problem]:
    """Translate pydantic's errors into Problems that hide secret values.

    An item of security_domains that is not a string is left out: the domain
    parser reports it along with the other entries.
    """
    model = error.title
    problems: list[Problem] = []
    for details in error.errors():
        nested = _nested_config_error(details)
        if nested is not None:
            prefix = _format_location(details["loc"])
            problems.extend(replace(p, field=f"{prefix}.{p.field}") for p in nested.problems)
        elif not _is_domain_item_error(details):
            problems.append(_problem_from_error_details(details, model))
    return problems


def _nested_config_error(details: ErrorDetails) -> ConfigError | None:
    """Return the ConfigError of a nested model (AxesConfig) that pydantic wrapped."""
    error = details.get("ctx", {}).get("error")
    return error if isinstance(error, ConfigError) else None


def invalid_fields(error: ValidationError) -> frozenset[str]:
    """Return the top-level fields that failed type validation.

    security_domains counts only when the field itself is invalid, not one item.
    """
    return frozenset(
        str(details["loc"][0])
        for details in error.errors()
        if details["loc"] and not _is_domain_item_error(details)
    )


def partial_axes(data: object, error: ValidationError) -> object:
    """Return an AxesConfig of the valid options in ``data``, or ``data`` if not a mapping.

    Its options are unvalidated input, good only for the checks that run after a
    type error, so that one error still lists the other problems of the section.
    """
    from django_cfg.axes import AxesConfig

    if not isinstance(data, dict):
        return data
    invalid: set[str | int] = set()
    for details in error.errors():
        if details["loc"][:1] != ("axes",):
            continue
        nested = _nested_config_error(details)
        if nested is not None:
            invalid.update(problem.field.split("[")[0] for problem in nested.problems)
        elif len(details["loc"]) > 1:
            invalid.add(details["loc"][1])
    valid = {
        name: value
        for name, value in data.items()
        if name in AxesConfig.model_fields and name not in invalid
    }
    return AxesConfig.model_construct(**valid)


def _is_domain_item_error(details: ErrorDetails) -> bool:
    location = details["loc"]
    return len(location) == 2 and location[0] == "security_domains"


def _problem_from_error_details(details: ErrorDetails, model: str) -> Problem:
    location = details["loc"]
    field = _format_location(location)
    top = str(location[0]) if location else ""
    if details["type"] == "extra_forbidden":
        return _unknown_field_problem(location, model)
    if top in SECRET_FIELDS:
        found = "a value of the wrong type (hidden because the field is secret)"
    else:
        found = _describe_value(details["input"])
    return Problem(
        field=field,
        found=found,
        expected=details["msg"].replace("Input should be", "a value that is", 1),
        fix=_fix_for_error_type(details, field),
    )


def _unknown_field_problem(location: tuple[int | str, ...], model: str) -> Problem:
    from django_cfg.axes import AxesConfig
    from django_cfg.config import DjangoConfig

    name = str(location[-1])
    owner: type[BaseModel] = DjangoConfig
    listing = "the fields are listed in the README's field reference"
    if location[:1] == ("axes",) or model == "AxesConfig":
        owner, model = AxesConfig, "AxesConfig"
        listing = "the options are listed in the README's brute-force protection section"
    close = difflib.get_close_matches(name, list(owner.model_fields), n=1)
    fix = f"rename it to {close[0]!r}" if close else "remove it"
    return Problem(
        field=_format_location(location),
        found=f"the unknown field {name!r}",
        expected=f"a field of {model}",
        fix=f"{fix}; {listing}",
    )


def _fix_for_error_type(details: ErrorDetails, field: str) -> str:
    error_type = details["type"]
    limits = details.get("ctx", {})
    if error_type == "list_type":
        return f"write {field} as a list, such as ['myapp.com'], even for one item"
    if error_type.startswith("bool"):
        return f"set {field} to true or false"
    if error_type.startswith("int"):
        return f"set {field} to a whole number"
    if error_type.startswith("float"):
        return f"set {field} to a number"
    if error_type in ("greater_than", "greater_than_equal"):
        bound = "greater than" if error_type == "greater_than" else "at least"
        limit = limits.get("gt", limits.get("ge"))
        return f"set {field} to a number {bound} {limit}"
    if error_type == "literal_error":
        return f"set {field} to one of the values above"
    return f"change {field} to the expected type"


def _format_location(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif text:
            text += f".{part}"
        else:
            text = str(part)
    return text


def _describe_value(value: object) -> str:
    text = repr(value)
    if len(text) > _MAX_FOUND_LENGTH:
        text = text[: _MAX_FOUND_LENGTH - 3] + "..."
    return f"{type(value).__name__} {text}"


def check_config(
    config: DjangoConfig, skip: frozenset[str] = frozenset()
) -> tuple[tuple[Domain, ...], list[Problem]]:
    """Return the parsed domains and every problem of a config.

    ``skip`` names fields that failed type validation: checks that read them do
    not run, and checks that depend on the mode do not run when the mode itself
    is unknown.
    """
    problems = [] if skip else _check_property_values(config)
    if problems:
        return (), problems

    domains: tuple[Domain, ...] = ()
    if "security_domains" not in skip:
        domains, domain_problems = _parse_security_domains(config.security_domains)
        problems.extend(domain_problems)
    if not skip & MODE_FIELDS:
        problems.extend(_check_environment_guard(config))
        problems.extend(_check_secret_key(config, skip))
        problems.extend(_check_hsts(config, skip))
    if "cors_allow_headers" not in skip:
        problems.extend(_check_cors_allow_headers(config.cors_allow_headers))
    problems.extend(_check_urls(config, skip))
    if "axes" not in skip and not skip & MODE_FIELDS:
        problems.extend(_check_axes(config))
    return domains, problems


def _check_axes(config: DjangoConfig) -> list[Problem]:
    shared = config.cache_url is not None and config.cache_url.startswith(
        ("redis://", "rediss://", "memcached://", "db://")
    )
    return axes_problems(config.axes, production=config.mode == "production", shared_cache=shared)


def _check_property_values(config: DjangoConfig) -> list[Problem]:
    cls = type(config)
    problems = []
    for name in sorted(cls.__property_fields__):
        annotation = cls.model_fields[name].annotation or object
        value = getattr(config, name)
        try:
            TypeAdapter(annotation).validate_python(value, strict=True)
        except ValidationError as error:
            problems.append(
                Problem(
                    field=name,
                    source=f"property {cls.__name__}.{name}",
                    found=_describe_value(value),
                    expected=f"a value of type {_type_name(annotation)}",
                    fix=f"make {cls.__name__}.{name} return that type: {_first_message(error)}",
                )
            )
    return problems


def _first_message(error: ValidationError) -> str:
    return error.errors()[0]["msg"]


def _type_name(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation)


def _parse_security_domains(entries: list[str]) -> tuple[tuple[Domain, ...], list[Problem]]:
    domains: dict[Domain, None] = {}
    problems = []
    for index, entry in enumerate(entries):
        try:
            domains.setdefault(parse_domain(entry), None)
        except InvalidDomain as error:
            problems.append(
                Problem(
                    field=f"security_domains[{index}]",
                    found=error.found,
                    expected=error.expected,
                    fix=error.fix,
                )
            )
    return tuple(domains), problems


def _check_environment_guard(config: DjangoConfig) -> list[Problem]:
    environment = config.environment
    if environment not in ("production", "staging"):
        return []
    variable = environment_source()
    where = f"the environment is {environment!r} ({variable})"
    problems = []
    if config.debug:
        problems.append(
            Problem(
                field="debug",
                found=f"debug=True while {where}",
                expected=f"debug=False in {environment}",
                fix=f"set debug to False, or select the development environment ({variable})",
            )
        )
    if not config.security_domains:
        problems.append(
            Problem(
                field="security_domains",
                found=f"an empty list while {where}",
                expected="the domains the site serves",
                fix=(
                    "list them, such as security_domains=['myapp.com']; "
                    "production never falls back to ALLOWED_HOSTS = ['*']"
                ),
            )
        )
    return problems


def _check_secret_key(config: DjangoConfig, skip: frozenset[str]) -> list[Problem]:
    if config.mode != "production" or "secret_key" in skip:
        return []
    weaknesses = secret_key.secret_key_weaknesses(config.secret_key)
    if not weaknesses:
        return []
    return [
        Problem(
            field="secret_key",
            found=", ".join(weaknesses),
            expected=secret_key.EXPECTED,
            fix=f"read it from an environment variable; {secret_key.GENERATE_HINT}",
        )
    ]


def weak_secret_key_warning(config: DjangoConfig) -> str | None:
    """Return the warning for a weak key in development mode, or None."""
    if config.mode == "production":
        return None
    weaknesses = secret_key.secret_key_weaknesses(config.secret_key)
    if not weaknesses:
        return None
    if not config.secret_key:
        return (
            "secret_key is not set: development uses a random key for this process, "
            "so sessions end when it restarts; production rejects a missing key"
        )
    return (
        f"secret_key is weak ({', '.join(weaknesses)}): development accepts it, "
        f"production rejects it; {secret_key.GENERATE_HINT}"
    )


def _check_hsts(config: DjangoConfig, skip: frozenset[str]) -> list[Problem]:
    if skip & {"hsts_seconds", "hsts_include_subdomains", "hsts_preload"}:
        return []
    seconds, include_subdomains, preload = resolve_hsts(config)
    if not preload or (seconds >= HSTS_PRELOAD_MIN_SECONDS and include_subdomains):
        return []
    return [
        Problem(
            field="hsts_preload",
            found=(
                f"preload with hsts_seconds={seconds}, "
                f"hsts_include_subdomains={include_subdomains}"
            ),
            expected=(
                f"hsts_seconds of at least {HSTS_PRELOAD_MIN_SECONDS} (one year) and "
                "hsts_include_subdomains=True, as browsers' preload lists require"
            ),
            fix="raise hsts_seconds and enable hsts_include_subdomains, or set hsts_preload=False",
        )
    ]


def _check_cors_allow_headers(headers: list[str]) -> list[Problem]:
    problems = []
    for index, header in enumerate(headers):
        if isinstance(header, str) and _HEADER_NAME.fullmatch(header.strip().lower()):
            continue
        problems.append(
            Problem(
                field=f"cors_allow_headers[{index}]",
                found=_describe_value(header),
                expected="an HTTP header name such as 'x-api-key'",
                fix="use letters, digits and hyphens only, without a colon or a value",
            )
        )
    return problems


def _database_url_problem(url: str, *, parsed_scheme: bool) -> Problem:
    """Describe a URL that dj-database-url rejected, naming only its scheme."""
    scheme, separator, _rest = url.partition("://")
    if parsed_scheme:
        return Problem(
            field="database_url",
            found=f"a {scheme} URL that dj-database-url cannot parse",
            expected="a database URL such as postgres://USER:PASSWORD@HOST:5432/NAME",
            fix=(
                "give the port as a number, and percent-encode special characters "
                "in the user name and password ('#' as %23)"
            ),
        )
    return Problem(
        field="database_url",
        found=(
            f"a URL with the unsupported scheme {scheme!r}"
            if separator
            else "a value without a scheme and '://'"
        ),
        expected="a database URL such as postgres://USER:PASSWORD@HOST:5432/NAME",
        fix="use a scheme that dj-database-url supports: postgres, mysql, sqlite, ...",
    )


def _check_urls(config: DjangoConfig, skip: frozenset[str]) -> list[Problem]:
    import dj_database_url

    problems = []
    if config.database_url is not None and "database_url" not in skip:
        try:
            dj_database_url.parse(config.database_url)
        except dj_database_url.UnknownSchemeError:
            problems.append(_database_url_problem(config.database_url, parsed_scheme=False))
        except ValueError:
            problems.append(_database_url_problem(config.database_url, parsed_scheme=True))
    if config.cache_url is not None and "cache_url" not in skip:
        try:
            parse_cache_url(config.cache_url)
        except InvalidCacheUrl as error:
            problems.append(
                Problem(
                    field="cache_url",
                    found=str(error),
                    expected=EXPECTED_CACHE_URL,
                    fix="use redis://HOST:6379/0 for a cache that several servers share",
                )
            )
    return problems
