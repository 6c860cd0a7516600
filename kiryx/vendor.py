"""Prebuilt tools the site serves or runs, fetched once by `publish.py setup`, never at build time.

Each is an npm package at a pinned version, checked against the SHA-512 its registry publishes
(the `integrity` of a package-lock), and only the files Kiryx uses are kept, under
`<state>/vendor/<name>-<version>/`:
- Decap CMS, the browser editor at /admin/ (its prebuilt bundle, without its source tree);
- Pagefind's search indexer binary (1.6: deterministic, and small first queries for Greek).
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import platform
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path


class VendorError(RuntimeError):
    """A tool could not be fetched or did not match its checksum."""


@dataclass(frozen=True)
class Asset:
    name: str
    package: str
    version: str
    integrity: str
    keep: tuple[str, ...]
    """Patterns of the files to keep, relative to the package."""

    @property
    def folder_name(self) -> str:
        return f"{self.name}-{self.version}"


DECAP = Asset(
    "decap-cms", "decap-cms", "3.16.3",
    "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
    ("dist/decap-cms.js", "dist/decap-cms.js.LICENSE.txt", "dist/*.decap-cms.js", "dist/*.wasm", "LICENSE"),
)
_PAGEFIND = {
    "x86_64": ("@pagefind/linux-x64",
               "sha512-IbMSx/+Vr/Xk0TTBlLkjgK+rvnbOXGmmb2/MKxQu99AR5DsqQoV3NKEA9PQz2tAhuCZjeD5xJBp4w5N5DHIC7Q=="),
    "aarch64": ("@pagefind/linux-arm64",
                "sha512-SLB2I+XqCZma8NvIGIH8nyKblgKIxw5PmqsVtofWOKxNHhEtOEsddbqU+hsrNcT3EV0faM6UmKDHVIxcPYq29w=="),
}


def pagefind() -> Asset | None:
    """Pagefind for this machine's processor (Linux x86-64 or ARM64), else None."""
    found = _PAGEFIND.get(platform.machine())
    return Asset("pagefind", found[0], "1.6.0", found[1], ("bin/pagefind_extended",)) if found else None


def assets() -> list[Asset]:
    return [a for a in (DECAP, pagefind()) if a]


def folder(state_dir: str) -> Path:
    """Where `publish.py setup` puts the tools: `vendor/` in the state folder (KIRYX_STATE_DIR)."""
    return Path(__file__).resolve().parent.parent / state_dir / "vendor"


def missing(state_dir: str) -> list[str]:
    """The tools a published site needs that `setup` has not fetched into this state folder."""
    return [f"{a.package} {a.version}" for a in assets() if not location(folder(state_dir), a)]


def location(vendor: Path, asset: Asset) -> Path | None:
    """Where an installed asset is, or None when `publish.py setup` has not fetched it."""
    folder = vendor / asset.folder_name
    return folder if (folder / ".integrity").is_file() and (folder / ".integrity").read_text() == asset.integrity \
        else None


def install(vendor: Path, asset: Asset) -> Path:
    """Fetch, verify and unpack one asset (nothing is done when it is there already)."""
    folder = vendor / asset.folder_name
    if location(vendor, asset):
        return folder
    npm = shutil.which("npm")
    if not npm:
        raise VendorError("npm (from Node.js) is needed once to fetch the browser editor and the search indexer; "
                          "install Node.js, e.g. apt-get install nodejs npm, and run publish.py setup again")
    with tempfile.TemporaryDirectory() as tmp:
        packed = subprocess.run([npm, "pack", f"{asset.package}@{asset.version}", "--pack-destination", tmp,
                                 "--silent"], capture_output=True, text=True, timeout=600)
        tarballs = list(Path(tmp).glob("*.tgz"))
        if packed.returncode or not tarballs:
            said = " ".join((packed.stderr or packed.stdout).split())[-300:]
            raise VendorError(f"could not fetch {asset.package}@{asset.version} from the npm registry: "
                              f"{said or f'npm gave no reason (exit {packed.returncode}); is the registry reachable?'}")
        data = tarballs[0].read_bytes()
        got = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if got != asset.integrity:
            raise VendorError(f"{asset.package}@{asset.version}: checksum mismatch (got {got}); nothing installed")
        staging = Path(tmp) / "unpacked"
        with tarfile.open(tarballs[0]) as archive:
            for member in archive.getmembers():
                rel = member.name.removeprefix("package/")
                if member.isfile() and any(fnmatch.fnmatch(rel, pattern) for pattern in asset.keep):
                    target = staging / Path(rel).name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = archive.extractfile(member)
                    target.write_bytes(source.read() if source else b"")
                    target.chmod(0o755 if member.mode & 0o111 else 0o644)
        (staging / ".integrity").write_text(asset.integrity)
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), folder)
    return folder
