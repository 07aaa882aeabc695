"""Validate report data with pydantic, in time and memory bounded by the first error.

pydantic collects every error of a document before raising. For a hostile file that is one
error per bad list item: a 9 MB file of `{}` items would produce millions of errors and
gigabytes of memory. Every list field of the report models is therefore declared with
`fail_fast=True`: pydantic stops each list at its first invalid item, so a ValidationError holds
at most one bad item per list, in the same order a full validation would report them, and a
valid report is validated in one pass inside pydantic-core. `lists_without_fail_fast` lets a
test keep that true of every model a report can contain.

A report that fails is read again value by value (engine.io.salvage) to list every problem; that
reading validates each failing subtree with the same fail-fast lists and stops at MAX_PROBLEMS
(engine.io.problems), so it stays bounded by the file's size, not by the number of its errors.
"""
from __future__ import annotations

from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def validate_first_error(model: type[M], data: Any) -> M:
    """`model.model_validate(data)`, raising a ValidationError that holds few errors, never many."""
    return model.model_validate(data)


def lists_without_fail_fast(model: type[BaseModel]) -> list[str]:
    """`Model.field` of every list field, in `model` or any model inside it, that would collect
    an error per item instead of stopping at the first."""
    missing: list[str] = []
    seen: set[type[BaseModel]] = set()

    def visit(current: type[BaseModel]) -> None:
        if current in seen:
            return
        seen.add(current)
        for name, info in current.model_fields.items():
            if get_origin(info.annotation) is list and not _fails_fast(info.metadata):
                missing.append(f"{current.__name__}.{name}")
            for inner in _models(info.annotation):
                visit(inner)

    visit(model)
    return missing


def _fails_fast(metadata: list[Any]) -> bool:
    return any(getattr(meta, "fail_fast", False) for meta in metadata)


def _models(annotation: Any) -> list[type[BaseModel]]:
    """Models named anywhere in a field annotation (Optional, list, Annotated…)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models(arg)]
