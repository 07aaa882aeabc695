"""A plan document as plain text: .txt (UTF-8, or GB18030 as Chinese Windows saves it) or .docx
(python-docx, one paragraph a line), with the web scrapers' page markers and footers removed."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path


class PlanSourceError(ValueError):
    """The plan file cannot be read as text; the message names the file."""


def read_plan_text(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        return _docx_text(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanSourceError(f"{path}: cannot read the file: {exc.strerror}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanSourceError(f"{path}: not UTF-8 or GB18030 text")


def _docx_text(path: Path) -> str:
    import docx  # python-docx: only `pack init` on a .docx pays for importing it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanSourceError(f"{path}: not a readable .docx file ({exc})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:  # a 责任分工表 attached to the plan
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


# A document-sharing site (seeds 000 and 002) cuts the document into pages and starts each line
# with the page's number, "2、", often inside a sentence ("重拳推进知识产权\n2、行政执法").
_PAGE_MARKER = re.compile(r"^(\d{1,3})、")
_SENTENCE_END = "。；;：:！？!?）)」”"
_FOOTER = re.compile(r"第\s*\d+\s*页\s*共\s*\d+\s*页")


def remove_page_markers(text: str) -> str:
    """Join the pages of a scrape whose lines start 1、 2、 3、 … in order, mostly mid-sentence.
    A plan numbering its own items 1、 2、 ends the line before with a full stop, so it is kept."""
    lines = text.split("\n")
    marked = [i for i, line in enumerate(lines) if _PAGE_MARKER.match(line)]
    numbers = [int(_PAGE_MARKER.match(lines[i]).group(1)) for i in marked]  # type: ignore[union-attr]
    if len(marked) < 3 or numbers != list(range(1, len(numbers) + 1)):
        return _FOOTER.sub("", text)
    breaks = [i for i in marked[1:] if lines[i - 1].rstrip()]
    mid_sentence = [i for i in breaks if lines[i - 1].rstrip()[-1] not in _SENTENCE_END]
    if len(mid_sentence) * 2 < len(breaks):
        return _FOOTER.sub("", text)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in marked:
            body = _PAGE_MARKER.sub("", line, count=1)
            if i == marked[0] or not out:
                out.append(body)
            else:
                out[-1] = out[-1].rstrip() + body
        else:
            out.append(line)
    return _FOOTER.sub("", "\n".join(out))
