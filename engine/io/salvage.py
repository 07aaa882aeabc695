"""Read a report that failed validation past its invalid values, listing every one of them.

Only a report that the strict models reject comes here (a valid one costs nothing more). Its
header (format version, plan, department, period) must be valid, or nothing else can be
checked against it: a header problem is an input error, as is a broken frame (an object where
the format has a value, a list item that is not an object: the XML form cannot even express
these). Everything else is judged value by value against the strict models' own types and
constraints: an invalid value, an unknown field or a missing required field becomes a problem
(engine.io.problems) and is left out of its record, which stays in the report with its other
fields. The result is the report's lenient twin (engine.model.lenient).

Each subtree is first validated whole by the strict model (in pydantic-core, lists stopping at
their first bad item, see engine.io.validate); only a subtree that fails is taken apart, so the
cost grows with the invalid parts; past its limit the problem log only counts.
"""
from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Annotated, Any, Optional, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import value_messages as say
from .header_problem import header_problem
from .problems import INCONSISTENCY, INVALID_VALUE, ProblemLog
from .source import InputError, SourceMap, clipped
from .xml_layout import FieldLayout, fields_of
from ..model.lenient import lenient
from ..model.report import Report
from ..model.values import InvalidValue

# What the report is: without a valid header there is nothing to check the rest against.
HEADER = ("schema_version", "plan", "department", "period")
# ...except these values of a header object, which are ordinary values (a wrong department code
# is a finding; the department is still known by its name).
HEADER_VALUES = {"department": ("code", "region")}


@cache
def lenient_report() -> type[BaseModel]:
    """The report's lenient twin, built on first use: building it is a tenth of a second of every
    cold start, and only a report with invalid values needs it."""
    return lenient(Report, frozenset(HEADER))


def __getattr__(name: str) -> Any:
    if name == "LenientReport":  # the twin by its class name, built when first asked for
        return lenient_report()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    """Validates one field's value exactly as the strict model does."""
    info = model.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


@cache
def _item_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    """Validates one item of a list field."""
    annotation = model.model_fields[name].annotation
    while get_origin(annotation) is not list:
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    return TypeAdapter(get_args(annotation)[0])


def _nullable(model: type[BaseModel], name: str) -> bool:
    return type(None) in get_args(model.model_fields[name].annotation)


def _after_checks(model: type[BaseModel]) -> list[Any]:
    decorators = model.__pydantic_decorators__.model_validators.values()
    return [d.func for d in decorators if d.info.mode == "after"]


class _Walker:
    def __init__(self, path: str, source: SourceMap, log: ProblemLog):
        self.path, self.source, self.log = path, source, log

    def frame_error(self, pointer: str, message: str, zh: Optional[str] = None) -> InputError:
        found = self.source.locate(pointer)
        return InputError(self.path, message, replace(found, pointer=pointer), zh)

    def record(self, raw: dict, model: type[BaseModel], pointer: str) -> dict:
        """`raw` without its invalid values, each logged."""
        try:
            model.model_validate(raw)
            return raw
        except ValidationError:
            pass  # taken apart below, outside the handler (see engine.io.read on keeping errors)
        layout = fields_of(model)
        for key in raw:
            if key not in layout:
                self.log.add(f"{pointer}/{_escape(clipped(key, 100))}", INVALID_VALUE, say.unknown(key, layout))
        cleaned: dict[str, Any] = {}
        for name, field in layout.items():
            here = f"{pointer}/{name}"
            if name not in raw:
                if field.required:
                    self.log.add(here, INVALID_VALUE, say.missing(name, field))
                continue
            kept, value = self.field(raw[name], model, field, here)
            if kept:
                cleaned[name] = value
        self.cross_check(model, cleaned, pointer)
        return cleaned

    def field(self, value: Any, model: type[BaseModel], field: FieldLayout, pointer: str) -> tuple[bool, Any]:
        """(kept, value): the value as it may stay in the record, or not kept (logged)."""
        name = field.name
        if field.kind != "scalar" and value is None:
            if _nullable(model, name):
                return True, None
            self.log.add(pointer, INVALID_VALUE, say.null(name, field))
            return False, None
        if field.kind == "model":
            if not isinstance(value, dict):
                raise self.frame_error(pointer, f"{name} must be an object, not {_json_type(value)}",
                                       f"{name}应为对象（{{…}}），实为{_json_type_zh(value)}")
            return True, self.record(value, field.model, pointer)
        if field.kind == "list":
            if not isinstance(value, list):
                raise self.frame_error(pointer, f"{name} must be a list, not {_json_type(value)}",
                                       f"{name}应为列表（[…]），实为{_json_type_zh(value)}")
            return True, self.items(value, model, field, pointer)
        if isinstance(value, (dict, list)):
            raise self.frame_error(pointer, f"{name} must be a single value, not {_json_type(value)}",
                                   f"{name}应为单个值，实为{_json_type_zh(value)}")
        try:
            _adapter(model, name).validate_python(value)
            return True, value
        except ValidationError as exc:
            error = exc.errors(include_url=False, include_input=False)[0]
        self.log.add(pointer, INVALID_VALUE, say.invalid(name, field.scalar, error, value))
        return False, None

    def items(self, value: list, model: type[BaseModel], field: FieldLayout, pointer: str, start: int = 0) -> list:
        """The list without its invalid values; `start`: the items before it are known valid."""
        if not start:
            try:
                _adapter(model, field.name).validate_python(value)
                return value
            except ValidationError:
                pass
        if field.max_items is not None and len(value) > field.max_items:
            self.log.add(pointer, INVALID_VALUE, say.too_many(field.name, len(value), field.max_items))
            value = value[: field.max_items]
        kept = list(value[:start])
        for i, item in enumerate(value[start:], start):
            here = f"{pointer}/{i}"
            if field.model is not None:
                if not isinstance(item, dict):
                    raise self.frame_error(here, f"an item of {field.name} must be an object, not {_json_type(item)}",
                                           f"{field.name}的每一项应为对象（{{…}}），实为{_json_type_zh(item)}")
                kept.append(self.record(item, field.model, here))
                continue
            if isinstance(item, (dict, list)):
                raise self.frame_error(here, f"an item of {field.name} must be a single value, not {_json_type(item)}",
                                       f"{field.name}的每一项应为单个值，实为{_json_type_zh(item)}")
            try:
                _item_adapter(model, field.name).validate_python(item)
                kept.append(item)
                continue
            except ValidationError as exc:
                error = exc.errors(include_url=False, include_input=False)[0]
            # items of a list of values are counted by the rules, never located: leaving one out
            # moves no record
            self.log.add(here, INVALID_VALUE, say.invalid(field.name, field.scalar, error, item))
        return kept

    def cross_check(self, model: type[BaseModel], cleaned: dict, pointer: str) -> None:
        """The strict model's checks across fields, run on what is left of the record."""
        checks = _after_checks(model)
        if not checks:
            return
        twin = lenient(model).model_validate(cleaned)
        for check in checks:
            cause = _refusal(check, twin)
            if cause is not None:
                where = f"{pointer}/{cause.field}" if cause.field else pointer
                self.log.add(where, INCONSISTENCY, say.inconsistent(cause))


