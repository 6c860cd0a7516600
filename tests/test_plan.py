"""`publish.py plan`: what merging a branch will do, computed with publish's own code and checked against it."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import git
import pytest
from markdown_it import MarkdownIt

from kiryx.publishing.plan import find_base, make_plan
from kiryx.site import load_settings
from tests.publishing import EVENT, Project, release, smtp_server
from tests.test_images import photo

CORRECTED = textwrap.dedent(release(0, "2026-01-10 10:00")).replace(
    "category: perivallon", "category: perivallon\nchanges:\n  - date: 2026-11-23 10:00\n"
    "    note: Διορθώθηκε ο αριθμός.\n    notify: true")


@pytest.fixture
def branch(tmp_path: Path) -> Project:
    """A published site and a branch with a new item, an embargoed one, a correction and a cancellation."""
    project = Project(tmp_path)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.write("events/2026/synentefxi.md", EVENT)
    project.commit("Αρχείο")
    assert project.publish().returncode == 0
    project.repo.git.checkout("-qb", "nea-deltia")
    project.write("press-releases/2026/neo.md", release(1))
    project.write("press-releases/2026/embargo.md", release(2, "2026-12-02 09:00"))
    project.write("press-releases/2026/palio.md", CORRECTED)
    project.write("events/2026/synentefxi.md", EVENT.replace("press_conference: true",
                                                             "press_conference: true\nstatus: cancelled"))
    project.commit("Νέα δελτία, διόρθωση, ακύρωση")
    return project


def test_the_plan_names_each_change_with_its_url_time_lists_and_note(branch: Project, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = branch.run("plan", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ("**2 νέα δελτία τύπου, 1 διόρθωση, 1 ακύρωση, 5 μηνύματα σε 2 λίστες· 1 υπό εμπάργκο έως Τετάρτη "
            "2 Δεκεμβρίου 2026, 09:00**") in out
    assert "Σύγκριση με published/" in out and "(η τελευταία δημοσίευση)" in out
    assert ("- **Δελτίο αριθμός 1** (Δελτίο Τύπου): https://press.alimos.gr/press-releases/2026/deltio-arithmos-1/\n"
            "  - Δημοσιεύεται με την επόμενη δημοσίευση, με ημερομηνία 20 Νοεμβρίου 2026, 10:00\n"
            "  - Δημοσιογράφοι (press-list@lists.alimos.gr): «[Δελτίο Τύπου] Δελτίο αριθμός 1»\n"
            "  - Εκδηλώσεις και συνεντεύξεις Τύπου (events@lists.alimos.gr): κανένα μήνυμα, η λίστα δεν λαμβάνει "
            "αυτό το είδος ή την κατηγορία") in out
    assert "  - Δημοσιεύεται την Τετάρτη 2 Δεκεμβρίου 2026, 09:00 (εμπάργκο)" in out, "«τη Δευτέρα», «το Σάββατο»"
    assert "  - Σημείωση: «Διορθώθηκε ο αριθμός.»\n  - Δημοσιογράφοι (press-list@lists.alimos.gr): «[Διόρθωση] " in out
    assert "«[Ακύρωση] Συνέντευξη Τύπου για τον προϋπολογισμό»" in out
    assert summary.read_text(encoding="utf-8") == out


def test_the_plan_shows_titles_notes_and_messages_as_written(branch: Project) -> None:
    """Rendered as a pull-request comment (CommonMark, as the forges): a suggested image stays text to type, a
    <script> named in a warning stays visible, a title's asterisks stay asterisks."""
    branch.write("press-releases/2026/markup.md", release(3).replace(
        "Δελτίο αριθμός 3", "Άμεση <b>ανακοίνωση</b> *με αστερίσκους*") + "\n![](/media/2026/gipeda.jpg)\n\n"
        "<script>alert(1)</script>\n")
    photo(branch.content / "media/2026/gipeda.jpg")  # with no description: the check writes the line to type
    branch.write("press-releases/2026/a`b.md", release(4))  # a backtick in a file's name: the code span held
    branch.commit("Τίτλος με σύμβολα")
    plan = branch.run("plan").stdout
    html = MarkdownIt("commonmark").render(plan)
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "Άμεση &lt;b&gt;ανακοίνωση&lt;/b&gt; *με αστερίσκους*" in html
    assert "«[Δελτίο Τύπου] Άμεση &lt;b&gt;ανακοίνωση&lt;/b&gt; *με αστερίσκους*»" in html, "its mail's subject too"
    assert "&lt;script&gt;" in html and "![" in html
    assert "<strong>κείμενο</strong>: αφαιρέθηκε" in html, "where it is, in Greek, as the check says it"
    assert "<code>content/press-releases/2026/a`b.md:1</code>" in html


