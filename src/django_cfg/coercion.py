"""Conversion of a value that is wholly one ``${VAR}`` placeholder to its field's type.

Environment variables are text, so ``DEBUG=False`` would be a truthy string and
``DOMAINS=a.com,b.com`` one string read character by character. These rules
turn such text into the type of the field it fills.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from django_cfg.yaml_files import KeyPath

BOOLEAN_WORDS = {
    "true": True,
    "1": True,
    "yes": True,
    "on": True,
    "false": False,
    "0": False,
    "no": False,
    "off": False,
}
EXPECTED_BOOLEAN = "true, false, 1, 0, yes, no, on or off, in any case"

_INTEGER = re.compile(r"[+-]?\d+")
_SEQUENCE_TYPES = (list, tuple, set, frozenset)


class CoercionError(Exception):
    """A placeholder's text cannot become a value of the field's type."""

    def __init__(self, kind: str, expected: str, example: str) -> None:
        super().__init__(kind)
        self.kind = kind
        self.expected = expected
        self.example = example


def annotation_at(model: type[BaseModel], path: KeyPath) -> Any | None:
    """Return the type annotation of the value at ``path`` in ``model``, or None if unknown."""
    annotation: Any = model
    for part in path:
        annotation = _child_annotation(_strip_optional(annotation)[0], part)
        if annotation is None:
            return None
    return annotation


def _child_annotation(annotation: Any, part: str | int) -> Any | None:
    origin = get_origin(annotation)
    if isinstance(part, int):
        arguments = get_args(annotation)
        return arguments[0] if origin in _SEQUENCE_TYPES and arguments else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part)
        return None if field is None else field.annotation
    if origin is dict and len(get_args(annotation)) == 2:
        return get_args(annotation)[1]
    return None


def coerce(text: str, annotation: Any | None) -> Any:
    """Return ``text`` converted for a field of type ``annotation``.

    Booleans, integers and floats must parse. A list splits on commas, trims and
    drops empty items, so "" gives []. An empty text gives None where the field
    accepts None. Any other type receives the text unchanged, for pydantic to
    validate. Raise CoercionError when the text does not parse.
    """
    if annotation is None:
        return text
    annotation, optional = _strip_optional(annotation)
    if optional and not text.strip() and get_origin(annotation) not in _SEQUENCE_TYPES:
        return None
    if annotation is bool:
        return _coerce_boolean(text)
    if annotation is int:
        return _coerce_integer(text)
    if annotation is float:
        return _coerce_float(text)
    if get_origin(annotation) in _SEQUENCE_TYPES:
        item_annotation = (get_args(annotation) or (None,))[0]
        return [coerce(item, item_annotation) for item in _split_list(text)]
    return text


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    """Return the annotation without ``None`` and whether it accepted None."""
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) not in (Union, types.UnionType):
        return annotation, False
    arguments = [argument for argument in get_args(annotation) if argument is not type(None)]
    optional = len(arguments) < len(get_args(annotation))
    # A union of several types gets no conversion: its text goes to pydantic.
    return (arguments[0] if len(arguments) == 1 else annotation), optional


def _coerce_boolean(text: str) -> bool:
    value = BOOLEAN_WORDS.get(text.strip().lower())
    if value is None:
        raise CoercionError("a boolean", EXPECTED_BOOLEAN, "true or false")
    return value


def _coerce_integer(text: str) -> int:
    if not _INTEGER.fullmatch(text.strip()):
        raise CoercionError("a whole number", "a whole number such as 3600", "a whole number")
    return int(text)


def _coerce_float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise CoercionError("a number", "a number such as 1.5", "a number") from None


def _split_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]
