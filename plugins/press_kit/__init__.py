"""Kiryx plugin 'press_kit'. Not built yet."""


def register() -> None:
    """Nothing to register until it is built."""