def test_the_plan_names_changes_to_the_whole_site(branch: Project) -> None:
    """Settings, theme or code: every page changes, so the reviewer is told (the plan said nothing of them)."""
    (branch.site / "theme/static/css").mkdir(parents=True)
    (branch.site / "theme/static/css/kiryx.css").write_text("body { color: red }\n", encoding="utf-8")
    (branch.site / "pelicanconf.py").write_text("# settings\n", encoding="utf-8")
    (branch.site / "README.md").write_text("Οδηγίες.\n", encoding="utf-8")  # not the site: not listed
    branch.repo.git.add("-A")
    branch.commit("Εμφάνιση και ρυθμίσεις")
    out = branch.run("plan").stdout
    assert "2 αρχεία ρυθμίσεων ή εμφάνισης" in out.split("\n\n")[1]
    assert ("#### Αλλαγές σε όλο τον ιστότοπο\n\nΑλλάζουν ρυθμίσεις, εμφάνιση ή κώδικας: ισχύουν για κάθε σελίδα από "
            "την επόμενη δημοσίευση· ελέγξτε την προεπισκόπηση.\n\n- `pelicanconf.py`\n- `theme/static/css/kiryx.css`\n"
            ) in out


def test_an_edit_no_list_is_told_of_is_named_with_what_changed(tmp_path: Path) -> None:
    """A published press conference moved to another day, or a corrected title, without a 'changes:' entry: the
    plan said «κανένα μήνυμα» and nothing else, and journalists invited for the old day were never told."""
    project = Project(tmp_path)
    project.write("events/2026/synentefxi.md", EVENT)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.commit("Αρχείο")
    assert project.publish().returncode == 0
    project.repo.git.checkout("-qb", "metathesi")
    project.write("events/2026/synentefxi.md", EVENT.replace("2026-12-02 11:00", "2026-12-04 11:00").replace(
        "2026-12-02 12:30", "2026-12-04 12:30"))
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00").replace("Σύνοψη", "Νέα σύνοψη")
                  + "\nΜια ακόμη παράγραφος.\n")
    project.commit("Μετάθεση")
    out = project.run("plan").stdout
    assert "**2 αλλαγές χωρίς ενημέρωση, κανένα μήνυμα**" in out
    assert ("- **Συνέντευξη Τύπου για τον προϋπολογισμό** (Εκδήλωση): "
            "https://press.alimos.gr/events/2026/synentefxi-typou-gia-ton-proypologismo/\n  - Αλλάζει: Έναρξη, Λήξη\n"
            ) in out
    assert "  - Αλλάζει: Περίληψη, Κείμενο\n" in out


def test_a_scheduled_item_the_branch_deletes_is_named(tmp_path: Path) -> None:
    """Merged but still under embargo, then deleted on a branch: the plan said «κανένα μήνυμα», and a scheduled
    release and its mail were dropped without the reviewer knowing."""
    project = Project(tmp_path)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.commit("Αρχείο")
    assert project.publish().returncode == 0
    project.write("press-releases/2026/embargo.md", release(2, "2026-12-02 09:00"))
    project.commit("Προγραμματισμένο")
    assert project.publish().returncode == 0  # the site is published; the release waits for its date
    project.repo.git.checkout("-qb", "afairesi")
    project.repo.git.rm("-q", "content/press-releases/2026/embargo.md")
    project.commit("Αφαίρεση")
    out = project.run("plan").stdout
    assert "**1 προγραμματισμένο που αφαιρείται, κανένα μήνυμα**" in out
    assert ("- `content/press-releases/2026/embargo.md`: **Δελτίο αριθμός 2**, προγραμματισμένο για την Τετάρτη "
            "2 Δεκεμβρίου 2026, 09:00· δεν θα δημοσιευθεί ούτε θα σταλεί") in out


