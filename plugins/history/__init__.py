"""Kiryx plugin 'history'. Not built yet."""


def register() -> None:
    """Nothing to register until it is built."""
