"""The JSON-Patch subset the rule cases patch their base reports with (`replace`, `add`,
`remove`; `/-` appends), applied strictly: replace and remove need their target, add never
overwrites, and every failure says what was wrong with the path."""
from __future__ import annotations

import copy
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from .model import Closed


class PatchError(ValueError):
    """One patch operation that cannot be applied to the document."""


class PatchOp(Closed):
    op: Literal["replace", "add", "remove"]
    path: Annotated[str, Field(pattern=r"^/")]
    value: Any = None

    @model_validator(mode="after")
    def _value_presence(self) -> "PatchOp":
        if ("value" in self.model_fields_set) != (self.op != "remove"):
            raise ValueError("remove takes no value" if self.op == "remove" else f"{self.op} needs a value")
        return self


def _index(items: list, token: str, allow_end: bool = False) -> int:
    if not token.isdigit() or (len(token) > 1 and token.startswith("0")):
        raise PatchError(f"{token!r} is not an array index" + (" ('-' is for add only)" if token == "-" else ""))
    if int(token) >= len(items) + allow_end:
        raise PatchError(f"index {token} is out of range (the array has {len(items)} item{'' if len(items) == 1 else 's'})")
    return int(token)


def _step(node: Any, token: str) -> Any:
    if isinstance(node, list):
        return node[_index(node, token)]
    if not isinstance(node, dict):
        raise PatchError(f"cannot go into {token!r}: the value there is not an object or array")
    if token not in node:
        raise PatchError(f"no member {token!r}")
    return node[token]


def apply_op(document: Any, op: PatchOp) -> None:
    """Apply one operation in place; strict: replace/remove need the target, add never overwrites."""
    *steps, last = [t.replace("~1", "/").replace("~0", "~") for t in op.path.split("/")[1:]]
    parent = document
    for token in steps:
        parent = _step(parent, token)
    value = copy.deepcopy(op.value)
    if isinstance(parent, list):
        if op.op == "add":
            parent.insert(len(parent) if last == "-" else _index(parent, last, allow_end=True), value)
        elif op.op == "replace":
            parent[_index(parent, last)] = value
        else:
            del parent[_index(parent, last)]
        return
    if not isinstance(parent, dict):
        raise PatchError("the parent of the target is not an object or array")
    if op.op == "add" and last in parent:
        raise PatchError(f"member {last!r} already exists (use replace)")
    if op.op != "add" and last not in parent:
        raise PatchError(f"no member {last!r} to {op.op}" + (" (use add)" if op.op == "replace" else ""))
    if op.op == "remove":
        del parent[last]
    else:
        parent[last] = value