def test_a_page_and_a_clipping_get_their_own_reason_for_no_mail(branch: Project) -> None:
    """A new page was said to be «the coverage archive, internal» (it was the reason meant for clippings)."""
    branch.write("pages/nea-selida.md", "---\ntitle: Νέα σελίδα\nslug: nea-selida\n---\nΚείμενο.\n")
    branch.write("coverage/2026/arthro.md", "---\ntitle: Άρθρο\ndate: 2026-11-20\noutlet: ΕΡΤ\n"
                                            "url: https://example.org/a\nkind: web\n---\n")
    branch.commit("Σελίδα και δημοσίευμα")
    out = branch.run("plan").stdout
    page = out.split("**Νέα σελίδα**")[1].split("\n- **")[0]
    clipping = out.split("**Άρθρο**")[1].split("\n- **")[0]
    assert "οι σελίδες του ιστότοπου δεν στέλνονται στις λίστες" in page and "εσωτερικό" not in page
    assert "η λίστα δεν λαμβάνει αυτό το είδος" in clipping


def test_a_correction_dated_ahead_is_planned_for_its_date(branch: Project) -> None:
    """It is shown and mailed from then (the plan said «το έχει ήδη λάβει»)."""
    branch.write("press-releases/2026/palio.md", CORRECTED.replace("2026-11-23 10:00", "2026-11-24 20:00"))
    branch.commit("Διόρθωση για το βράδυ")
    out = branch.run("plan").stdout
    assert ("  - Σημείωση: «Διορθώθηκε ο αριθμός.»\n  - Φαίνεται και στέλνεται από την Τρίτη 24 Νοεμβρίου 2026, "
            "20:00\n  - Δημοσιογράφοι (press-list@lists.alimos.gr): «[Διόρθωση] Δελτίο αριθμός 0»") in out, out


def test_a_new_item_withdrawn_before_publication_owes_no_mail(branch: Project) -> None:
    branch.write("press-releases/2026/apoplanisi.md", release(3).replace(
        "category: perivallon", "category: perivallon\n        status: withdrawn\n        withdrawal_note: Εστάλη κατά λάθος."))
    branch.commit("Αποσυρμένο")
    out = branch.run("plan").stdout
    assert "Δημοσιογράφοι (press-list@lists.alimos.gr): κανένα μήνυμα, αποσύρεται πριν το λάβει η λίστα" in out, out


def test_the_plan_agrees_with_what_publish_then_does(branch: Project) -> None:
    settings = load_settings(branch.settings)
    plan = make_plan(settings, branch.repo, find_base(branch.repo, None), settings["KIRYX_NOW"])
    planned_now = Counter((m.mailing_list.address, m.subject) for group in (plan.new, plan.corrections,
                          plan.cancellations) for c in group if not c.live_at for m in c.mails if m.subject)
    planned_later = Counter((m.mailing_list.address, m.subject) for c in plan.new if c.live_at
                            for m in c.mails if m.subject)
    branch.repo.git.checkout("-q", "main")  # its last publication mailed the local outbox: the ledger knows it
    branch.repo.git.merge("-q", "--no-ff", "nea-deltia", "-m", "Συγχώνευση")
    with smtp_server() as (server, port):
        first = branch.publish(port=port)
        assert first.returncode == 0, first.stdout + first.stderr
        sent_now = Counter((m["To"].addresses[0].addr_spec, m["Subject"]) for m in server.received)
        branch.set_now("2026-12-02T09:05:00+02:00")
        later = branch.publish(port=port)
        assert later.returncode == 0, later.stdout + later.stderr
        sent_later = Counter((m["To"].addresses[0].addr_spec, m["Subject"]) for m in server.received) - sent_now
    assert sent_now == planned_now and len(sent_now) == 4
    assert sent_later == planned_later and len(sent_later) == 1


def test_errors_are_listed_first_and_fail_the_plan(branch: Project) -> None:
    branch.write("press-releases/2026/lathos.md", release(3).replace("category: perivallon", "category: kati"))
    branch.commit("Λάθος κατηγορία")
    result = branch.run("plan")
    assert result.returncode == 1
    check = result.stdout.split("#### Έλεγχος\n\n", 1)[1].splitlines()
    assert check[0].startswith("- σφάλμα: `content/press-releases/2026/lathos.md:5` **category**: άγνωστη κατηγορία")
    assert "σφάλμα: δεν μπορεί να δημοσιευθεί" in result.stdout.splitlines()[2]
    branch.write("press-releases/2026/lathos.md", release(3).replace("2026-11-20 10:00", "20/11/2026 10:00"))
    branch.commit("Λάθος ημερομηνία")
    undated = branch.run("plan").stdout
    assert "/0/" not in undated, "no address of year 0 for a date that is wrong"
    assert "**Δελτίο αριθμός 3** (Δελτίο Τύπου): (η διεύθυνση φαίνεται μόλις διορθωθεί η ημερομηνία)" in undated


