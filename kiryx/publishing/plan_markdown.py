"""The plan in Greek Markdown, for a pull-request comment or a CI job summary."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from ..content.problems import Problem
from ..greek import greek_datetime, with_article
from .plan import Change, Plan

_MARKUP = re.compile(r"([\\`*_<>~])")  # emphasis, code, HTML and strike-through, wherever they are
_LINK = re.compile(r"!?\[[^\]]*\]\(")  # a link or an image; a lone [Δελτίο Τύπου] is text already


def _code(text: str) -> str:
    """A file name as inline code; one with backticks in it is fenced by more of them (CommonMark), so it stays
    whole instead of breaking the code span."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padded = f" {text} " if "`" in text else text
    return f"{fence}{padded}{fence}"


def _md(text: str) -> str:
    """Text as itself in Markdown: a suggested `![…](…)` stays text, a `<script>` named in a warning stays visible,
    a title's asterisks stay asterisks (a pull-request comment renders Markdown and some HTML)."""
    text = _MARKUP.sub(r"\\\1", " ".join(text.split()))
    return _LINK.sub(lambda m: re.sub(r"([!\[\]])", r"\\\1", m.group(0)), text)


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
                               (plan.reinstated, "επαναφορά", "επαναφορές"),
                               (plan.moves, "αλλαγή διεύθυνσης", "αλλαγές διευθύνσεων"),
                               (plan.unannounced, "αλλαγή χωρίς ενημέρωση", "αλλαγές χωρίς ενημέρωση"),
                               (plan.deletions, "διαγραφή", "διαγραφές"),
                               (plan.unscheduled, "προγραμματισμένο που αφαιρείται",
                                "προγραμματισμένα που αφαιρούνται"),
                               (plan.press_kit, "αρχείο υλικού για τον Τύπο", "αρχεία υλικού για τον Τύπο"),
                               (plan.site_files, "αρχείο ρυθμίσεων ή εμφάνισης", "αρχεία ρυθμίσεων ή εμφάνισης")):
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
    return f"**{_md(change.item.values.get('title', change.item.source.rel))}** ({change.item.type.singular})"


def _mail_lines(change: Change) -> list[str]:
    lines = []
    for mail in change.mails:
        who = f"{mail.mailing_list.name} ({mail.mailing_list.address})"
        lines.append(f"  - {_md(who)}: «{_md(mail.subject)}»" if mail.subject
                     else f"  - {_md(who)}: κανένα μήνυμα, {mail.reason}")
    return lines


def _when(change: Change) -> str:
    """When it goes out, and under which date when that is not now (a text copied with last year's date)."""
    if change.live_at:
        return f"{with_article(greek_datetime(change.live_at, weekday=True))} (εμπάργκο)"
    dated = change.item.values.get("date")
    return "με την επόμενη δημοσίευση" + (f", με ημερομηνία {greek_datetime(dated)}" if dated else "")


def _problem(problem: Problem, prefix: str) -> str:
    kind = "σφάλμα" if problem.is_error else "προειδοποίηση"
    where = posixpath.normpath(f"{prefix}{problem.path}")  # the settings file's, outside the content folder too
    return (f"- {kind}: {_code(f'{where}:{problem.line}')} **{_md(problem.place('el'))}**: "
            f"{_md(problem.message.render('el'))}")


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
                out += [f"  - Σημείωση: «{_md(note)}»" for note in change.notes]
                if change.live_at:
                    out.append(f"  - Φαίνεται και στέλνεται από {with_article(greek_datetime(change.live_at, True))}")
                out += _mail_lines(change)
            out.append("")
    if plan.reinstated:
        out.append("#### Επαναφορές\n")
        out.append("Αποσυρμένα κείμενα που δεν είναι πια αποσυρμένα: ξαναμπαίνουν στις λίστες, τις ροές και την "
                   "αναζήτηση.\n")
        for change in plan.reinstated:
            out += [f"- {_title(change)}: {change.url}", *_mail_lines(change)]
        out.append("")
    if plan.moves:
        out.append("#### Αλλαγές διευθύνσεων\n")
        out += [f"- {_title(c)}: {c.old_url} → {c.url} (η παλιά διεύθυνση οδηγεί στη νέα)" for c in plan.moves]
        out.append("")
    if plan.unannounced:
        out.append("#### Αλλαγές χωρίς ενημέρωση\n")
        out.append("Δημοσιευμένα κείμενα που αλλάζουν χωρίς εγγραφή στο 'changes:': καμία λίστα δεν το μαθαίνει. Αν "
                   "πρέπει να το μάθουν οι δημοσιογράφοι, προσθέστε εγγραφή με σημείωση και notify: true.\n")
        for change in plan.unannounced:
            out += [f"- {_title(change)}: {change.url}", f"  - Αλλάζει: {_md(', '.join(change.notes))}"]
        out.append("")
    if plan.unscheduled:
        out.append("#### Προγραμματισμένα που αφαιρούνται\n")
        out += [f"- {_code(f'{plan.prefix}{item.source.rel}')}: **{_md(item.values.get('title', ''))}**, "
                f"προγραμματισμένο για {with_article(greek_datetime(item.values['date'], True))}· δεν θα δημοσιευθεί "
                "ούτε θα σταλεί"
                for item in plan.unscheduled if item.values.get("date")]
        out.append("")
    if plan.deletions:
        out.append("#### Διαγραφές\n")
        out += [f"- {_code(f'{plan.prefix}{rel}')}: δημοσιευμένο κείμενο που διαγράφεται· πρέπει να αποσυρθεί"
                for rel in plan.deletions]
        out.append("")
    if plan.press_kit:
        out.append("#### Υλικό για τον Τύπο\n")
        out.append("Αλλάζει η σελίδα /press-kit/ και το ZIP της, από την επόμενη δημοσίευση.\n")
        out += [f"- {_code(path)}: {what}" for path, what in plan.press_kit]
        out.append("")
    if plan.site_files:
        out.append("#### Αλλαγές σε όλο τον ιστότοπο\n")
        out.append("Αλλάζουν ρυθμίσεις, εμφάνιση ή κώδικας: ισχύουν για κάθε σελίδα από την επόμενη δημοσίευση· "
                   "ελέγξτε την προεπισκόπηση.\n")
        out += [f"- {_code(path)}" for path in plan.site_files]
        out.append("")
    out.append("#### Έλεγχος\n")
    out += [_problem(p, plan.prefix) for p in plan.problems] or ["- Κανένα πρόβλημα."]
    return "\n".join(out) + "\n"
