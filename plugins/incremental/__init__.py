"""Dependency-tracked rebuilds: Pelican's writer renders a page only when what it shows changed.

`KiryxWriter` is Pelican's Writer with the same pagination, context and signals; before
rendering a page it computes the page's key from its template, its name, its keyword
arguments and the parts of the global context its template reads (found in the template's
source with jinja2.meta, through every template it extends, includes or imports). An unchanged
key takes the page from the previous build (kiryx.build_state). The pages the articles generator
renders (items, archives, lists by tag and category: all of them in a cold build) are rendered
together once it is done, on every core (kiryx.forked). Static files are linked from the content
folder instead of copied; compiled templates are kept in the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, Template, TemplateNotFound, meta
from pelican import signals
from pelican.generators import StaticGenerator
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from kiryx.atomic import write_atomic
from kiryx.build import build_of
from kiryx.build_state import link_or_copy
from kiryx.fingerprints import key as output_key
from kiryx.forked import map_forked

# Below this many pages to render, forking costs more than it saves.
FORK_FROM = 64
EVERYTHING = "*"
"""What a template reads when it pulls in a template whose name is only known when it renders (`{% include name %}`):
the whole context, so its pages are never reused on a guess."""
_READS = "2"  # the version of what TemplateReads records (2: EVERYTHING), in its cache keys


class TemplateReads:
    """The context names each template (and everything it pulls in) may load: those Jinja's compiler would look
    up in the context (its macros, loop and `set` variables are its own), kept in the cache by the template's
    source and Jinja's version, so a run parses only templates that changed."""

    def __init__(self, env: Environment, cache_file: Path):
        self.env, self.cache_file = env, cache_file
        try:
            self.known: dict[str, list[list[str]]] = json.loads(cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        if not isinstance(self.known, dict):  # damaged: every template is parsed again
            self.known = {}
        self.memo: dict[str, frozenset[str]] = {}
        self.changed = False

    def of(self, name: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        if name in self.memo:
            return self.memo[name]
        if name in seen:
            return frozenset()
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name) if self.env.loader else ("", None, None)
        except TemplateNotFound:
            return frozenset()
        digest = hashlib.sha256(f"{jinja2.__version__}\0{_READS}\0{source}".encode()).hexdigest()
        if digest not in self.known:
            tree = self.env.parse(source, name, filename)  # named: a syntax error says which template
            names = sorted(meta.find_undeclared_variables(tree))  # not its own macros, loop or `set` variables
            refs = list(meta.find_referenced_templates(tree))
            if None in refs:  # a name known only when it renders: it may read anything
                names.append(EVERYTHING)
            self.known[digest] = [names, sorted(r for r in refs if r)]
            self.changed = True
        names, refs = self.known[digest]
        result = frozenset(names).union(*(self.of(ref, seen | {name}) for ref in refs))
        self.memo[name] = result
        return result

    def save(self) -> None:
        if self.changed:
            write_atomic(self.cache_file, json.dumps(self.known).encode("utf-8"))


@dataclass
class Render:
    """A page to render: its output name and path, and what its template is given."""
    name: str
    path: str
    template: Template
    context: dict[str, Any]
    key: str


class KiryxWriter(Writer):
    """Pelican's Writer, reusing pages whose inputs did not change, and rendering the others together (`flush`)
    while `deferring`."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None):
        super().__init__(output_path, settings=settings)
        self.build = build_of(self.settings)
        self.prints = self.build.prints
        self.reads: TemplateReads | None = None
        self.deferring = True
        self.pending: list[Render] = []
        self.pending_paths: set[str] = set()

    def write_file(self, name: Any, template: Template, context: dict[str, Any], relative_urls: bool = False,
                   paginated: dict[str, Any] | None = None, template_name: str | None = None,
                   override_output: bool = False, url: str | None = None, **kwargs: Any) -> None:
        if not name:
            return
        if self.reads is None:
            cache_file = Path(self.settings["CACHE_PATH"]) / "template-context-reads.json"
            self.reads = TemplateReads(template.environment, cache_file)
            self.build.on_finish.append(self.reads.save)
        reads = self.reads.of(template.name or "")
        if EVERYTHING in reads:  # all it is given; not the settings as they are (the salt covers them, and they hold
            # the run's own objects: the build, the catalogue), but the run's moment, which a page may show
            unchanged = {k for k, v in context.items() if k in self.settings and self.settings[k] is v}
            reads = frozenset(kwargs) | (context.keys() - unchanged) | {"KIRYX_NOW"}
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        used = {k: v for k, v in kwargs.items() if k in reads}
        used |= {k: context[k] for k in sorted(reads) if k in context and k not in kwargs}
        base = [template.name or "", str(relative_urls), str(url),
                *(f"{name}={self.prints.of(value)}" for name, value in sorted(used.items()))]
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
            paginators = {key: Paginator(name, url, val, self.settings, per_page) for key, val in paginated.items()}
            first = next(iter(paginators.values()))
            for number in range(first.num_pages):
                page_kwargs = kwargs.copy()
                parts = list(base)
                for key, paginator in paginators.items():
                    page = paginator.page(number + 1)
                    page_kwargs.update({
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": paginator.page(number) if number > 0 else None,
                        f"{key}_next_page": paginator.page(number + 2) if number + 1 < paginator.num_pages else None,
                    })
                    parts += [key, str(number), str(paginator.num_pages), str(paginator.count),
                              self.prints.of(list(page.object_list))]
                self._write(page.save_as, template, context, page_kwargs, relative_urls, override_output,
                            output_key(*parts))
        else:
            self._write(name, template, context, kwargs, relative_urls, override_output, output_key(name, *base))

    def _write(self, name: str, template: Template, context: dict[str, Any], kwargs: dict[str, Any],
               relative_urls: bool, override: bool, key: str) -> None:
        path = sanitised_join(self.output_path, name)
        if not self._claim(path, override) or self.build.state.reuse([name], key):
            return
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            localcontext["SITEURL"] = localcontext["localsiteurl"] = path_to_url(get_relative_path(name))
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        if path in self.pending_paths:  # the same file again (override_output): written in order
            self.flush()
        self.pending.append(Render(name, path, template, localcontext, key))
        self.pending_paths.add(path)
        if not self.deferring:
            self.flush()

    def _claim(self, path: str, override: bool) -> bool:
        """Pelican's rules for a file written twice (`Writer._open_w`): a write that overrides wins, once; any other
        second write fails. False: the page is not to be written (an override has it). The file is not created
        here but by the process that renders it, with its folder: the thousands of new folders and files of a
        cold build are then made on every core."""
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{path}" a second time (was previously '
                                               "overwritten)")
            return False
        if path in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{path}" as Pelican has already written to it')
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True

    def flush(self) -> None:
        """Render the pending pages, on every core when there are many, and record them in order."""
        jobs, self.pending, self.pending_paths = self.pending, [], set()
        same = map_forked(self._render, jobs) if len(jobs) >= FORK_FROM else [self._render(job) for job in jobs]
        for job, unchanged in zip(jobs, same, strict=True):
            self.build.state.record(job.name, job.key, unchanged)
            signals.content_written.send(job.path, context=job.context)

    def _render(self, job: Render) -> bool:
        """Render and write one page; True when it equals the previous build's (which is then kept)."""
        output = job.template.render(job.context)
        os.makedirs(os.path.dirname(job.path), exist_ok=True)
        with open(job.path, "w", encoding="utf-8") as out:
            out.write(output)
        return self.build.state.same_as_before(job.name, job.path)


def render_deferred(_generator: Any, writer: Writer) -> None:
    """The articles generator has asked for all its pages: render them now, before anything reads them."""
    if isinstance(writer, KiryxWriter):
        writer.flush()
        writer.deferring = False


def get_writer(_pelican: Any) -> type[Writer]:
    return KiryxWriter


def link_static_files(generator: StaticGenerator) -> None:
    """Link (not copy) the static files left to Pelican, and the theme's (THEME_STATIC_PATHS is empty)."""
    output = Path(generator.output_path)
    content = Path(generator.settings["PATH"])
    for static in generator.staticfiles:
        link_or_copy(content / static.relative_source_path, output / static.save_as)
    generator.staticfiles = generator.context["staticfiles"] = []
    theme = Path(generator.settings["THEME"]) / "static"
    for path in sorted(p for p in theme.rglob("*") if p.is_file()):
        link_or_copy(path, output / generator.settings["THEME_STATIC_DIR"] / path.relative_to(theme))


def cache_templates(generator: Any) -> None:
    """Keep compiled templates in the cache (Jinja checks each against its source), for every generator's
    environment: a run compiles only the templates that changed."""
    folder = Path(generator.settings["CACHE_PATH"]) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def finish(pelican: Any) -> None:
    build = build_of(pelican.settings)
    for step in build.on_finish:
        step()
    stats = build.counts["pages"] = build.state.finish()
    print(f"outputs: {stats['rendered']} rendered and {stats['generated']} from the search indexer ({stats['written']} "
          f"of them changed), {stats['reused']} reused")


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(cache_templates)
    signals.static_generator_finalized.connect(link_static_files)
    signals.article_writer_finalized.connect(render_deferred)
    signals.finalized.connect(finish)
