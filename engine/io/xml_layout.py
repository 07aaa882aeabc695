"""The XML element layout of the report, read off the pydantic models (shared by reader, writer, XSD).

Nothing here names a report field: the layout is derived from `model_fields`, so a field added to
the models appears in the XML reader, the writer and the XSD at once. The only hand-kept table is
the singular name of list items, and a list field missing from it fails loudly on first use.
"""
from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, Optional, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

NAMESPACE = "urn:plancheck:report:1"
ROOT = "report"

# Element name of one item of each list field. Fixed (not guessed by stripping an "s") so that
# the XML vocabulary cannot change silently when the models change.
ITEM_NAMES: dict[str, str] = {
    "tasks": "task",
    "evidence": "item",
    "metrics": "metric",
    "cases": "case",
    "referrals": "referral",
    "received_referrals": "received",
    "credit_list": "entry",
    "publications": "publication",
    "attachments": "attachment",
    "team_members": "member",
    "kinds": "kind",
    "aliases": "alias",
    "evidence_refs": "ref",
}

SCALAR_TYPES = (str, int, float, bool, dt.date, dt.datetime)


@dataclass(frozen=True)
class Scalar:
    """A leaf value: its python type and the constraints the XSD can express."""

    type: type  # one of SCALAR_TYPES or an Enum subclass
    choices: Optional[tuple[str, ...]] = None  # Enum values or Literal options
    max_length: Optional[int] = None
    min_length: Optional[int] = None
    pattern: Optional[str] = None
    ge: Any = None
    le: Any = None
    gt: Any = None
    lt: Any = None


@dataclass(frozen=True)
class FieldLayout:
    name: str
    kind: str  # "scalar", "model" or "list"
    required: bool
    scalar: Optional[Scalar] = None  # kind == "scalar", or a list of scalars
    model: Optional[type[BaseModel]] = None  # kind == "model", or a list of models
    item: Optional[str] = None  # element name of one item (lists only)
    max_items: Optional[int] = None  # lists only

    @property
    def is_list(self) -> bool:
        return self.kind == "list"


_CONSTRAINTS = ("max_length", "min_length", "pattern", "ge", "le", "gt", "lt")


def _collect(metas: list, into: dict[str, Any]) -> None:
    """Constraint values from annotated-types / pydantic metadata objects (duck-typed on purpose)."""
    for meta in metas:
        if isinstance(meta, FieldInfo):
            _collect(list(meta.metadata), into)
            continue
        for name in _CONSTRAINTS:
            value = getattr(meta, name, None)
            if value is not None:
                into[name] = value


def _strip(annotation: Any, metas: list) -> tuple[Any, list, bool]:
    """Peel Annotated[...] and Optional[...] off an annotation, gathering metadata on the way."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            base, *extra = get_args(annotation)
            annotation, metas = base, metas + extra
        elif origin is Union or origin is types.UnionType:
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                raise TypeError(f"unsupported union {annotation!r}: the XML layout needs one type")
            annotation, optional = args[0], True
        else:
            return annotation, metas, optional


def _scalar(annotation: Any, metas: list) -> Optional[Scalar]:
    constraints: dict[str, Any] = {}
    _collect(metas, constraints)
    if get_origin(annotation) is Literal:
        options = get_args(annotation)
        if not all(isinstance(o, str) for o in options):
            raise TypeError(f"unsupported literal {annotation!r}: only string options")
        return Scalar(str, choices=tuple(options), **constraints)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return Scalar(annotation, choices=tuple(str(m.value) for m in annotation), **constraints)
    if annotation in SCALAR_TYPES:
        return Scalar(annotation, **constraints)
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field(name: str, info: FieldInfo) -> FieldLayout:
    annotation, metas, _ = _strip(info.annotation, list(info.metadata))
    required = info.is_required()
    if _is_model(annotation):
        return FieldLayout(name, "model", required, model=annotation)
    if get_origin(annotation) is list:
        # metadata gathered so far belongs to the list itself (e.g. max_length = most items)
        limits: dict[str, Any] = {}
        _collect(metas, limits)
        (item_type,) = get_args(annotation)
        item_type, item_metas, _ = _strip(item_type, [])
        if name not in ITEM_NAMES:
            raise KeyError(f"list field {name!r} has no item element name: add it to ITEM_NAMES")
        common = dict(item=ITEM_NAMES[name], max_items=limits.get("max_length"))
        if _is_model(item_type):
            return FieldLayout(name, "list", required, model=item_type, **common)
        scalar = _scalar(item_type, item_metas)
        if scalar is None:
            raise TypeError(f"field {name!r}: unsupported list item type {item_type!r}")
        return FieldLayout(name, "list", required, scalar=scalar, **common)
    scalar = _scalar(annotation, metas)
    if scalar is None:
        raise TypeError(f"field {name!r}: unsupported type {annotation!r}")
    return FieldLayout(name, "scalar", required, scalar=scalar)


@cache
def fields_of(model: type[BaseModel]) -> dict[str, FieldLayout]:
    """The child elements of a model's element, in model field order."""
    return {name: _field(name, info) for name, info in model.model_fields.items()}


def models_in(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model reachable from `root`, depth-first in field order (a deterministic order)."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for f in fields_of(model).values():
            if f.model is not None:
                visit(f.model)

    visit(root)
    return seen
