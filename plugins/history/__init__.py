"""Correction history from git: «Τελευταία ενημέρωση» and links to the source and its history.

An item's `modified` becomes its last edit in git when that is later than its publication
and its `updated`/`changes:` dates. The history is read once per build (kiryx.history),
reusing the one `publish.py build` already read for `check`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator

from kiryx.config import config_for
from kiryx.history import History


def history_of(settings: dict[str, Any]) -> History:
    checked = settings.get("KIRYX_CATALOGUE")
    if checked is not None and checked.history is not None:
        return checked.history
    return History.of(Path(settings["PATH"]), Path(settings["CACHE_PATH"]))


def apply_history(generator: ArticlesGenerator) -> None:
    config = config_for(generator.settings)
    history = history_of(generator.settings)
    for article in generator.articles:
        edited = history.last_edit(article.source_rel)
        if edited and edited > max(article.date, getattr(article, "modified", None) or article.date):
            article.modified = edited
        article.source_url = config.source_url.format(path=article.source_rel) if config.source_url else ""
        article.history_url = config.history_url.format(path=article.source_rel) if config.history_url else ""


def register() -> None:
    signals.article_generator_pretaxonomy.connect(apply_history)
