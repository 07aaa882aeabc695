"""The single values of JSON data with their JSON pointers: what the corruption property and the
stated-dates test walk over."""
from __future__ import annotations

from typing import Any, Iterator


def json_leaves(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """(pointer, value) of every single value, and of every item of a list of values."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_leaves(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from json_leaves(item, f"{pointer}/{i}")
    else:
        yield pointer, value
