"""Published images: stripped originals and responsive renditions, cached by content hash.

Every image file that leaves the site goes through here: EXIF/XMP/IPTC (location, camera)
are dropped, the orientation is applied to the pixels and the ICC profile is kept. Results
live in `<cache>/images/<sha256>/` and a file whose bytes are unchanged is never decoded
again; a stat index (size, mtime) avoids even re-reading it.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from hashlib import sha256
from pathlib import Path

from PIL import Image, ImageOps

WIDTHS = (480, 960, 1600)
OG_SIZE = (1200, 630)
SAVE = {"JPEG": {"quality": 85, "progressive": True, "optimize": True},
        "WEBP": {"quality": 80, "method": 4}, "PNG": {"optimize": True}}
EXT = {"JPEG": "jpg", "WEBP": "webp", "PNG": "png"}


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int
    mime: str


@dataclass
class ImageSet:
    """One source image as published: its stripped original and its renditions."""

    url: str
    width: int
    height: int
    size: int
    mime: str
    renditions: list[Rendition] = field(default_factory=list)

    def of(self, mime: str) -> list[Rendition]:
        return [r for r in self.renditions if r.mime == mime]

    @property
    def fallback(self) -> Rendition:
        jpegs = self.of("image/jpeg")
        return jpegs[-1] if jpegs else Rendition(self.url, self.width, self.height, self.mime)


class ImageStore:
    """Renders on demand, remembers what the output needs, writes it at the end."""

    def __init__(self, content: Path, cache: Path):
        self.content, self.cache = content, cache / "images"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.index_file = self.cache / "index.json"
        self.index = json.loads(self.index_file.read_text()) if self.index_file.is_file() else {}
        self.sets: dict[str, ImageSet] = {}
        self.outputs: dict[str, Path] = {}
        self.rendered = self.cached = 0

    def digest(self, rel: str) -> str:
        path = self.content / rel
        stat = path.stat()
        known = self.index.get(rel)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            return known[2]
        value = sha256(path.read_bytes()).hexdigest()
        self.index[rel] = [stat.st_size, stat.st_mtime_ns, value]
        return value

    def get(self, rel: str) -> ImageSet:
        """The published form of content/`rel` (rendered once per distinct content)."""
        if rel in self.sets:
            return self.sets[rel]
        key = self.digest(rel)
        folder = self.cache / key
        meta = folder / "meta.json"
        if meta.is_file():
            self.cached += 1
            data = json.loads(meta.read_text())
        else:
            self.rendered += 1
            data = self._render(self.content / rel, folder, key)
            meta.write_text(json.dumps(data))
        image = ImageSet(url=rel, **{k: data[k] for k in ("width", "height", "size", "mime")},
                         renditions=[Rendition(**r) for r in data["renditions"]])
        self.outputs[rel] = folder / data["original"]
        for r in image.renditions:
            self.outputs[r.url] = folder / Path(r.url).name
        self.sets[rel] = image
        return image

    def _render(self, source: Path, folder: Path, key: str) -> dict:
        folder.mkdir(parents=True, exist_ok=True)
        with Image.open(source) as opened:
            kind, icc = opened.format, opened.info.get("icc_profile")
            image = ImageOps.exif_transpose(opened)
            image.load()
        extras = {"icc_profile": icc} if icc else {}
        original = f"original.{EXT[kind]}"
        clean = image if kind == "PNG" else image.convert("RGB")
        clean.save(folder / original, kind, **SAVE[kind], **extras)
        renditions = []
        flat = image.convert("RGB")
        for width in [w for w in WIDTHS if w < image.width] or [image.width]:
            height = round(image.height * width / image.width)
            resized = flat.resize((width, height), Image.Resampling.LANCZOS)
            for fmt, mime in (("WEBP", "image/webp"), ("JPEG", "image/jpeg")):
                name = f"{width}.{EXT[fmt]}"
                resized.save(folder / name, fmt, **SAVE[fmt], **extras)
                renditions.append(asdict(Rendition(f"media/renditions/{key[:16]}/{name}", width, height, mime)))
        return {"original": original, "width": image.width, "height": image.height,
                "size": (folder / original).stat().st_size, "mime": Image.MIME[kind], "renditions": renditions}

    def register(self, out_rel: str, cached: Path) -> None:
        """Another file to publish from the cache (e.g. a social card)."""
        self.outputs[out_rel] = cached

    def write(self, output: Path) -> dict[str, int]:
        """Place every needed file in the output (hard links where possible) and save the index."""
        for rel, cached in sorted(self.outputs.items()):
            target = output / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:
                os.link(cached, target)
            except OSError:
                shutil.copyfile(cached, target)
        self.index_file.write_text(json.dumps(self.index))
        stats = {"rendered": self.rendered, "cached": self.cached, "files": len(self.outputs)}
        (self.cache / "last-build.json").write_text(json.dumps(stats))
        return stats
