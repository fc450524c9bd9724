"""Rewrite a zip archive so the same entries always give the same bytes.

Libraries stamp zip entries with the current time; a download that changes on
every build for no reason defeats caches and reproducible builds.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from exercises.model import ChapterContent

# The earliest time a zip entry can carry (1980-01-01 00:00).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def download_date(content: ChapterContent) -> datetime.date:
    """The date a download carries where its format wants one (the first day of the book's
    year), never the day of the build: the same content must give the same bytes every day."""
    return datetime.date(content.chapter.book.year, 1, 1)


def reproducible_zip(archive: bytes) -> bytes:
    """The same archive with fixed timestamps and permissions, entries in their original order."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if entry.is_dir() else zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 if entry.is_dir() else 0o100644) << 16
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()
