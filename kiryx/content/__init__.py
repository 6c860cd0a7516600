"""The content model: front matter, field rules per type, sanitizing, and the whole-folder catalogue."""
