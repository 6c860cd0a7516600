"""The browser editor at /admin/: Decap CMS, served from the site itself, for staff who won't touch git.

Writes `admin/index.html` (with its own Content-Security-Policy: Decap needs more than the
site allows), `admin/config.yml` generated from the content model (decap.py), `kiryx-cms.js`
(file names by ELOT 743, as `publish.py new` gives them) and the prebuilt Decap bundle that
`publish.py setup` fetched. Without that bundle the page says how to install it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import git
import yaml
from pelican import signals
from pelican.generators import Generator

from kiryx import vendor
from kiryx.build import build_of
from kiryx.build_state import link_or_copy
from kiryx.config import KiryxConfig, config_for
from kiryx.fingerprints import key as output_key

from .decap import decap_config

HERE = Path(__file__).parent
API_ORIGINS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com"}


def _origin(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.netloc}" if parsed.scheme and parsed.netloc else ""


def csp(config: KiryxConfig) -> str:
    """Exactly what Decap needs: runtime code generation, inline styles, blob: images and uploads,
    and the git host's API (or the local decap-server)."""
    admin = config.admin
    hosts = {_origin(admin.local_url), _origin(admin.api_root) or API_ORIGINS.get(admin.backend, ""),
             _origin(admin.base_url)}
    connect = " ".join(["'self'", "blob:", *sorted(h for h in hosts if h)])
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:; connect-src {connect}; object-src 'none'; base-uri 'self'; "
            "form-action 'self'")


def content_prefix(settings: dict[str, Any]) -> str:
    """The content folder as the git host sees it: its path in the repository."""
    content = Path(settings["PATH"]).resolve()
    try:
        top = Path(git.Repo(content, search_parent_directories=True).working_dir).resolve()
        return content.relative_to(top).as_posix()
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError):
        return content.name


class AdminGenerator(Generator):
    """Writes /admin/."""

    def generate_output(self, writer: Any) -> None:
        config = config_for(self.settings)
        out = Path(self.output_path) / "admin"
        bundle = vendor.location(vendor.folder(config.state_dir), vendor.DECAP)
        writer.write_file("admin/index.html", self.get_template("admin"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], admin_csp=csp(config),
                          installed=bundle is not None, url="admin/")
        text = yaml.dump(decap_config(config, content_prefix(self.settings)), Dumper=yaml.CSafeDumper,
                         allow_unicode=True, sort_keys=False, width=120)  # libyaml's: ten times faster
        build_of(self.settings).state.emit("admin/config.yml", output_key(text), text.encode)
        for file in [HERE / "kiryx-cms.js", *(sorted(bundle.iterdir()) if bundle else [])]:
            if not file.name.startswith("."):
                link_or_copy(file, out / file.name)


def get_generators(_pelican: Any) -> type[Generator]:
    return AdminGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
