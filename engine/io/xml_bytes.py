"""Checks on the raw bytes of an XML report, before libxml2 sees them: size and encoding.

libxml2 decodes by the byte-order mark when there is one and otherwise by the declaration, and
it decodes UTF-8 bytes declared as ISO-8859-1 (or, for short texts, as GBK) without complaint:
the report then silently says something else than its author wrote. Here the declaration must
name an accepted encoding and agree with the BOM and with the bytes.
"""
from __future__ import annotations

import re
from typing import Optional

from .limits import MAX_TAGS
from .saved_as_gbk import gbk_refusal
from .source import InputError, Location

# Unicode, and the national encodings Chinese government systems still write.
ACCEPTED_ENCODINGS = "UTF-8, UTF-16, GB18030 or GBK"
_FAMILY = {
    "utf-8": "utf-8", "utf8": "utf-8",
    "utf-16": "utf-16", "utf-16le": "utf-16", "utf-16be": "utf-16", "utf16": "utf-16",
    "gb18030": "gb18030", "gbk": "gbk", "cp936": "gbk", "gb2312": "gb2312",
    "us-ascii": "ascii", "ascii": "ascii",
}
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_BOMS = ((b"\xef\xbb\xbf", "utf-8", "utf-8"), (b"\xff\xfe", "utf-16", "utf-16-le"),
         (b"\xfe\xff", "utf-16", "utf-16-be"))
_DECLARATION = re.compile(r"<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*([\"'])([A-Za-z][A-Za-z0-9._\-]*)\1")


def check_size(data: bytes, path: str) -> None:
    if data.count(b"<") <= MAX_TAGS:
        return
    offset = -1
    for _ in range(MAX_TAGS + 1):
        offset = data.index(b"<", offset + 1)
    raise InputError(path, f"more than {MAX_TAGS} tags: too large to check",
                     Location("", data.count(b"\n", 0, offset) + 1), f"标签超过 {MAX_TAGS} 个，文件过大，无法核查")


def check_encoding(data: bytes, path: str) -> None:
    """Refuse an encoding declaration that is not accepted or does not match the bytes."""
    if data.startswith(_UTF32_BOMS):
        raise _refuse(path, "UTF-32 is not accepted: use " + ACCEPTED_ENCODINGS, None,
                      "不接受 UTF-32 编码：请另存为 " + ACCEPTED_ENCODINGS)
    bom = next(((family, codec, len(mark)) for mark, family, codec in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        actual, head = bom[0], data[bom[2]:bom[2] + 400].decode(bom[1], "replace")
    elif data.startswith(b"<\x00"):
        actual, head = "utf-16", data[:400].decode("utf-16-le", "replace")
    elif data.startswith(b"\x00<"):
        actual, head = "utf-16", data[:400].decode("utf-16-be", "replace")
    else:
        actual, head = None, data[:200].decode("latin-1")
    declaration = _DECLARATION.match(head)
    family = _FAMILY.get(declaration.group(2).lower()) if declaration is not None else None
    if actual is None and (declaration is None or family == "utf-8"):
        _refuse_gbk(data, path)
    if declaration is None:
        return  # no declaration: UTF-8, or what the BOM says; libxml2 checks the bytes
    declared = declaration.group(2)
    if family is None:
        raise _refuse(path, f"encoding {declared!r} is not accepted: use " + ACCEPTED_ENCODINGS,
                      declaration, f"不接受编码“{declared}”：请另存为 " + ACCEPTED_ENCODINGS)
    if actual is not None:
        if family != actual:
            what = f"starts with a {actual.upper()} byte-order mark" if bom else f"its bytes are {actual.upper()}"
            what_zh = f"文件以 {actual.upper()} 字节顺序标记开头" if bom else f"文件实际是 {actual.upper()}"
            raise _refuse(path, f"declares encoding {declared} but {what}", declaration,
                          f"声明的编码是 {declared}，但{what_zh}：改正声明或按声明的编码另存")
        return
    if family == "utf-16":
        raise _refuse(path, f"declares encoding {declared} but the bytes are not UTF-16", declaration,
                      f"声明的编码是 {declared}，但文件内容不是 UTF-16：改正声明或另存为 UTF-16")
    if family != "utf-8" and not data.isascii() and _is_utf8(data):
        raise _refuse(path, f"declares encoding {declared} but the content is UTF-8: "
                            "declare UTF-8 or save the file as " + declared, declaration,
                      f"声明的编码是 {declared}，但文件内容是 UTF-8：把声明改为 UTF-8，或按 {declared} 另存")


def _refuse_gbk(data: bytes, path: str) -> None:
    """Bytes to be read as UTF-8 that are GBK/GB18030 (saved as "ANSI"): refused, saying so."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        refusal = gbk_refusal(data, exc.start, path, xml=True)
        if refusal is not None:
            raise refusal from None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _refuse(path: str, message: str, declaration: Optional[re.Match], zh: str) -> InputError:
    column = declaration.start(2) + 1 if declaration is not None else 1
    return InputError(path, message, Location("", 1, column), zh)
