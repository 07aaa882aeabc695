"""A report saved in the Chinese national encoding (GBK/GB18030, what Windows calls "ANSI")
where UTF-8 is needed: said as such, with how to save it as UTF-8.

Refused rather than read: a JSON file has no place to declare its encoding, and RFC 8259 §8.1
makes JSON exchanged between systems UTF-8, so guessing would let plancheck accept a file the
next system (the schema validators, the web upload, the archive) rejects, and a wrong guess would
be silent (a department name decoded into other characters). An XML report may declare GBK or
GB18030 and is then read (engine.io.xml_bytes); one that declares nothing is UTF-8 by the XML
specification, and the same refusal offers the declaration as the other way out.
"""
from __future__ import annotations

import re
from typing import Optional

from .source import InputError, Location

_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
# Chinese text as a clerk types it: characters, Chinese punctuation, full-width forms.
_CHINESE_RUN = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d]{1,12}")
HOW_TO_SAVE_ZH = ("请另存为 UTF-8：记事本“文件→另存为”，编码选“UTF-8”；WPS 文字“另存为”时编码选“UTF-8”；"
                  "VS Code 点右下角的编码，选“通过编码保存”→“UTF-8”")
HOW_TO_SAVE_EN = ("save it as UTF-8: in Notepad File > Save As with Encoding UTF-8; in WPS Save As with "
                  "encoding UTF-8; in VS Code click the encoding in the status bar, Save with Encoding, UTF-8")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """line:col of byte `offset`, counting the characters of the UTF-8 text before it."""
    before = data[:offset].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


def gbk_refusal(data: bytes, offset: int, path: str, xml: bool = False) -> Optional[InputError]:
    """The refusal of `data`, not UTF-8 from byte `offset` on, when it reads as GBK/GB18030 with
    Chinese characters where UTF-8 failed; None when it does not (another encoding, or damage)."""
    try:
        text = data[offset:].decode("gb18030")
    except UnicodeDecodeError:
        return None
    run = _CHINESE_RUN.match(text)
    # two characters at least: one Latin-1 letter before ASCII (Müller) also decodes as one 汉字
    if run is None or len(run.group()) < 2 or not _CJK.search(run.group()):
        return None
    sample = run.group()
    line, column = _position(data, offset)
    declare_zh = "；或在第一行声明 <?xml version=\"1.0\" encoding=\"GBK\"?>" if xml else ""
    declare_en = "; or declare it on the first line: <?xml version=\"1.0\" encoding=\"GBK\"?>" if xml else ""
    return InputError(
        path, f"the file is not UTF-8: it looks saved as GBK/GB18030 (ANSI), here reading {sample!r}; "
              f"{HOW_TO_SAVE_EN}{declare_en}",
        Location("", line, column),
        f"文件不是 UTF-8 编码，看来是以 GBK/GB18030（ANSI）保存的（此处按 GBK 读作“{sample}”）。"
        f"{HOW_TO_SAVE_ZH}{declare_zh}")
