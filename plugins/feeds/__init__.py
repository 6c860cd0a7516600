"""RSS 2.0 and Atom feeds with feedgen (issue: feeds for journalists). Not built yet."""


def register() -> None:
    """Nothing to register until the feeds are built."""
