"""Value checks shared by the report models (kept apart so the models stay declarative).

Each check raises InvalidValue: its str() is the English sentence an input error prints, and it
also carries the Chinese sentence and, in both languages, what to write instead, so that an
invalid value inside a record can become a finding in the reader's language (engine.io.salvage).

Shaped for speed where a check runs for every text of every report (non_blank, printable, and
check_url for each link): the common case, a value that passes, is told by a C-speed test
(str.isspace, str.isprintable, one regex match) before any slower search or split, which then
says what is wrong exactly as before.
"""
from __future__ import annotations

import re
from typing import Optional
from urllib.parse import urlsplit


# C0 controls other than tab, newline and carriage return, and DEL; lone surrogates and U+FFFE/F,
# which are not characters: XML 1.0 cannot carry any of them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# urlsplit silently deletes tabs and newlines ("java\nscript:" becomes "javascript:"), so a URL
# with any whitespace or control character inside is refused before it is split.
_URL_BREAK = re.compile(r"[\s\x00-\x1f\x7f]")

# The common case, accepted without splitting: http(s), an ASCII host name, a port of at most four
# digits, nothing urlsplit would drop or read otherwise (no space or control character, no @, no
# [ before the path). Everything this accepts, the checks below accept; anything else goes to them.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]{1,4})?(?:[/?#][^\s\x00-\x1f\x7f]*)?")
_HOST_FIRST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#]|$)", re.IGNORECASE)
_URL_FIX_ZH = "填写以 http:// 或 https:// 开头、可直接打开的完整网址，如 https://www.gsxt.gov.cn/"
_URL_FIX_EN = "write the full address starting with http:// or https://, e.g. https://www.gsxt.gov.cn/"


class InvalidValue(ValueError):
    """A value a check refuses, said in English (str) and Chinese, each with what to write instead.

    `field`, when set, names the field of the checked object that is wrong (a check over several
    fields, such as a closing date before the filing date, blames the later one)."""

    def __init__(self, en: str, zh: str, fix_en: str, fix_zh: str, field: Optional[str] = None):
        super().__init__(en)
        self.en, self.zh, self.fix_en, self.fix_zh, self.field = en, zh, fix_en, fix_zh, field


def _shown(value: str, size: int = 80) -> str:
    return repr(value if len(value) <= size else value[: size - 1] + "…")


def _quoted(value: str, size: int = 80) -> str:
    """As _shown, in Chinese quotation marks."""
    inner = _shown(value, size)[1:-1]
    return f"“{inner}”"


def printable(value: str) -> str:
    """No control characters or non-characters: XML 1.0 cannot carry them, and a report read from
    JSON must be one that could have been written as XML. Shaped for speed (every text of a report
    passes here): a text str.isprintable() accepts has none of them (they are all of categories it
    refuses: Cc, Cs, Cn), and that test runs several times faster than the search."""
    if value.isprintable():
        return value
    bad = _CONTROL.search(value)
    if bad is not None:
        code = f"U+{ord(bad.group()):04X}"
        kind, kind_zh = ("control character", "控制字符") if ord(bad.group()) < 0x80 else ("non-character", "非字符码位")
        raise InvalidValue(f"contains {kind} {code}", f"含有{kind_zh}{code}",
                           "remove the character", "删去该字符（多由复制粘贴带入）")
    return value


def non_blank(value: str) -> str:
    """Text must say something (and be printable). Run for every text of a report: the common
    case, a printable text, costs two C-speed tests and no further call."""
    if not value or value.isspace():  # (what `not value.strip()` says, without a copy)
        raise InvalidValue("must not be blank", "不能为空白", "write the value, or leave the field out if it is optional",
                           "填写内容；选填字段没有内容时整项删去")
    if not value.isprintable():  # (a line break, say): searched for what XML cannot carry
        printable(value)
    return value


def check_url(value: str) -> str:
    """Accept only absolute http(s) URLs naming a host: a report's links are opened by auditors."""
    if _PLAIN_URL.fullmatch(value):  # shaped for speed: a report has a dozen, almost all plain
        return value
    stripped = value.strip()
    if _URL_BREAK.search(stripped):
        raise InvalidValue(f"not an http(s) URL: contains a space or control character: {_shown(value)}",
                           f"网址{_quoted(value)}中含有空格或控制字符", _URL_FIX_EN, _URL_FIX_ZH)
    parts = urlsplit(stripped)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        fix_en, fix_zh = _URL_FIX_EN, _URL_FIX_ZH
        if not parts.scheme and _HOST_FIRST.match(stripped):  # the scheme left out: amr.hlj.gov.cn/…
            guess = _shown(f"https://{stripped}")[1:-1]
            fix_en += f"; here probably {guess}"
            fix_zh += f"；此处多为 {guess}"
        raise InvalidValue(f"not an http(s) URL: {_shown(value)}", f"{_quoted(value)}不是 http(s) 网址", fix_en, fix_zh)
    if "@" in parts.netloc:
        # https://www.gov.cn@evil.example/ opens evil.example
        raise InvalidValue(f"not an http(s) URL an auditor can trust: it carries a user name: {_shown(value)}",
                           f"网址{_quoted(value)}带有用户名（@之前的部分），打开的并不是看上去的网站",
                           "write the site's own address, without anything before an @",
                           "填写网站本身的地址，不要带 @ 及其前面的部分")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or port == -1:
        raise InvalidValue(f"not an http(s) URL: no valid host and port: {_shown(value)}",
                           f"网址{_quoted(value)}没有有效的主机名或端口", _URL_FIX_EN, _URL_FIX_ZH)
    return value
