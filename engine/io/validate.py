"""Validate report data with pydantic, in time and memory bounded by the first error.

pydantic collects every error of a document before raising. For a hostile file that is one
error per bad list item: a 9 MB file of `{}` items produces millions of errors and gigabytes of
memory. Here every list is validated item by item and cut just after its first invalid item, so
the final `model_validate` sees at most one bad item per list and reports the same first error,
in the same order, as validating the whole document would.
"""
from __future__ import annotations

from functools import cache
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from engine.io.xml_layout import fields_of

M = TypeVar("M", bound=BaseModel)


def validate_first_error(model: type[M], data: Any) -> M:
    """`model.model_validate(data)`, raising a ValidationError that holds few errors, never many."""
    prepared, _ = _prepare(model, data)
    if isinstance(prepared, model):
        return prepared
    return model.model_validate(prepared)  # raises: some part is invalid


def _prepare(model: type[BaseModel], data: Any) -> tuple[Any, bool]:
    """(a model instance, True) when `data` is valid; else (data with every list cut after its
    first invalid item and valid parts replaced by instances, False)."""
    if not isinstance(data, dict):
        return data, False
    prepared = dict(data)
    valid = True
    for name, layout in fields_of(model).items():
        value = data.get(name)
        if layout.kind == "model" and isinstance(value, dict):
            prepared[name], ok = _prepare(layout.model, value)
            valid = valid and ok
        elif layout.is_list and isinstance(value, list):
            items = []
            for item in value:
                if layout.model is not None:
                    item, ok = _prepare(layout.model, item)
                else:
                    ok = _valid_item(model, name, item)
                items.append(item)
                if not ok:
                    valid = False
                    break
            prepared[name] = items
    if not valid:
        return prepared, False
    try:
        return model.model_validate(prepared), True
    except ValidationError:
        return prepared, False


def _valid_item(model: type[BaseModel], field: str, item: Any) -> bool:
    try:
        _item_adapter(model, field).validate_python(item)
    except ValidationError:
        return False
    return True


@cache
def _item_adapter(model: type[BaseModel], field: str) -> TypeAdapter:
    """Validator of one item of a list-of-scalars field (its annotation, constraints included)."""
    (item_type,) = get_args(model.model_fields[field].annotation)
    return TypeAdapter(item_type)