def test_without_a_publication_the_base_is_the_remotes_default_branch(tmp_path: Path) -> None:
    import git
    project = Project(tmp_path)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.commit()
    remote = git.Repo.init(tmp_path / "forge.git", bare=True, initial_branch="main")
    project.repo.create_remote("origin", remote.working_dir)
    project.repo.git.push("-u", "origin", "main")
    project.repo.git.remote("set-head", "origin", "main")
    project.repo.git.checkout("-qb", "allagi")
    project.write("press-releases/2026/neo.md", release(1))
    project.commit()
    result = project.run("plan")
    assert "Σύγκριση με origin/main (ο κύριος κλάδος)" in result.stdout
    assert "**1 νέο δελτίο τύπου, 1 μήνυμα σε 1 λίστα**" in result.stdout
    missing = project.run("plan", "--base", "den-yparchei", env={"KIRYX_LANG": "el"})
    assert (missing.returncode, missing.stderr) == (1, "plan: --base den-yparchei: δεν υπάρχει τέτοια υποβολή (commit), "
                                                       "κλάδος ή ετικέτα σε αυτό το αποθετήριο\n"), "Greek: staff run it"


SERIES = """
---
title: Παιδικές αναγνώσεις
date: 2026-11-05 10:00
summary: Κάθε Σάββατο.
start: 2026-11-28 11:00
end: 2026-11-28 12:00
repeat: {every: week, on: [Σάββατο], count: 4}
cancelled_dates: [2026-12-05]
location: Δημοτική Βιβλιοθήκη
---
Κείμενο.
"""


