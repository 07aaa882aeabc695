"""Judge an Excel workbook's zip before openpyxl reads it: hostile workbooks are refused, like
hostile XML, by what the zip's directory and the parts' bytes show.

Refused: anything but a zip (an old .xls, a password-protected workbook), too many parts, parts
that unpack past the size limit or pack suspiciously well (zip bombs), encrypted parts, macros
(vbaProject.bin, a macro-enabled content type), links to other workbooks (xl/externalLinks),
embedded objects, any DTD or entity declaration in any XML part (so no parser ever expands an
entity), and sheets with more rows, columns or cells than a report can have. zipfile stops
unpacking a part at its declared size, so the declared sizes judged here bound what is unpacked.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from .limits import (
    MAX_XLSX_CELLS, MAX_XLSX_MEMBERS, MAX_XLSX_RATIO, MAX_XLSX_ROWS, MAX_XLSX_UNPACKED,
)
from .source import InputError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 files and encrypted workbooks
# No report sheet needs more columns than this (the widest has about 30).
MAX_COLUMNS = 200
# A part smaller than this cannot be a bomb, however well it packs.
_RATIO_FROM = 1024 * 1024
_DECLARATIONS = tuple(word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY")
                      for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb"\br=[\"'](\d{1,12})[\"']")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b([^>]*)>")
_CELL_COLUMN = re.compile(rb"\br=[\"']\$?([A-Za-z]{1,7})\$?\d")


_MACROS_ZH = "工作簿含有宏：请另存为不含宏的 Excel 工作簿（.xlsx）"


@dataclass(frozen=True)
class SheetSize:
    rows: int  # the last row number
    columns: int  # the last column number


def _refuse(path: str, message: str, zh: str) -> InputError:
    return InputError(path, message, zh=zh)


def check_workbook(data: bytes, path: str) -> dict[str, SheetSize]:
    """Refuse a hostile or broken workbook; the size of each worksheet part, by part name."""
    if data.startswith(OLE_MAGIC):
        raise _refuse(path, "an Excel 97-2003 (.xls) or password-protected workbook cannot be read: "
                            "save it as an Excel workbook (.xlsx) without a password",
                      "无法读取 Excel 97-2003（.xls）或设有密码的工作簿：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx），不设密码")
    if not data.startswith(ZIP_MAGIC):
        raise _refuse(path, "not an Excel workbook (.xlsx): the file is not a zip archive",
                      "不是 Excel 工作簿（.xlsx）：请用 Excel 或 WPS 另存为 .xlsx，或提交 JSON/XML 报告")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _refuse(path, f"not a readable Excel workbook (.xlsx): broken zip archive ({exc})",
                      f"工作簿文件已损坏，无法读取（{exc}）：请重新保存或重新导出") from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise _refuse(path, f"workbook has {len(members)} parts, more than the {MAX_XLSX_MEMBERS} a report's can have",
                      f"工作簿有 {len(members)} 个组成部分，超过报告允许的 {MAX_XLSX_MEMBERS} 个")
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNPACKED:
        raise _refuse(path, f"workbook unpacks to {total} bytes, over the {MAX_XLSX_UNPACKED}-byte limit",
                      f"工作簿解压后有 {total} 字节，超过 {MAX_XLSX_UNPACKED} 字节的上限")
    for member in members:
        _check_member(member, path)
    sizes: dict[str, SheetSize] = {}
    with archive:
        for member in members:
            if not _is_xml(member.filename):
                continue
            try:
                content = archive.read(member)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
                raise _refuse(path, f"not a readable Excel workbook (.xlsx): part {member.filename} is "
                                    f"broken ({exc})", f"工作簿的组成部分 {member.filename} 已损坏（{exc}）：请重新保存") from None
            if any(word in content for word in _DECLARATIONS):
                raise _refuse(path, f"part {member.filename}: DTD/entity declarations are not allowed in a workbook",
                              f"工作簿的组成部分 {member.filename} 含有 DTD 或实体声明，不予读取")
            if member.filename == "[Content_Types].xml" and b"macroEnabled" in content:
                raise _refuse(path, "workbook contains macros (a macro-enabled workbook): "
                                    "save it as .xlsx without macros", _MACROS_ZH)
            if member.filename.startswith("xl/worksheets/"):
                sizes[member.filename] = _sheet_size(content, member.filename, path)
    return sizes


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _check_member(member: zipfile.ZipInfo, path: str) -> None:
    name = member.filename
    lower = name.lower()
    if member.flag_bits & 0x1:
        raise _refuse(path, f"part {name} is encrypted: save the workbook without a password",
                      f"工作簿的组成部分 {name} 已加密：请取消密码后另存")
    if lower.endswith("vbaproject.bin") or lower.startswith("xl/macrosheets/"):
        raise _refuse(path, "workbook contains macros: save it as .xlsx without macros", _MACROS_ZH)
    if lower.startswith("xl/externallinks/"):
        raise _refuse(path, "workbook links to other workbooks (external links): "
                            "paste the linked values in (粘贴为数值) and remove the links",
                      "工作簿链接了其他工作簿（外部链接）：把链接的数据“粘贴为数值”，再删除链接")
    if lower.startswith(("xl/embeddings/", "xl/activex/")):
        raise _refuse(path, f"workbook contains an embedded object ({name}): remove it",
                      f"工作簿含有嵌入对象（{name}）：请删除后另存")
    if member.file_size > _RATIO_FROM and member.file_size > MAX_XLSX_RATIO * max(member.compress_size, 1):
        raise _refuse(path, f"part {name} unpacks to {member.file_size} bytes from {member.compress_size}: "
                            "packed too densely to be a report (a zip bomb?)",
                      f"工作簿的组成部分 {name} 由 {member.compress_size} 字节解压为 {member.file_size} 字节，压缩比异常，不像报告文件")


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + (char - 64)
    return number


def _sheet_size(content: bytes, name: str, path: str) -> SheetSize:
    """The last row and column a sheet's XML names, refused past the limits."""
    rows = last_row = 0
    for match in _ROW.finditer(content):
        rows += 1
        numbered = _ROW_NUMBER.search(match.group(1))
        last_row = max(last_row + 1 if numbered is None else int(numbered.group(1)), last_row)
        if last_row > MAX_XLSX_ROWS:
            raise _refuse(path, f"sheet {name} reaches row {last_row}, past the {MAX_XLSX_ROWS} rows a report can have",
                          f"工作表 {name} 用到第 {last_row} 行，超过报告允许的 {MAX_XLSX_ROWS} 行")
    cells = last_column = 0
    for match in _CELL.finditer(content):
        cells += 1
        if cells > MAX_XLSX_CELLS:
            raise _refuse(path, f"sheet {name} has more than {MAX_XLSX_CELLS} cells: too large to check",
                          f"工作表 {name} 的单元格超过 {MAX_XLSX_CELLS} 个，过大，无法核查")
        lettered = _CELL_COLUMN.search(match.group(1))
        if lettered is not None:
            last_column = max(last_column, _column_number(lettered.group(1)))
    if last_column > MAX_COLUMNS:
        raise _refuse(path, f"sheet {name} has a cell in column {last_column}, "
                            f"past the {MAX_COLUMNS} a report's sheet can have",
                      f"工作表 {name} 用到第 {last_column} 列，超过报告允许的 {MAX_COLUMNS} 列")
    return SheetSize(last_row, max(last_column, 1))
