"""Support for subclasses that compute a field with a ``@property``.

Plain pydantic takes a ``property`` that replaces an inherited field as that
field's default value, so ``config.debug`` would return the property object
itself. The metaclass below keeps such properties as real properties instead,
and records their names so that validation can check the values they return.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

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
        inherited = _inherited_field_names(bases)
        properties = {
            attribute: value
            for attribute, value in namespace.items()
            if isinstance(value, property) and attribute in inherited
        }
        for attribute in properties:
            del namespace[attribute]

        cls = super().__new__(mcs, name, bases, namespace, **kwargs)

        for attribute, value in properties.items():
            type.__setattr__(cls, attribute, value)
        # NOTE: Python 3.14 evaluates annotations lazily and may leave no
        # "__annotations__" in the namespace; only 3.11 to 3.13 are tested.
        annotated = set(namespace.get("__annotations__", {}))
        earlier: frozenset[str] = getattr(cls, "__property_fields__", frozenset())
        for attribute in earlier & annotated:
            # A field declared again below a property: a plain class attribute
            # lets the instance's own value win over the inherited property.
            type.__setattr__(cls, attribute, None)
        type.__setattr__(cls, "__property_fields__", (earlier - annotated) | set(properties))
        return cls


def _inherited_field_names(bases: tuple[type[Any], ...]) -> set[str]:
    names: set[str] = set()
    for base in bases:
        names.update(getattr(base, "__pydantic_fields__", {}))
    return names
