"""HTML output: one self-contained page (no external resources), read as a reader would — rendered
in headless Chromium (installed by .ci/run), the screenshot is not blank and the text is there."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from engine.checker import Checker
from engine.output.base import FormatOptions, RunOutcome
from engine.output.html import render_html
from engine.waivers import apply_waivers, load_waivers

REPO = Path(__file__).resolve().parent.parent
GAPS = REPO / "samples" / "heilongjiang-2023" / "ip-office-2024-gaps.json"
WAIVERS = REPO / "tests" / "fixtures" / "waivers" / "heilongjiang-ip-office-2024.yaml"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(checker: Checker) -> str:
    result = checker.check_path(GAPS)
    loaded = load_waivers(WAIVERS, checker.catalog)
    waivers = apply_waivers([result], loaded.waivers, dt.date(2025, 4, 15), checker.catalog, loaded)
    return render_html(RunOutcome((result,), (), waivers, checker.catalog), FormatOptions())


def test_self_contained(page: str):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "<script" not in page.lower() and "@import" not in page and "url(" not in page


def test_content(page: str, checker: Checker):
    plan = checker.catalog.plans["heilongjiang-2023"]
    assert plan.title in page and "黑龙江省知识产权局" in page and "2024-01-01" in page
    assert "<svg" in page  # chart by category
    assert "条款原文：" in page and plan.clause("67").text in page  # quoted clause text
    assert "已核查且通过" in page and "✓" in page  # checks that ran and passed
    assert "未适用于本报告的检查" in page and "只在批量核查中跨报告比对" in page  # and those that did not apply
    assert "已豁免" in page and "豁免 HLJ-W-2025-003" in page  # waived, with the waiver
    assert "HLJ-W-2025-007" in page  # unused waiver listed


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Minimal PNG decoder (8-bit RGB/RGBA, non-interlaced): width, height, rows of raw pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r) for r in rows]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    print("SKIP reason: Chromium is not installed (.ci/run installs the Debian package as root)")
    pytest.skip("Chromium is not installed (.ci/run installs the Debian package `chromium` as root)")


def _cjk_font() -> None:
    """Skip, saying why, when no font covers Chinese: Chromium would draw boxes (tofu), and a
    screenshot of boxes is not blank, so the rendering check would pass without meaning much."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return  # no fontconfig to ask (not Linux): trust Chromium's own fallback fonts
    families = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout
    if not families.strip():
        print("SKIP reason: no CJK font (.ci/run installs fonts-wqy-microhei as root)")
        pytest.skip("no CJK font installed (.ci/run installs the Debian package `fonts-wqy-microhei` as root)")


def test_renders_in_headless_chromium(page: str, tmp_path: Path):
    chromium = _chromium()
    _cjk_font()
    html = tmp_path / "report.html"
    html.write_text(page, encoding="utf-8")
    png = tmp_path / "shot.png"
    base = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    shot = subprocess.run([*base, f"--screenshot={png}", "--window-size=1280,2000", html.as_uri()],
                          capture_output=True, text=True, timeout=180)
    assert png.is_file(), shot.stderr[-2000:]
    width, height, rows = _png_pixels(png.read_bytes())
    assert (width, height) == (1280, 2000)
    bpp = len(rows[0]) // width
    colours = Counter(row[i:i + 3] for row in rows[::4] for i in range(0, len(row), bpp * 4))
    background, most = colours.most_common(1)[0]
    assert len(colours) > 20, f"screenshot looks blank: {len(colours)} colours"
    assert most / sum(colours.values()) < 0.97, "screenshot is almost all one colour"
    dom = subprocess.run([*base, "--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=180)
    assert "黑龙江省知识产权局" in dom.stdout and "结论：不通过" in dom.stdout and "条款原文" in dom.stdout
