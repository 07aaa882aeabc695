"""Value checks shared by the report models (kept apart so the models stay declarative)."""
from __future__ import annotations

from urllib.parse import urlsplit


_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}


def non_blank(value: str) -> str:
    """Text must say something and hold no control characters (XML 1.0 cannot carry them)."""
    if not value.strip():
        raise ValueError("must not be blank")
    bad = next((ch for ch in value if ch in _CONTROL), None)
    if bad is not None:
        raise ValueError(f"contains control character U+{ord(bad):04X}")
    return value


def check_url(value: str) -> str:
    """Accept only absolute http(s) URLs: a report's links are opened by auditors."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value
