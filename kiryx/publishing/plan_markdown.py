"""The plan in Greek Markdown, for a pull-request comment or a CI job summary."""

from __future__ import annotations

from collections import Counter

from ..content.problems import Problem
from ..greek import greek_datetime
from .plan import Change, Plan


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(plan: Plan) -> str:
    """«2 νέα δελτία τύπου, 1 διόρθωση, 5 μηνύματα σε 2 λίστες· 1 υπό εμπάργκο έως …»."""
    parts = []
    kinds = Counter(c.item.type.key for c in plan.new)
    for change in plan.new:
        key = change.item.type.key
        if key in kinds:
            parts.append(_count(kinds.pop(key), *change.item.type.new))
    for changes, one, many in ((plan.corrections, "διόρθωση", "διορθώσεις"),
                               (plan.cancellations, "ακύρωση", "ακυρώσεις"),
                               (plan.withdrawals, "απόσυρση", "αποσύρσεις"),
                               (plan.moves, "αλλαγή διεύθυνσης", "αλλαγές διευθύνσεων"),
                               (plan.deletions, "διαγραφή", "διαγραφές")):
        if changes:
            parts.append(_count(len(changes), one, many))
    mails = plan.mails
    lists = {m.mailing_list.address for m in mails}
    parts.append(f"{_count(len(mails), 'μήνυμα', 'μηνύματα')} σε {_count(len(lists), 'λίστα', 'λίστες')}"
                 if mails else "κανένα μήνυμα")
    text = ", ".join(parts)
    held = [c.live_at for c in plan.new if c.live_at]
    if held:
        text += f"· {len(held)} υπό εμπάργκο έως {greek_datetime(max(held), weekday=True)}"
    if plan.errors:
        text += f"· {_count(len(plan.errors), 'σφάλμα', 'σφάλματα')}: δεν μπορεί να δημοσιευθεί"
    return text


def _title(change: Change) -> str:
    return f"**{change.item.values.get('title', change.item.source.rel)}** ({change.item.type.singular})"


def _mail_lines(change: Change) -> list[str]:
    lines = []
    for mail in change.mails:
        who = f"{mail.mailing_list.name} ({mail.mailing_list.address})"
        lines.append(f"  - {who}: «{mail.subject}»" if mail.subject else f"  - {who}: κανένα μήνυμα, {mail.reason}")
    return lines


def _when(change: Change) -> str:
    return (f"την {greek_datetime(change.live_at, weekday=True)} (εμπάργκο)" if change.live_at
            else "με την επόμενη δημοσίευση")


def _problem(problem: Problem) -> str:
    kind = "σφάλμα" if problem.is_error else "προειδοποίηση"
    return f"- {kind}: `content/{problem.path}:{problem.line}` **{problem.field}**: {problem.message.render('el')}"


def render(plan: Plan) -> str:
    out = [f"### Σχέδιο δημοσίευσης\n\n**{summary(plan)}**\n",
           f"Σύγκριση με {plan.base.label}, ώρα ελέγχου {greek_datetime(plan.now)}.\n"]
    if plan.new:
        out.append("#### Νέες δημοσιεύσεις\n")
        for change in plan.new:
            out += [f"- {_title(change)}: {change.url}", f"  - Δημοσιεύεται {_when(change)}", *_mail_lines(change)]
        out.append("")
    for title, changes in (("Διορθώσεις", plan.corrections), ("Ακυρώσεις", plan.cancellations),
                           ("Αποσύρσεις", plan.withdrawals)):
        if changes:
            out.append(f"#### {title}\n")
            for change in changes:
                out.append(f"- {_title(change)}: {change.url}")
                out += [f"  - Σημείωση: «{note}»" for note in change.notes]
                out += _mail_lines(change)
            out.append("")
    if plan.moves:
        out.append("#### Αλλαγές διευθύνσεων\n")
        out += [f"- {_title(c)}: {c.old_url} → {c.url} (η παλιά διεύθυνση οδηγεί στη νέα)" for c in plan.moves]
        out.append("")
    if plan.deletions:
        out.append("#### Διαγραφές\n")
        out += [f"- `content/{rel}`: δημοσιευμένο κείμενο που διαγράφεται· πρέπει να αποσυρθεί"
                for rel in plan.deletions]
        out.append("")
    out.append("#### Έλεγχος\n")
    out += [_problem(p) for p in plan.problems] or ["- Κανένα πρόβλημα."]
    return "\n".join(out) + "\n"
