"""`.ci/html-tools` (called by .ci/run): when Chromium or a CJK font is missing and cannot be
installed, it says so in a banner a CI log shows, with what is missing, why and how to get it."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / ".ci" / "html-tools"
TOOLS = ("bash", "env", "id", "paste", "tail", "cat")  # what the script runs besides the ones it looks for


def _run(path: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([shutil.which("bash"), str(SCRIPT)], capture_output=True, text=True, timeout=60,
                          env={"PATH": path, **env})


def test_missing_tools_are_announced_with_the_way_to_get_them(tmp_path: Path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        os.symlink(shutil.which(tool), bin_dir / tool)
    proc = _run(str(bin_dir), PLANCHECK_CI_NO_INSTALL="1")
    assert proc.returncode == 1 and proc.stdout == ""
    assert "the HTML rendering tests will be SKIPPED: Chromium and a CJK font not installed" in proc.stderr
    assert "could not install: PLANCHECK_CI_NO_INSTALL=1" in proc.stderr
    assert "apt-get install chromium fonts-wqy-microhei" in proc.stderr
    assert 'see "Testing the HTML output" in README.md' in proc.stderr


def test_without_apt_get_it_says_why(tmp_path: Path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        os.symlink(shutil.which(tool), bin_dir / tool)
    proc = _run(str(bin_dir))
    assert proc.returncode == 1 and "could not install: no apt-get on this machine" in proc.stderr


def test_silent_when_both_are_there():
    if not shutil.which("chromium") or not shutil.which("fc-list"):
        pytest.skip("Chromium or fontconfig is not installed here")
    proc = _run(os.environ["PATH"], PLANCHECK_CI_NO_INSTALL="1")
    if "CJK font" in proc.stderr:
        pytest.skip("no CJK font installed here")
    assert proc.returncode == 0 and proc.stderr == ""
