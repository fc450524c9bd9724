"""The Zopfli rewrite keeps a zip's members exactly, and only makes it smaller."""

from __future__ import annotations

import importlib.util
import io
import json
import random
import zipfile
import zipimport
from pathlib import Path

import pytest

from companion_build.runtime import zopfli_zip

MODULE = "\n".join(
    f"def partner_{n}(minutes: int) -> str:\n    return f'{{minutes}} minutes with partner {n}'\n"
    for n in range(300)
).encode()


def sample_zip() -> bytes:
    """A zip as `zipfile` writes it at level 9, with every kind of member a zip can hold."""
    noise = random.Random(5).randbytes(4000)  # incompressible: stays stored
    members: list[tuple[str, bytes, int]] = [
        ("greeting.py", b"WORDS = 'partner, family, chosen family'\n", zipfile.ZIP_DEFLATED),
        ("package/", b"", zipfile.ZIP_STORED),
        ("package/__init__.py", b"", zipfile.ZIP_DEFLATED),
        ("package/partners.py", MODULE, zipfile.ZIP_DEFLATED),
        ("package/noise.bin", noise, zipfile.ZIP_DEFLATED),
        ("package/stored.txt", MODULE[:2000], zipfile.ZIP_STORED),
        ("package/tiny.txt", b"a", zipfile.ZIP_DEFLATED),
        ("package/café.txt", "chosen family, café".encode(), zipfile.ZIP_DEFLATED),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, (name, data, method) in enumerate(members):
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 9, 30, 2 * number))
            info.compress_type = method
            info.external_attr = (0o40755 << 16) | 0x10 if name.endswith("/") else 0o644 << 16
            info.comment = f"member {number}".encode()
            archive.writestr(info, data, compresslevel=9)
        archive.comment = b"the chapter's library"
    return buffer.getvalue()


def test_every_member_reads_back_identical_with_its_metadata() -> None:
    original = sample_zip()
    rewritten = zopfli_zip.rewrite(original)
    with (
        zipfile.ZipFile(io.BytesIO(original)) as before,
        zipfile.ZipFile(io.BytesIO(rewritten)) as after,
    ):
        assert after.testzip() is None  # every member's CRC checked
        assert after.namelist() == before.namelist()
        assert after.comment == before.comment
        for old, new in zip(before.infolist(), after.infolist(), strict=True):
            assert after.read(new) == before.read(old), new.filename
            for field in ("CRC", "date_time", "external_attr", "internal_attr", "comment"):
                assert getattr(new, field) == getattr(old, field), (new.filename, field)
            assert new.file_size == old.file_size
            assert new.compress_size <= old.compress_size, new.filename


def test_the_zip_is_smaller_than_zlibs_level_nine_and_stores_what_does_not_compress() -> None:
    original = sample_zip()
    rewritten = zopfli_zip.rewrite(original)
    assert len(rewritten) < len(original)
    with zipfile.ZipFile(io.BytesIO(rewritten)) as after:
        methods = {info.filename: info.compress_type for info in after.infolist()}
        partners = after.getinfo("package/partners.py")
    assert methods["package/partners.py"] == zipfile.ZIP_DEFLATED
    assert methods["package/stored.txt"] == zipfile.ZIP_DEFLATED  # stored before, compresses
    for name in ("package/", "package/__init__.py", "package/noise.bin", "package/tiny.txt"):
        assert methods[name] == zipfile.ZIP_STORED, name
    with zipfile.ZipFile(io.BytesIO(original)) as before:
        assert partners.compress_size < before.getinfo("package/partners.py").compress_size


def test_the_same_zip_in_gives_the_same_bytes_out_and_a_second_rewrite_changes_nothing() -> None:
    first = zopfli_zip.rewrite(sample_zip())
    assert zopfli_zip.rewrite(sample_zip()) == first
    assert zopfli_zip.rewrite(first) == first
    assert zopfli_zip.rewrite(sample_zip(), workers=2) == first


def test_pythons_zip_importer_imports_from_the_rewritten_zip(tmp_path: Path) -> None:
    library = tmp_path / "library.zip"
    library.write_bytes(sample_zip())
    report = zopfli_zip.rewrite_file(library)
    assert (report.members, report.bytes_out) == (8, library.stat().st_size)
    assert report.bytes_out < report.bytes_in
    assert not list(tmp_path.glob("*.zopfli"))
    importer = zipimport.zipimporter(str(library / "package"))
    spec = importer.find_spec("partners") or pytest.fail("package/partners.py not found")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    assert module.partner_7(45) == "45 minutes with partner 7"


def test_the_script_rewrites_in_place_and_prints_its_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library.zip"
    library.write_bytes(sample_zip())
    assert zopfli_zip.main([str(library)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["bytes_out"] == library.stat().st_size < summary["bytes_in"]
    assert zopfli_zip.main([]) == 2


def test_a_cached_rewrite_deflates_only_the_members_it_has_not_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "members"
    first = zopfli_zip.rewrite(sample_zip(), cache=cache)
    assert first == zopfli_zip.rewrite(sample_zip())
    seen: list[bytes] = []
    real = zopfli_zip.raw_deflate

    def counted(data: bytes, iterations: int = zopfli_zip.ITERATIONS) -> bytes:
        seen.append(data)
        return real(data, iterations)

    monkeypatch.setattr(zopfli_zip, "raw_deflate", counted)
    assert zopfli_zip.rewrite(sample_zip(), cache=cache) == first
    assert seen == [], "every member was in the cache"
    # A changed member is deflated again; the others come from the cache.
    changed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample_zip())) as source, zipfile.ZipFile(changed, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info, data + b"# changed\n" if info.filename == "greeting.py" else data)
    zopfli_zip.rewrite(changed.getvalue(), cache=cache)
    assert seen == [b"WORDS = 'partner, family, chosen family'\n# changed\n"]
    # A damaged cache entry is made again, never used.
    for entry in cache.iterdir():
        entry.write_bytes(b"\x08garbage")
    assert zopfli_zip.rewrite(sample_zip(), cache=cache) == first
