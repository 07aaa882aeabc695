"""Value checks shared by the report models (kept apart so the models stay declarative)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# C0 controls other than tab, newline and carriage return, and DEL; lone surrogates and U+FFFE/F,
# which are not characters: XML 1.0 cannot carry any of them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# urlsplit silently deletes tabs and newlines ("java\nscript:" becomes "javascript:"), so a URL
# with any whitespace or control character inside is refused before it is split.
_URL_BREAK = re.compile(r"[\s\x00-\x1f\x7f]")


def _shown(value: str, size: int = 80) -> str:
    return repr(value if len(value) <= size else value[: size - 1] + "…")


def printable(value: str) -> str:
    """No control characters or non-characters: XML 1.0 cannot carry them, and a report read from
    JSON must be one that could have been written as XML."""
    bad = _CONTROL.search(value)
    if bad is not None:
        kind = "control character" if ord(bad.group()) < 0x80 else "non-character"
        raise ValueError(f"contains {kind} U+{ord(bad.group()):04X}")
    return value


def non_blank(value: str) -> str:
    """Text must say something (and be printable)."""
    if not value.strip():
        raise ValueError("must not be blank")
    return printable(value)


def check_url(value: str) -> str:
    """Accept only absolute http(s) URLs naming a host: a report's links are opened by auditors."""
    stripped = value.strip()
    if _URL_BREAK.search(stripped):
        raise ValueError(f"not an http(s) URL: contains a space or control character: {_shown(value)}")
    parts = urlsplit(stripped)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {_shown(value)}")
    if "@" in parts.netloc:
        # https://www.gov.cn@evil.example/ opens evil.example
        raise ValueError(f"not an http(s) URL an auditor can trust: it carries a user name: {_shown(value)}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or port == -1:
        raise ValueError(f"not an http(s) URL: no valid host and port: {_shown(value)}")
    return value
