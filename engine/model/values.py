"""Value checks shared by the report models (kept apart so the models stay declarative)."""
from __future__ import annotations

from urllib.parse import urlsplit


def non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def check_url(value: str) -> str:
    """Accept only absolute http(s) URLs: a report's links are opened by auditors."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value
