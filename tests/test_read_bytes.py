"""engine.io.read.read_bytes reads a report file whole, up to the byte limit, asking the system for
the size fstat gave (plus one byte) rather than for the limit; a file that holds more than fstat
said is read on to the same limit as before."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.io.read import read_bytes
from engine.io.source import InputError


@pytest.mark.parametrize("size", [1, 100, 65_537, 3 << 20])
def test_a_file_is_read_whole(tmp_path: Path, size: int):
    path = tmp_path / "r.json"
    path.write_bytes(os.urandom(size))
    assert read_bytes(path, size) == path.read_bytes()
    with pytest.raises(InputError, match=f"file is {size} bytes, over the {size - 1}-byte limit"):
        read_bytes(path, size - 1)


def test_a_file_larger_than_fstat_says_is_read_on_to_the_limit():
    """A /proc file: fstat says 0 bytes, reading gives more (as a file growing while it is read)."""
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    text = read_bytes(status, 1 << 20)
    assert text.startswith(b"Name:") and text.endswith(b"\n") and len(text) > 100
    with pytest.raises(InputError, match="file is over the 50-byte limit"):
        read_bytes(status, 50)
