"""Subject keys of list items: by what they are, never by where they stand.

A finding's subject goes into its fingerprint, its run-to-run diff and any waiver naming it; so
an item is keyed by its id or its kind, and reordering or inserting items changes no other
item's key.
"""
from __future__ import annotations

from typing import Any


def natural_keys(names: list[str]) -> list[str]:
    """Subject keys of a list's items by what they are, not where they stand (gsxt, credit_china,
    transfer_letter…; a repeat is gsxt/2): a finding's fingerprint, its run-to-run diff and a
    waiver naming the subject then follow the item when a department reorders or inserts items."""
    seen: dict[str, int] = {}
    keys = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        keys.append(name if seen[name] == 1 else f"{name}/{seen[name]}")
    return keys


def plain(value: Any) -> Any:
    """A coded value (an enum member) as the report writes it; anything else as it is."""
    return getattr(value, "value", value)


def item_keys(ids: list[Any]) -> list[str]:
    """Subject keys of a list's items by their id or kind (a coded kind as the report writes it:
    gsxt); a repeated one (an inconsistency the reader reports) gives the later item id/2, and an
    item without a valid one is keyed by its place (#3), so that no two items share a subject."""
    return natural_keys([f"#{i}" if value is None else str(plain(value)) for i, value in enumerate(ids)])
