"""Run Pelican in-process: read settings, check content, build into a staging folder, swap."""

from __future__ import annotations

import contextlib
import copy
import io
import logging
import shutil
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from pelican import Pelican
from pelican.settings import get_settings_from_file, read_settings

from .build import Build, build_key, build_of
from .build_state import STATE_FILE, discard, from_spare, locked, prune, read_state, retire
from .clock import build_now, fix_now
from .config import ConfigError, check_content_folder, config_for, no_content_folder
from .content.catalogue import Catalogue, load
from .content.documents import stale_statement
from .content.permalinks import Registry, removed_files, taken_offline
from .content.problems import ContentError
from .content.schema import dated_ahead, dated_behind
from .content.site_pages import missing_pages, settings_path
from .embargo_guard import guard, mentions
from .history import History, date_withdrawals, silent_edits
from .i18n import msg
from .lasting import frozen

ROOT = Path(__file__).resolve().parent.parent


def load_settings(settings_file: Path | str = ROOT / "pelicanconf.py", **overrides: Any) -> dict[str, Any]:
    """Pelican settings from a settings file, with upper-case overrides (PATH, OUTPUT_PATH, …)."""
    override = {k: str(v) if isinstance(v, Path) else v for k, v in overrides.items() if v is not None}
    if not Path(settings_file).is_file():
        raise ConfigError(str(msg("the settings file {file} does not exist; give the right one with --settings FILE",
                                  file=settings_file)))
    if "PATH" in override and not Path(override["PATH"]).is_dir():
        raise no_content_folder(override["PATH"])
    if Path(settings_file).suffix != ".py":  # Python's import machinery found no loader for it: an AttributeError
        raise ConfigError(str(msg("the settings file {file} is not a Python file (.py); give pelicanconf.py or "
                                  "publishconf.py with --settings FILE", file=settings_file)))
    try:
        settings = read_settings(str(settings_file), override=override)
        settings["KIRYX_SETTINGS_FILE"] = str(Path(settings_file).resolve())
    except SyntaxError as err:
        raise ConfigError(f"line {err.lineno}: {err.msg}; correct the Python syntax there") from None
    except Exception as err:  # noqa: BLE001 - any mistake in the settings file is the settings' to fix
        if "path containing the content" in str(err):  # Pelican's words (and `pelican --help`) for PATH not a folder
            raise no_content_folder(_content_path(Path(settings_file))) from None
        if str(err).startswith("Could not find the theme"):
            raise ConfigError(str(msg("THEME: {error}; give the folder of the theme (Kiryx's is theme/)",
                                      error=str(err)))) from None
        line = next((f.lineno for f in reversed(traceback.extract_tb(err.__traceback__))
                     if f.filename == str(Path(settings_file).resolve())), None)
        raise ConfigError(f"{'line ' + str(line) + ': ' if line else ''}{type(err).__name__}: {err}") from None
    _check_pelican(settings)
    config_for(settings)
    fix_now(settings)
    return settings


OPTIONAL_PLUGINS = ("admin", "related")
"""The plugins a site may do without: the browser editor at /admin/, the related items under a text."""
REQUIRED_PLUGINS = tuple(sorted(p.name for p in (ROOT / "plugins").iterdir()
                                if (p / "__init__.py").is_file() and p.name not in OPTIONAL_PLUGINS))
"""Kiryx's other plugins, one per concern: the theme and the pipeline use what each adds (the content model and its
embargo filter, the images' renditions, the events' dates, the search page the header links, …)."""
THEME_TEMPLATE = "templates/press_release.html"
"""A template only Kiryx's theme (or a copy of it) has: another theme (Pelican's own) has no page for an item."""


def _check_pelican(settings: dict[str, Any]) -> None:
    """Pelican's own settings that Kiryx relies on, each named when wrong (Pelican crashes on them in the build)."""
    if settings.get("TIMEZONE") != "Europe/Athens":
        raise ConfigError(str(msg("TIMEZONE: Kiryx dates everything in Athens time; set TIMEZONE = "
                                  "\"Europe/Athens\"")))
    pages = settings.get("DEFAULT_PAGINATION")
    if pages is not False and (not isinstance(pages, int) or isinstance(pages, bool) or pages < 1):
        raise ConfigError(str(msg("DEFAULT_PAGINATION: {value} is not a number of items a page; write a whole "
                                  "number such as 20", value=repr(pages))))
    if missing := [name for name in REQUIRED_PLUGINS if name not in (settings.get("PLUGINS") or [])]:
        raise ConfigError(str(msg("PLUGINS: '{name}' is missing, and no site is built without it; put it back in "
                                  "the list", name=missing[0])))
    if not (Path(settings["THEME"]) / THEME_TEMPLATE).is_file():
        raise ConfigError(str(msg("THEME: {theme} is not Kiryx's theme (it has no {template}); give Kiryx's, theme/, "
                                  "or a copy of it", theme=settings["THEME"], template=THEME_TEMPLATE)))