def _refusal(check: Any, twin: BaseModel) -> InvalidValue | None:
    """What a strict model's check across fields says of a lenient record, None if nothing."""
    try:
        check(twin)
    except InvalidValue as cause:
        return cause
    except TypeError:
        pass  # a value the check compares was left out: there is nothing to compare
    return None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {str: "a string", list: "a list", dict: "an object", type(None): "null"}.get(type(value), "a value")


def _json_type_zh(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "数字"
    return {str: "文字", list: "列表", dict: "对象", type(None): "null"}.get(type(value), "其他值")


def _header(data: dict, walker: _Walker, path: str, source: SourceMap) -> dict:
    """The header, valid, with its ordinary values judged like any other value."""
    head = {name: data[name] for name in HEADER if name in data}
    ordinary: dict[str, dict] = {}
    for name, fields in HEADER_VALUES.items():
        if isinstance(head.get(name), dict):
            ordinary[name] = head[name]
            head[name] = {k: v for k, v in head[name].items() if k not in fields}
    try:
        lenient_report().model_validate(head)
        error = None
    except ValidationError as exc:
        error = exc.errors(include_url=False, include_input=False)[0]
    if error is not None:  # said outside the handler (see engine.io.read on keeping errors)
        problem = header_problem(error, {**data, **head})
        found = source.locate(problem.pointer)
        raise InputError(path, problem.en, replace(found, pointer=problem.pointer), problem.zh)
    layouts = fields_of(Report)
    for name, raw in ordinary.items():
        model = layouts[name].model
        kept = dict(head[name])
        for key in HEADER_VALUES[name]:
            if key in raw:
                ok, value = walker.field(raw[key], model, fields_of(model)[key], f"/{name}/{key}")
                if ok:
                    kept[key] = value
        head[name] = kept
    return head


def failures(exc: ValidationError) -> dict[str, int]:
    """Where the strict validation of a whole report failed: each top-level field with an error,
    and for a list the index of its first invalid item (lists fail fast: the items before it are
    valid), else 0. Plain data, so that nothing of the error outlives its handler."""
    first: dict[str, int] = {}
    for error in exc.errors(include_url=False, include_context=False, include_input=False):
        loc = error["loc"]
        index = loc[1] if len(loc) >= 2 and isinstance(loc[1], int) else 0
        name = str(loc[0]) if loc else ""
        first[name] = min(first.get(name, index), index)
    return first


def salvage(data: dict, source: SourceMap, path: str, log: ProblemLog,
            failed: Optional[dict[str, int]] = None) -> BaseModel:
    """The report without its invalid values (a LenientReport); each is logged in `log`.
    `failed` (see `failures`) spares the fields the strict validation found valid.

    InputError for a header problem or a broken frame."""
    walker = _Walker(path, source, log)
    cleaned = _header(data, walker, path, source)
    layouts = fields_of(Report)
    for key in data:
        if key not in layouts:
            log.add(f"/{_escape(clipped(key, 100))}", INVALID_VALUE, say.unknown(key, layouts))
    for name, field in layouts.items():
        if name in HEADER or name not in data:
            if name not in HEADER and field.required:
                log.add(f"/{name}", INVALID_VALUE, say.missing(name, field))
            continue
        if failed is not None and name not in failed:
            cleaned[name] = data[name]  # valid as a whole
            continue
        start = failed.get(name, 0) if failed is not None else 0
        if start and field.kind == "list" and isinstance(data[name], list):
            kept, value = True, walker.items(data[name], Report, field, f"/{name}", start)
        else:
            kept, value = walker.field(data[name], Report, field, f"/{name}")
        if kept:
            cleaned[name] = value
    return lenient_report().model_validate(cleaned)
