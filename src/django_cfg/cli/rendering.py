"""Text forms of settings: a table, JSON or Python, and the differences of two environments."""

from __future__ import annotations

import json
import pprint
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import PurePath
from types import BuiltinFunctionType, FunctionType
from typing import Any

from django.utils.duration import duration_iso_string

from django_cfg.cli.masking import mask_secrets

FORMATS = ("table", "json", "python")


def to_plain(value: Any) -> Any:
    """Return ``value`` as JSON-native data with a stable text for everything else.

    Tuples and other iterables (such as IPNetworkSet) become lists, sets sorted
    ones, a timedelta its ISO 8601 duration (``P1DT00H00M00S``), a path its
    text, a class or function its dotted path, and any other object ``str()``.
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, timedelta):
        return duration_iso_string(value)
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted((to_plain(item) for item in value), key=str)
    if isinstance(value, type | FunctionType | BuiltinFunctionType):
        return f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, Iterable) and not isinstance(value, bytes):
        return [to_plain(item) for item in value]
    return str(value)


def format_settings(settings: Mapping[str, Any], output_format: str) -> str:
    """Return the settings, secrets masked, sorted by name, in ``output_format``."""
    masked = {name: mask_secrets(settings[name], name) for name in sorted(settings)}
    if output_format == "json":
        return json.dumps(to_plain(masked), indent=2, sort_keys=True, ensure_ascii=False)
    if output_format == "python":
        return "\n".join(f"{name} = {_python_text(value)}" for name, value in masked.items())
    width = max((len(name) for name in masked), default=0)
    return "\n".join(f"{name:<{width}}  {inline_text(value)}" for name, value in masked.items())


def inline_text(value: Any) -> str:
    """Return one line of JSON for ``value``, with the stable text of non-JSON values."""
    return json.dumps(to_plain(value), sort_keys=True, ensure_ascii=False)


def _python_text(value: Any) -> str:
    return pprint.pformat(value, width=99, sort_dicts=False)


def format_differences(
    first: tuple[str, Mapping[str, Any]], second: tuple[str, Mapping[str, Any]]
) -> str:
    """Return the settings that differ between two named environments, secrets masked.

    A setting whose values differ only in secrets is reported without values.
    """
    (first_name, first_settings), (second_name, second_settings) = first, second
    width = max(len(first_name), len(second_name)) + 1
    lines = []
    for name in sorted(first_settings.keys() | second_settings.keys()):
        before, after = _shown(first_settings, name), _shown(second_settings, name)
        if _raw(first_settings, name) == _raw(second_settings, name):
            continue
        if before == after:
            lines.append(f"{name}: differs in secret values, which are not shown")
            continue
        lines.append(name)
        lines.append(f"  {first_name + ':':<{width}} {before}")
        lines.append(f"  {second_name + ':':<{width}} {after}")
    if not lines:
        return f"{first_name} and {second_name} produce the same settings"
    return "\n".join(lines)


_MISSING = object()


def _raw(settings: Mapping[str, Any], name: str) -> Any:
    return to_plain(settings[name]) if name in settings else _MISSING


def _shown(settings: Mapping[str, Any], name: str) -> str:
    if name not in settings:
        return "(not set)"
    return inline_text(mask_secrets(settings[name], name))