def _content_path(settings_file: Path) -> Path:
    """The content folder a settings file names (PATH), from the file's folder as Pelican reads it."""
    return settings_file.resolve().parent / str(get_settings_from_file(str(settings_file)).get("PATH", ""))


def check(settings: dict[str, Any]) -> Catalogue:
    """Validate the whole content folder of these settings, with its git history and published URLs."""
    content, cache = Path(settings["PATH"]), Path(settings["CACHE_PATH"])
    config = config_for(settings)
    check_content_folder(config, content)
    catalogue = load(content, config, settings["MARKDOWN"], cache_dir=cache,
                     registry=Registry.of(content, config.git_branch))
    catalogue.history = History.of(content, cache)
    now, settings_file = build_now(settings), settings_path(settings, content)
    history, registry = catalogue.history, catalogue.registry
    catalogue.problems = sorted(catalogue.problems + date_withdrawals(catalogue.items, history, registry, now)
                                + silent_edits(catalogue.items, catalogue.history, catalogue.registry)
                                + stale_statement(config, catalogue.items, now, settings_file)
                                + missing_pages(catalogue.items, config, now, settings_file)
                                + mentions(catalogue, now, (*config.public_types, "pages"), cache / "mentions.pickle")
                                + dated_ahead(catalogue.items, now)
                                + dated_behind(catalogue.items, registry.urls, now)
                                + taken_offline(catalogue.items, catalogue.registry, now)
                                + removed_files(registry, content, catalogue.static))
    return catalogue


@dataclass
class BuildResult:
    output: Path
    catalogue: Catalogue
    counts: dict[str, dict[str, int]]
    """What was made anew and what was reused: {"pages": {...}, "images": {...}}."""
    unchanged: bool = False
    """Nothing the site depends on changed: the output was left as it was, Pelican did not run."""


def build(settings: dict[str, Any], output: Path | None = None) -> BuildResult:
    """Check, build into `<output>.staging`, run the embargo guard, swap it in; on any failure nothing changes.

    When nothing the site depends on changed since `output` was built (kiryx.build.build_key), it
    is left as it is. Builds into one folder go one after the other (a lock on the folder that holds it).
    """
    catalogue = check(settings)
    if catalogue.errors:
        raise ContentError(catalogue.errors, catalogue.root)
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    check_output_folder(output, Path(settings["PATH"]).resolve(), settings.get("KIRYX_SETTINGS_FILE"),
                        (ROOT / config_for(settings).deploy.directory).resolve())
    output.parent.mkdir(parents=True, exist_ok=True)
    with locked(output.parent):  # a second build there (serve's, while staff run build) waits for this one
        built = read_state(output) if output.is_dir() else {}
        if built.get("key") == build_key(settings, catalogue):
            return BuildResult(output, catalogue, {"pages": {"rendered": 0, "generated": 0, "written": 0,
                                                             "reused": len(built["outputs"])},
                                                   "images": {"rendered": 0}}, unchanged=True)
        staging = output.with_name(output.name + ".staging")
        discard(staging)
        done = guarded_build(settings, staging, catalogue, previous=output if output.is_dir() else None)
        old = output.with_name(output.name + ".old")
        discard(old)
        if output.exists():
            output.rename(old)
        staging.rename(output)
        retire(old)
    return BuildResult(output, catalogue, done.counts)


def check_output_folder(output: Path, content: Path, settings_file: str | None, deployed: Path) -> None:
    """An output folder a build may replace: new, empty, or one Kiryx built. A build swaps the folder out and a later
    one empties it: given the content folder, the repository (`--output .`) or a folder of other files, it would
    delete them."""
    kept = [content, *([Path(settings_file).parent] if settings_file else [])]  # the content, the repository
    if content in output.parents or any(output == folder or output in folder.parents for folder in kept):
        raise ConfigError(str(msg("--output {folder}: the build would replace the content or the settings' folder; "
                                  "build into a folder of its own, e.g. --output output/", folder=output)))
    if output == deployed or deployed in output.parents:  # a preview would go live, unguarded (`output` is resolved)
        raise ConfigError(str(msg("--output {folder}: it is the published site (KIRYX['deploy']['directory']), "
                                  "which only publish writes; build into a folder of its own, e.g. --output output/",
                                  folder=output)))
    if output.exists() and not (output.is_dir() and ((output / STATE_FILE).is_file() or not any(output.iterdir()))):
        raise ConfigError(str(msg("--output {folder}: it holds files Kiryx did not build, which the build would "
                                  "replace; give a new or empty folder, or remove it first", folder=output)))