def test_a_newly_cancelled_date_of_a_series_is_planned_as_one_mail_per_list(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.write("events/2026/anagnoseis.md", SERIES)
    project.commit("Σειρά")
    assert project.publish().returncode == 0
    project.repo.git.checkout("-qb", "akyrosi")
    project.write("events/2026/anagnoseis.md", SERIES.replace("[2026-12-05]", "[2026-12-05, 2026-12-12]").replace(
        "location:", "changes:\n- date: 2026-11-24 11:00\n  note: Η βιβλιοθήκη κλείνει για απολύμανση.\n"
                     "  notify: true\nlocation:"))
    project.commit("Ακύρωση 12 Δεκεμβρίου, με τον λόγο")
    result = project.run("plan")
    assert result.returncode == 0, result.stderr
    assert "  - Σημείωση: «Ακυρώνεται: Σάββατο 12 Δεκεμβρίου 2026»" in result.stdout
    assert "  - Σημείωση: «Η βιβλιοθήκη κλείνει για απολύμανση.»" in result.stdout
    assert result.stdout.count("«[Ακύρωση] Παιδικές αναγνώσεις (Σάββατο 12 Δεκεμβρίου 2026)»") == 2
    assert "5 Δεκεμβρίου" not in result.stdout.split("Ακυρώσεις")[1], "the date cancelled before is not news"
    assert "Διορθώσεις" not in result.stdout, "the note is the cancellation's reason: the item was listed twice"
    planned = int(re.search(r"(\d+) μηνύματ", result.stdout)[1])  # type: ignore[index]
    project.repo.git.checkout("-q", "main")
    project.repo.git.merge("-q", "akyrosi")
    sent = project.publish()
    assert sent.stdout.count("Sent: ") == planned == 2, sent.stdout


def test_plan_and_publish_leave_no_git_process_behind(branch: Project, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Both read the repository in-process (GitPython keeps `git cat-file` running for that) and close it: `serve`
    or a test run goes on without their processes."""
    from kiryx.cli import main
    from tests.conftest import children

    monkeypatch.setenv("KIRYX_STATE_DIR", str(branch.state))
    monkeypatch.setenv("KIRYX_DEPLOY_DIR", str(branch.www))
    before = children()  # an earlier test's own repository may still have its `git cat-file`
    assert main(["plan", "--settings", str(branch.settings)]) == 0
    assert "Δελτίο αριθμός 1" in capsys.readouterr().out
    assert children() <= before
    branch.repo.git.checkout("-q", "main")
    branch.repo.git.merge("-q", "nea-deltia")
    assert main(["publish", "--settings", str(branch.settings), "--no-fetch"]) == 0
    assert children() <= before


def test_a_base_that_is_no_commit_or_has_no_content_folder(branch: Project) -> None:
    """CI gives a new branch's «before» as forty zeros, and a repository's first commit may hold no content/: the
    plan ended in «fault of Kiryx». Neither is a fault; a plan written into content/ would become content."""
    zeros = branch.run("plan", "--base", "0" * 40, "--lang", "en")
    assert zeros.returncode == 1 and zeros.stderr.strip().endswith(
        f"--base {'0' * 40}: no such commit, branch or tag in this repository"), zeros.stderr
    (branch.site / "README.txt").write_text("x", encoding="utf-8")
    branch.repo.git.checkout("-q", "--orphan", "keno")
    branch.repo.git.rm("-rq", "--cached", ".")
    branch.repo.index.add(["README.txt"])
    branch.repo.index.commit("Χωρίς περιεχόμενο")
    empty = branch.repo.head.commit.hexsha
    branch.repo.git.checkout("-qf", "nea-deltia")
    plan = branch.run("plan", "--base", empty, "--lang", "en")
    assert plan.returncode == 0 and "**Δελτίο αριθμός 1**" in plan.stdout, plan.stdout + plan.stderr
    into = branch.run("plan", "--output", str(branch.content / "pages/schetio.md"), "--lang", "en")
    assert into.returncode == 1 and "it is in the content folder" in into.stderr
    assert not (branch.content / "pages/schetio.md").exists()


def test_a_withdrawn_item_put_back_is_in_the_plan_with_its_mails(tmp_path: Path) -> None:
    """Put back after a note was added while it was withdrawn: the plan said «κανένα μήνυμα» and nothing of the
    item's return to every list, while publish mailed the note as a correction."""
    project = Project(tmp_path)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.commit("Αρχείο")
    assert project.publish().returncode == 0
    withdrawn = textwrap.dedent(release(0, "2026-01-10 10:00")).replace("category: perivallon", (
        "category: perivallon\nstatus: withdrawn\nwithdrawn: 2026-11-24 10:00\nwithdrawal_note: Λάθος ποσό.\n"
        "changes:\n  - date: 2026-11-24 11:00\n    note: Διορθώθηκε το ποσό.\n    notify: true"))
    project.write("press-releases/2026/palio.md", withdrawn)
    project.commit("Απόσυρση")
    assert project.publish().returncode == 0
    project.repo.git.checkout("-qb", "epanafora")
    project.write("press-releases/2026/palio.md", withdrawn.replace(
        "status: withdrawn\nwithdrawn: 2026-11-24 10:00\nwithdrawal_note: Λάθος ποσό.\n", ""))
    project.commit("Επαναφορά")
    out = project.run("plan").stdout
    assert "#### Επαναφορές\n" in out and "«[Διόρθωση] Δελτίο αριθμός 0»" in out and "1 επαναφορά" in out, out
    project.repo.git.checkout("-q", "main")
    project.repo.git.merge("-q", "epanafora")
    published = project.publish()
    assert "[Διόρθωση] Δελτίο αριθμός 0" in published.stdout, published.stdout


def test_the_plan_lists_the_press_kits_files(branch: Project) -> None:
    """Three official photos added: the plan said nothing of them (the reviewer approves from it)."""
    (branch.content / "press-kit/photos").mkdir(parents=True, exist_ok=True)
    photo(branch.content / "press-kit/photos/plateia.jpg", size=(1600, 1000))
    branch.commit("Φωτογραφία για τον Τύπο")
    out = branch.run("plan").stdout
    assert "#### Υλικό για τον Τύπο\n" in out and "- `content/press-kit/photos/plateia.jpg`: προστίθεται" in out, out
    assert "1 αρχείο υλικού για τον Τύπο" in out
    assert "`../publishconf.py:1`" in out and "content/../" not in out, "the settings file, as the repository has it"


def test_the_press_kits_files_are_listed_with_the_content_at_the_repositorys_root(tmp_path: Path) -> None:
    """A repository of the content folder alone: the plan looked for «./press-kit/» and listed no press-kit file, and
    named the files of its problems under a «content/» that is not there."""
    project = Project(tmp_path)
    repo = git.Repo.init(project.content, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Γραφείο Τύπου").set_value("user", "email", "press@alimos.gr")
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    repo.git.add("-A")
    repo.git.commit("-qm", "Αρχείο")
    repo.git.checkout("-qb", "fotografia")
    photo(project.content / "press-kit/photos/plateia.jpg", size=(1600, 1000))
    repo.git.add("-A")
    repo.git.commit("-qm", "Φωτογραφία για τον Τύπο")
    project.write("press-releases/2026/neo.md", release(1) + "\n        Η [μελέτη](/files/2026/meleti.pdf).\n")
    repo.git.add("-A")
    repo.git.commit("-qm", "Δελτίο με λάθος σύνδεσμο")
    out = project.run("plan", "--base", "main").stdout
    assert "- `press-kit/photos/plateia.jpg`: προστίθεται" in out, out
    assert "- σφάλμα: `press-releases/2026/neo.md:9`" in out and "`content/" not in out, out


def test_a_mailed_note_given_another_date_is_told_it_goes_out_again(branch: Project) -> None:
    """The lists know a change by its date: only the date changed, the same correction was mailed a second time."""
    branch.repo.git.checkout("-q", "main")
    branch.write("press-releases/2026/palio.md", CORRECTED)
    branch.commit("Διόρθωση")
    assert branch.publish().returncode == 0
    branch.repo.git.checkout("-qb", "nea-ora")
    branch.write("press-releases/2026/palio.md", CORRECTED.replace("2026-11-23 10:00", "2026-11-23 09:30"))
    branch.commit("Άλλη ώρα")
    out = branch.run("plan", "--lang", "el").stdout
    assert ("`content/press-releases/2026/palio.md:7` **changes[0].date**: η σημείωση υπήρχε ήδη, με ημερομηνία 23 "
            "Νοεμβρίου 2026, 10:00· με νέα ημερομηνία είναι νέα διόρθωση και ξαναστέλνεται στις λίστες") in out, out


def test_a_published_withdrawal_without_its_date_does_not_stop_the_plan(tmp_path: Path) -> None:
    """The base is read without its history, which gives a withdrawal its date: plan failed on every branch."""
    project = Project(tmp_path)
    project.write("press-releases/2026/palio.md", CORRECTED)
    project.commit("Αρχείο")
    assert project.publish().returncode == 0
    project.write("press-releases/2026/palio.md", CORRECTED.replace(
        "category: perivallon", "category: perivallon\nstatus: withdrawn\nwithdrawal_note: Λάθος ποσό."))
    project.commit("Απόσυρση")
    assert project.publish().returncode == 0
    project.repo.git.checkout("-qb", "allo")
    project.write("press-releases/2026/neo.md", release(5))
    project.commit("Νέο")
    result = project.run("plan")
    assert result.returncode == 0 and "Δελτίο αριθμός 5" in result.stdout, result.stdout + result.stderr


def test_an_event_over_when_it_went_out_is_owed_no_withdrawal_mail(tmp_path: Path) -> None:
    """No list was sent it (it was over at its first publication), so publish sends no «[Απόσυρση]»; the plan said it
    would, to every list."""
    project = Project(tmp_path)
    project.write("events/2026/palia.md", EVENT.replace("start: 2026-12-02", "start: 2026-10-02").replace(
        "end: 2026-12-02", "end: 2026-10-02"))
    project.commit("Παλιά εκδήλωση")
    assert project.publish().returncode == 0
    project.repo.git.checkout("-qb", "apopsyrsi")
    project.write("events/2026/palia.md", EVENT.replace("start: 2026-12-02", "start: 2026-10-02").replace(
        "end: 2026-12-02", "end: 2026-10-02").replace("press_conference: true", "press_conference: true\n"
                                                      "status: withdrawn\nwithdrawal_note: Λάθος στοιχεία."))
    project.commit("Απόσυρση")
    out = project.run("plan").stdout
    assert "#### Αποσύρσεις" in out and "«[Απόσυρση]" not in out, out
