"""Reading what a browser or a client sends: the body under the size limit, multipart forms parsed
in memory (never spooled to disk), file names cut down to a harmless base name.

Nothing here touches the server's file system: an upload is bytes and a display name.
"""
from __future__ import annotations

import re
from typing import AsyncIterator, Optional

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from .jobs import Upload

MAX_FILES = 20  # per request: a department's reports for a year fit many times over
_NAME_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*\\/]+")
KNOWN_SUFFIXES = (".json", ".xml", ".xlsx")


class TooLarge(Exception):
    """The request body is over the limit (413)."""


class BadRequest(Exception):
    """The request cannot be used: no or too many files, a bad parameter (400); str() says why."""


class TooManyFiles(BadRequest):
    """More than MAX_FILES files in one upload (400)."""

    def __init__(self) -> None:
        super().__init__(f"at most {MAX_FILES} files per upload")


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused as soon as it passes `limit` bytes (by Content-Length first)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


class _InMemoryParser(MultiPartParser):
    """Starlette's parser, with the spool large enough that a part never rolls over to a file."""

    def __init__(self, request: Request, body: bytes, limit: int):
        async def stream() -> AsyncIterator[bytes]:
            yield body

        super().__init__(request.headers, stream(), max_files=MAX_FILES, max_fields=50, max_part_size=64 * 1024)
        self.spool_max_size = limit + 1


async def parse_form(request: Request, body: bytes, limit: int) -> FormData:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        try:
            return await _InMemoryParser(request, body, limit).parse()
        except MultiPartException as exc:
            if str(exc).startswith("Too many files"):
                raise TooManyFiles() from None
            raise BadRequest(str(exc)) from None
    if content_type.startswith("application/x-www-form-urlencoded"):
        from urllib.parse import parse_qsl

        return FormData(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    raise BadRequest(f"expected a multipart/form-data upload, got {content_type or 'no content type'!r}")


def clean_name(name: Optional[str], fallback: str = "report") -> str:
    """The base name a browser sent (never a path), without control or path characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = _NAME_UNSAFE.sub("_", base).strip(" .")[:120]
    return cleaned or fallback


async def uploaded_files(form: FormData, field: str) -> list[Upload]:
    files = [f for f in form.getlist(field) if isinstance(f, UploadFile) and (f.filename or f.size)]
    if len(files) > MAX_FILES:
        raise TooManyFiles()
    uploads = []
    for index, item in enumerate(files, 1):
        uploads.append(Upload(clean_name(item.filename, f"report-{index}"), await item.read()))
        await item.close()
    return uploads
