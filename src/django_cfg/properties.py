"""Support for subclasses that compute a field with a ``@property``.

Plain pydantic takes a ``property`` that replaces an inherited field as that
field's default value, so ``config.debug`` would return the property object
itself. The metaclass below keeps such properties as real properties instead,
and records their names so that validation can check the values they return.
"""

from __future__ import annotations

import copy
import difflib
import warnings
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

if TYPE_CHECKING:
    from pydantic._internal._model_construction import ModelMetaclass
else:
    ModelMetaclass = type(BaseModel)


class PropertyFieldsMeta(ModelMetaclass):
    """Pydantic's model metaclass, plus properties that override inherited fields."""

    def __new__(
        mcs,
        name: str,
        bases: tuple[type[Any], ...],
        namespace: dict[str, Any],
        **kwargs: Any,
    ) -> type:
        # NOTE: Python 3.14 evaluates annotations lazily and may leave no
        # "__annotations__" in the namespace; only 3.11 to 3.13 are tested.
        annotated = set(namespace.get("__annotations__", {}))
        inherited = _inherited_property_fields(bases) - annotated
        properties = {
            attribute: value
            for attribute, value in namespace.items()
            if isinstance(value, property) and _base_field(bases, attribute) is not None
        }

        # Pydantic reads a field's default from the class attribute of that
        # name, which for these fields is a property (here or in a base). A copy
        # of the base's FieldInfo keeps the field as the base declared it.
        annotations = namespace.setdefault("__annotations__", {})
        for attribute in inherited | set(properties):
            field = _base_field(bases, attribute)
            assert field is not None
            annotations[attribute] = field.annotation
            namespace[attribute] = field

        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Field name .* shadows an attribute")
            cls = super().__new__(mcs, name, bases, namespace, **kwargs)

        for attribute in inherited | set(properties):
            if attribute in cls.__dict__:
                type.__delattr__(cls, attribute)
        for attribute, value in properties.items():
            type.__setattr__(cls, attribute, value)
        for attribute in _inherited_property_fields(bases) & annotated:
            # A field declared again below a property: a plain class attribute
            # lets the instance's own value win over the inherited property.
            type.__setattr__(cls, attribute, None)
        type.__setattr__(cls, "__property_fields__", frozenset(inherited | set(properties)))
        _warn_about_near_misses(name, annotated, bases)
        return cls


def _warn_about_near_misses(
    class_name: str, annotated: set[str], bases: tuple[type[Any], ...]
) -> None:
    """Warn about a new field whose name is one typo away from an inherited one.

    ``securty_domains: list[str] = [...]`` declares a new field that nothing reads,
    and leaves security_domains at its default.
    """
    from django_cfg.errors import ConfigWarning

    known: set[str] = set()
    for base in bases:
        known.update(getattr(base, "__pydantic_fields__", {}))
    for field in sorted(annotated - known):
        close = difflib.get_close_matches(field, sorted(known), n=1, cutoff=0.8)
        if close and not field.startswith("_"):
            warnings.warn(
                f"{class_name}.{field} is a new field, not one that django_cfg reads; "
                f"rename it to {close[0]!r} if that was meant",
                ConfigWarning,
                stacklevel=3,
            )


def _inherited_property_fields(bases: tuple[type[Any], ...]) -> set[str]:
    names: set[str] = set()
    for base in bases:
        names.update(getattr(base, "__property_fields__", ()))
    return names


def _base_field(bases: tuple[type[Any], ...], name: str) -> FieldInfo | None:
    for base in bases:
        fields: dict[str, FieldInfo] = getattr(base, "__pydantic_fields__", {})
        if name in fields:
            return copy.copy(fields[name])
    return None
