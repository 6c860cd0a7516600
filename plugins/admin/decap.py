"""Decap CMS's config.yml, generated from the content model so the form cannot drift from `check`.

One folder collection per content type, each field from kiryx.content.fields with its Greek
label, hint, required flag (the type's own) and a pattern for its limits; categories from the
settings; every edit a pull request (`publish_mode: editorial_workflow`).
"""

from __future__ import annotations

from typing import Any

from kiryx.config import KiryxConfig
from kiryx.content.content_types import TYPES
from kiryx.content.fields import Field, fields_of, statuses

DATE_FORMAT = "YYYY-MM-DD HH:mm"
HTTPS = ["^https?://\\S+$", "Πλήρης διεύθυνση που ξεκινά με https://"]


def _limit(field: Field) -> list[str]:
    body = "[\\s\\S]" if field.multiline else "."
    return [f"^{body}{{0,{field.limit}}}$", f"Έως {field.limit} χαρακτήρες"]


def widget(field: Field, config: KiryxConfig, type_key: str, required: bool, year: str) -> dict[str, Any]:
    """One field of the form."""
    out: dict[str, Any] = {"label": field.label, "name": field.name, "required": required}
    if field.hint:
        out["hint"] = field.hint
    kind = field.kind
    if kind == "text":
        out |= {"widget": "text" if field.multiline else "string", "pattern": _limit(field)}
    elif kind == "when":
        out |= {"widget": "datetime", "format": DATE_FORMAT, "picker_utc": False}
    elif kind == "boolean":
        out |= {"widget": "boolean"}  # no default: a default inside a list adds an empty entry to new items
    elif kind == "url":
        out |= {"widget": "string", "pattern": HTTPS}
    elif kind == "choice":
        allowed = statuses(type_key) if field.name == "status" else [v for v, _ in field.choices]
        out |= {"widget": "select", "options": [{"label": label, "value": value} for value, label in field.choices
                                                if value in allowed]}
        if field.name in ("status", "lang"):
            out["default"] = allowed[0]
    elif kind == "category":
        out |= {"widget": "select", "options": [{"label": c.name, "value": c.slug} for c in config.categories]}
    elif kind == "tags":
        out |= {"widget": "list", "allow_add": True}
    elif kind == "slug":
        out |= {"widget": "hidden"}  # filled from the title by kiryx-cms.js (ELOT 743)
    elif kind == "image":
        out |= {"widget": "image", "choose_url": False}
    elif kind == "file":
        out |= {"widget": "file", "choose_url": False,
                "media_folder": f"/content/files/{year}", "public_folder": f"files/{year}"}
    elif kind == "reply":
        out |= {"widget": "string", "pattern": ["^press-releases/\\d{4}/[a-z0-9_.-]+\\.md$",
                                                 "π.χ. press-releases/2026/apantisi.md"]}
    elif kind == "repeat":
        # `every` is not marked required: Decap then refuses to save an event whose (optional) repetition is left
        # empty (decaporg/decap-cms#7748); `check` says when a repetition lacks it.
        out |= {"widget": "object", "collapsed": True, "hint": "Μόνο για εκδήλωση που επαναλαμβάνεται· η έναρξη και "
                "η λήξη παραπάνω είναι της πρώτης φοράς.", "fields": [
            {"label": "Κάθε", "name": "every", "widget": "select", "required": False, "options": [
                {"label": "εβδομάδα", "value": "week"}, {"label": "μήνα", "value": "month"},
                {"label": "ημέρα", "value": "day"}, {"label": "χρόνο", "value": "year"}]},
            {"label": "Ημέρες", "name": "on", "widget": "list", "required": False,
             "hint": "π.χ. Σάββατο· για κάθε μήνα: πρώτη Δευτέρα"},
            {"label": "Έως (τελευταία ημερομηνία)", "name": "until", "widget": "datetime", "required": False,
             "format": "YYYY-MM-DD", "time_format": False, "picker_utc": False},
            {"label": "Ή πόσες φορές", "name": "count", "widget": "number", "value_type": "int", "min": 1,
             "required": False}]}
    elif kind == "rrule":
        out |= {"widget": "string"}
    elif kind == "moments":  # a date added may be at another hour (00:00: the first's)
        out |= {"widget": "list", "field": {"label": "Ημερομηνία και ώρα", "name": "date", "widget": "datetime",
                                            "format": DATE_FORMAT, "picker_utc": False}}
    elif kind == "dates":
        out |= {"widget": "list", "field": {"label": "Ημερομηνία", "name": "date", "widget": "datetime",
                                            "format": "YYYY-MM-DD", "time_format": False, "picker_utc": False}}
    elif kind == "records":
        out |= {"widget": "list", "summary": f"{{{{fields.{field.parts[1].name}}}}}",
                "fields": [widget(p, config, type_key, p.required, year) for p in field.parts]}
    return out


def collection(type_key: str, config: KiryxConfig, content: str) -> dict[str, Any]:
    ctype = TYPES[type_key]
    year = "{{year}}" if ctype.yearly else type_key
    fields = [widget(f, config, type_key, name in ctype.required, year) for name, f in fields_of(type_key).items()]
    fields.append({"label": "Κείμενο", "name": "body", "widget": "markdown", "required": False,
                   "editor_components": [], "modes": ["rich_text", "raw"],
                   "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote",
                               "bulleted-list", "numbered-list"]})
    return {
        "name": type_key, "label": ctype.plural, "label_singular": ctype.singular,
        "folder": f"{content}/{type_key}", "path": "{{year}}/{{slug}}" if ctype.yearly else "{{slug}}",
        "slug": "{{fields.slug}}", "identifier_field": "title", "extension": "md", "format": "yaml-frontmatter",
        "create": True, "media_folder": f"/{content}/media/{year}", "public_folder": f"media/{year}",
        "summary": "{{title}}", "sortable_fields": ["date", "title"] if "date" in ctype.required else ["title"],
        "fields": fields,
    }


def backend(config: KiryxConfig) -> dict[str, Any]:
    admin = config.admin
    if not admin.backend:  # only the local editor (decap-server) on a staff computer
        return {"name": "proxy", "proxy_url": admin.local_url, "branch": admin.branch}
    out: dict[str, Any] = {"name": admin.backend, "repo": admin.repo, "branch": admin.branch}
    out |= {key: value for key, value in (("api_root", admin.api_root), ("base_url", admin.base_url),
                                          ("app_id", admin.app_id)) if value}
    if admin.backend == "gitlab":
        out["auth_type"] = "pkce"
    out["commit_messages"] = {
        "create": "Νέο: {{collection}} «{{slug}}»", "update": "Ενημέρωση: {{collection}} «{{slug}}»",
        "delete": "Διαγραφή: {{collection}} «{{slug}}»", "uploadMedia": "Αρχείο «{{path}}»",
        "deleteMedia": "Διαγραφή αρχείου «{{path}}»",
    }
    return out


def decap_config(config: KiryxConfig, content: str = "content") -> dict[str, Any]:
    return {
        "locale": "gr",
        "backend": backend(config),
        "local_backend": {"url": config.admin.local_url},
        "publish_mode": "editorial_workflow",
        "site_url": config.site_url,
        "display_url": config.site_url,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "media_folder": f"{content}/media",
        "public_folder": "media",
        "collections": [collection(key, config, content) for key in TYPES],
    }
