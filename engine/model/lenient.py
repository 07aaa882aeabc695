"""Lenient twins of the report models: what a report is once its invalid values are left out.

A twin has the fields of its strict model with the same types and constraints on every value,
but every field may be absent (None, or the strict default where there is one), the models
inside it are twins too, and it has no checks across fields (a period's order, a case's dates):
engine.io.salvage reports those itself. Twins are derived from the strict models, never written
by hand, so the strict models stay the one source of the format (and of the schemas).
"""
from __future__ import annotations

import types
from functools import cache
from typing import Annotated, Any, Optional, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, create_model

_CONFIG = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def _twin_type(annotation: Any) -> Any:
    """`annotation` with every model in it replaced by its twin (constraints kept as they are)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        return Annotated[(_twin_type(base), *metadata)]
    if origin is Union or origin is types.UnionType:
        return Union[tuple(_twin_type(arg) for arg in get_args(annotation))]
    if origin is list:
        (item,) = get_args(annotation)
        return list[_twin_type(item)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lenient(annotation)
    return annotation


def _default(value: Any) -> Any:
    """A strict default in twin form (a default model instance becomes its twin's instance)."""
    if isinstance(value, BaseModel):
        return lenient(type(value)).model_validate(value.model_dump())
    return value


@cache
def lenient(model: type[BaseModel], keep: frozenset[str] = frozenset()) -> type[BaseModel]:
    """The twin of `model`; the fields named in `keep` stay exactly as strict as they are."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        typed = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        if name in keep:
            fields[name] = (typed, ... if info.is_required() else info.default)
            continue
        twin = _twin_type(info.annotation)
        if info.metadata:
            twin = Annotated[(twin, *info.metadata)]
        if info.is_required():
            fields[name] = (Optional[twin], None)
        else:  # absent means the strict default, as in a valid report
            fields[name] = (twin, _default(info.default))
    return create_model(f"Lenient{model.__name__}", __config__=_CONFIG, __doc__=model.__doc__,
                        __module__=__name__, **fields)