# Settings handed to Pelican as they are: the validated config, the clock, the checked catalogue.
_SHARED = ("KIRYX_CONFIG", "KIRYX_NOW", "KIRYX_CATALOGUE")


def run_pelican(settings: dict[str, Any], output: Path, catalogue: Catalogue | None = None,
                previous: Path | None = None) -> Build:
    """One Pelican run writing to `output`, a folder with no files (new, or a spare's folders), so Pelican need not
    empty it first; removed again if the run fails.

    With a checked `catalogue`, the reader takes each file's fields and HTML from it; with the
    `previous` output, what did not change is taken from there (kiryx.build_state).
    """
    # Pelican changes some settings in place (MARKDOWN); it gets its own copy of them.
    settings = {**copy.deepcopy({k: v for k, v in settings.items() if k not in _SHARED}),
                **{k: settings[k] for k in _SHARED if k in settings},
                "OUTPUT_PATH": str(output), "DELETE_OUTPUT_DIRECTORY": False, "KIRYX_CATALOGUE": catalogue,
                "KIRYX_PREVIOUS_OUTPUT": str(previous) if previous else None}
    wanted = [name for name in settings.get("PLUGINS") or [] if isinstance(name, str)]
    try:
        pelican = Pelican(settings)
        check_plugins(settings, wanted)
        pelican.run()
    except BaseException as err:
        for stop in settings["KIRYX_BUILD"].on_failure if "KIRYX_BUILD" in settings else []:
            stop()
        shutil.rmtree(output, ignore_errors=True)
        if isinstance(err, jinja2.TemplateSyntaxError | jinja2.TemplateNotFound):
            raise template_error(err) from None
        raise
    return build_of(settings)


def check_plugins(settings: dict[str, Any], wanted: list[str]) -> None:
    """Stop when a plugin of PLUGINS did not load or register: Pelican logs why and builds without it (a site without
    its calendars, its search or its embargo filter). Pelican has by then replaced PLUGINS by those it loaded."""
    loaded = set(settings.get("PLUGINS") or [])
    for name in wanted:
        if name not in loaded:
            raise ConfigError(str(msg("PLUGINS: '{name}' did not load (the error above says why), and the site would "
                                      "be built without it; install Kiryx again (.venv/bin/pip install -e .) or "
                                      "correct the name", name=name)))


def template_error(err: jinja2.TemplateSyntaxError | jinja2.TemplateNotFound) -> ConfigError:
    """A mistake in the theme's templates, as one line naming the template and its line (not a fault of Kiryx)."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = Path(err.filename or err.name or "template")
        shown = where.relative_to(ROOT) if where.is_relative_to(ROOT) else where
        return ConfigError(f"{shown}:{err.lineno}: template error: {err.message}; correct the template there")
    return ConfigError(f"a template includes '{err.name}', which is not in the theme's templates; correct the name")


def guarded_build(settings: dict[str, Any], output: Path, catalogue: Catalogue, previous: Path | None) -> Build:
    """Pelican into `output` (made from the spare output beside it, if any: kiryx.build_state.from_spare), then the
    embargo guard over it (kiryx.embargo_guard); on any failure, `output` is discarded: nothing half-built or
    leaking is ever left to be deployed."""
    folders = from_spare(output)
    with frozen():  # the catalogue and the imports are left out of the build's collections (kiryx.lasting)
        try:
            done = run_pelican(settings, output, catalogue, previous=previous)
        except IsADirectoryError:
            if not folders:
                raise
            # a spare's folder stood where this build writes a file (a folder renamed to a file's name): build anew
            done, folders = run_pelican(settings, output, catalogue, previous=previous), []
        prune(folders)
        try:
            guard(output, catalogue, build_now(settings), previous)
        except BaseException:
            discard(output)
            raise
    return done


@contextlib.contextmanager
def without_build_report() -> Iterator[None]:
    """For the staff's commands (serve, mail-preview): the build's report lines for the IT person (images, outputs,
    search; Pelican's «Done: Processed …»), in English, are left out; warnings and errors still show."""
    with contextlib.redirect_stdout(io.StringIO()):
        yield


def quiet_pelican_logs() -> None:
    """Show Pelican's warnings and errors, not its per-file chatter."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("pelican").setLevel(logging.WARNING)
