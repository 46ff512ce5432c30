"""Write a settings dict out as a hand-written settings module: one literal per setting."""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path
from typing import Any

#: Importable constants that settings may contain, as (module, attribute path).
#: django-csp 4 and Django 6 mark the nonce source in CSP directives with these.
KNOWN_CONSTANTS = (
    ("csp.constants", "NONCE"),
    ("django.utils.csp", "CSP.NONCE"),
)


class UnsupportedValue(TypeError):
    """A setting value that has no literal form here."""


def write_settings_module(settings: dict[str, Any], path: Path) -> None:
    """Write ``settings`` to ``path`` as ``NAME = literal`` lines, with the imports they need."""
    imports: set[str] = set()
    lines = [f"{name} = {render(value, imports)}" for name, value in settings.items()]
    header = [
        '"""Hand-written settings with the values that django_cfg generated."""',
        "",
        *sorted(imports),
        "",
    ]
    path.write_text("\n".join([*header, *lines, ""]), encoding="utf-8")


def render(value: Any, imports: set[str]) -> str:
    """Return Python source that evaluates to ``value``, adding the imports it needs."""
    if value is None or isinstance(value, bool | int | float | str):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(render(item, imports) for item in value) + "]"
    if isinstance(value, tuple):
        items = [render(item, imports) for item in value]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if isinstance(value, dict):
        pairs = (f"{render(k, imports)}: {render(v, imports)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, datetime.timedelta):
        imports.add("import datetime")
        return repr(value)  # datetime.timedelta(...)
    return _render_constant(value, imports)


def _render_constant(value: Any, imports: set[str]) -> str:
    for module_name, attribute_path in KNOWN_CONSTANTS:
        try:
            candidate: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        for attribute in attribute_path.split("."):
            candidate = getattr(candidate, attribute, None)
        if candidate is value:
            imports.add(f"import {module_name}")
            return f"{module_name}.{attribute_path}"
    raise UnsupportedValue(f"no literal form for a setting value of type {type(value).__name__}")
