"""Image safety before any build (kiryx.content.media): format, name, size, integrity, decompression bombs."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from kiryx.cli import main
from kiryx.content.media import image_problem
from tests.conftest import write


def bomb_png(path: Path) -> None:
    """A tiny PNG whose header claims 30000×30000 pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))


def truncated_jpeg(path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "navy").save(buffer, "JPEG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


def mislabelled(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 40)).save(path, "PNG")


@pytest.mark.parametrize(("make", "name", "message"), [
    (bomb_png, "bomb.png", "declares too many pixels (over 50 megapixels); it is refused as unsafe"),
    (truncated_jpeg, "misi.jpg", "is damaged or truncated"),
    (mislabelled, "psema.jpg", "is really a PNG image named .jpg; rename it to .png"),
])
def test_unsafe_images_are_check_errors_with_file_and_line(
        content_dir: Path, capsys: pytest.CaptureFixture[str], make, name: str, message: str) -> None:
    make(content_dir / "media/2026" / name)
    write(content_dir, "press-releases/2026/a.md", f"""
        ---
        title: Δοκιμή
        date: 2026-03-02 10:00
        summary: Σύνοψη.
        category: paideia
        image: media/2026/{name}
        image_alt: Κάτι
        ---
        """)
    assert main(["check", "--content", str(content_dir)]) == 1
    out = capsys.readouterr().out
    assert f"press-releases/2026/a.md:6: image: 'media/2026/{name}' {message}" in out


def header_only_png(path: Path, width: int, height: int) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))


@pytest.mark.parametrize(("width", "height", "refused"), [
    (7100, 7100, True),    # 50.4 MP: over Kiryx's limit, under Pillow's own guard (89 MP)
    (10000, 5000, False),  # exactly 50 MP is allowed (then found truncated: the file has no pixels)
    (10000, 10000, None),  # 100 MP: Pillow warns, and the warning is taken as a refusal
])
def test_kiryx_refuses_more_than_50_megapixels_before_pillow_would(
        tmp_path: Path, width: int, height: int, refused: bool | None) -> None:
    path = tmp_path / "big.png"
    header_only_png(path, width, height)
    problem = str(image_problem(path, "media/big.png"))
    expected = f"'media/big.png' is {width}×{height} pixels; the limit is 50 megapixels" if refused else \
        "'media/big.png' is damaged or truncated; export it again from the program that made it" \
        if refused is False else "'media/big.png' declares too many pixels (over 50 megapixels); it is refused as unsafe"
    assert problem == expected


def test_a_truncated_image_is_refused_whatever_pillow_was_told_before(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    truncated_jpeg(tmp_path / "misi.jpg")
    assert "damaged or truncated" in str(image_problem(tmp_path / "misi.jpg", "misi.jpg"))


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("a.JPG", "JPEG", None), ("a.jpeg", "JPEG", None), ("a.png", "PNG", None), ("a.webp", "WEBP", None),
    ("a.gif", "GIF", "'a.gif' is a GIF image; use JPEG, PNG or WebP"),
    ("a.webp", "PNG", "'a.webp' is really a PNG image named .webp; rename it to .png"),
    ("a.png", "JPEG", "'a.png' is really a JPEG image named .png; rename it to .jpg"),
])
def test_format_and_name_must_agree(tmp_path: Path, name: str, fmt: str, expected: str | None) -> None:
    Image.new("RGB", (20, 10), "navy").save(tmp_path / name, fmt)
    problem = image_problem(tmp_path / name, name)
    assert (str(problem) if problem else None) == expected


def test_a_file_that_is_no_image_says_so(tmp_path: Path) -> None:
    (tmp_path / "x.jpg").write_text("<html>not a photo</html>")
    assert str(image_problem(tmp_path / "x.jpg", "x.jpg")) == \
        "'x.jpg' is not an image Kiryx can read (JPEG, PNG or WebP)"
