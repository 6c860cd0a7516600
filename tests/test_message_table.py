"""Every message of the check has a real example that produces it, and the staff guide's table is current."""

from __future__ import annotations

import os

import pytest

from tests.message_examples import DOC, EXAMPLES, FAULTS, catalogue_messages, document, produce, table


def test_every_message_has_an_example() -> None:
    documented = set(EXAMPLES) | FAULTS
    assert [m for m in catalogue_messages() if m not in documented] == [], "add an example to tests/message_examples.py"
    assert sorted(set(EXAMPLES) - set(catalogue_messages())) == [], "an example of a message no longer in the code"


@pytest.mark.parametrize("msgid", sorted(EXAMPLES))
def test_each_example_produces_its_message(msgid: str) -> None:
    problem = produce(msgid)
    assert problem.message.text == msgid
    assert problem.line >= 1 and problem.field


def test_the_table_in_the_staff_guide_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(os.environ, "KIRYX_LANG", "el")
    assert DOC.read_text(encoding="utf-8") == document(table()), "run: .venv/bin/python tests/message_examples.py"
