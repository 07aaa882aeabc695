"""What `check` is asked to read: files as given, directories and globs (found as `batch` finds
them, engine/batch/discover.py) and `-`, standard input, shown as `<stdin>` in locations."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Union

from .io.source import InputError

STDIN_ARGUMENT = "-"
STDIN_NAME = "<stdin>"
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Inputs:
    # in the order given (what a directory or glob found, sorted), each path once; an InputError
    # stands where a directory or glob found no report, so errors are told in the order given
    items: tuple[Union[Path, InputError], ...]

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(i for i in self.items if isinstance(i, Path))

    @property
    def errors(self) -> tuple[InputError, ...]:
        return tuple(i for i in self.items if isinstance(i, InputError))


def _shown(found: str, argument: str) -> Path:
    """A found path as the user gave the directory or pattern: relative to the working directory
    for a relative argument (`../reports/a.json`), absolute for an absolute one."""
    return Path(found if os.path.isabs(argument) else os.path.relpath(found))


def expand(arguments: Iterable[str]) -> Inputs:
    items: dict[Union[Path, InputError], None] = {}
    for argument in arguments:
        path = Path(argument)
        if argument == STDIN_ARGUMENT:
            items[Path(STDIN_NAME)] = None
        elif path.is_dir() or (_GLOB_CHARS & set(argument) and not path.exists()):
            # loaded only for a directory or pattern: a check of named files has no use for it
            from .batch.discover import SUFFIXES, discover

            found = discover([argument])
            if not found:
                kinds = "/".join(SUFFIXES)
                what = "directory" if path.is_dir() else "pattern"
                what_zh = "文件夹" if path.is_dir() else "匹配模式"
                items[InputError(argument, f"no {kinds} report files found in this {what}",
                                 zh=f"该{what_zh}中没有 {kinds} 报告文件")] = None
            items.update((_shown(f, argument), None) for f in found)
        else:
            items[path] = None
    return Inputs(tuple(items))


def is_stdin(path: Path) -> bool:
    return str(path) == STDIN_NAME


def read_stdin(stream: BinaryIO, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(STDIN_NAME, f"standard input is over the {max_bytes}-byte limit",
                         zh=f"标准输入超过 {max_bytes} 字节的上限")
    return data
