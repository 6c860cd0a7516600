"""Every front-matter field, declared once: its kind, its Greek label and hint, its limits.

`check` validates by these declarations (kiryx.content.schema), the browser editor's form is
generated from them (plugins/admin), and the staff guide names them. Which fields a type
requires is in kiryx.content.content_types.
"""

from __future__ import annotations

from dataclasses import dataclass

SUMMARY_MAX = 300
EXCERPT_MAX = 400  # a quotation, not a copy of the article
WITHDRAWAL_MAX = 300
ALT_MAX = 250

KINDS = ("text", "when", "boolean", "url", "choice", "category", "tags", "slug", "image", "file", "reply", "records",
         "repeat", "rrule", "dates", "moments")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label: str
    hint: str = ""
    limit: int = 200
    """Characters, for text."""
    multiline: bool = False
    types: tuple[str, ...] = ()
    """The content types that have it; empty: every type."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, Greek label) for a choice."""
    synonyms: tuple[tuple[str, str], ...] = ()
    """(word, value): what staff may write for a choice («εφημερίδα» for print), to be told the value."""
    parts: tuple[Field, ...] = ()
    """The fields of each entry, for a list of records."""
    required: bool = False
    """For the parts of a record; a type's own required fields are in its ContentType."""

    def applies_to(self, type_key: str) -> bool:
        return not self.types or type_key in self.types


PLACEHOLDER = "Κείμενο εδώ."
"""The text `publish.py new` leaves for the body: published as it is, it would be the release's text."""

COVERAGE_KINDS = (("print", "Έντυπο"), ("web", "Διαδικτυακό"), ("tv", "Τηλεόραση"), ("radio", "Ραδιόφωνο"))
COVERAGE_WORDS = (("εφημερίδα", "print"), ("περιοδικό", "print"), ("newspaper", "print"), ("magazine", "print"),
                  ("ιστότοπος", "web"), ("ιστοσελίδα", "web"), ("site", "web"), ("online", "web"), ("portal", "web"),
                  ("blog", "web"), ("τηλεοπτικό", "tv"), ("κανάλι", "tv"), ("television", "tv"),
                  ("ραδιοφωνικό", "radio"))

FIELDS: tuple[Field, ...] = (
    Field("title", "text", "Τίτλος", "Σύντομος και σαφής, έως 200 χαρακτήρες."),
    Field("date", "when", "Ημερομηνία δημοσίευσης",
          "Ώρα Ελλάδας. Μια μελλοντική ημερομηνία είναι εμπάργκο: τίποτα δεν δημοσιεύεται πριν από αυτήν."),
    Field("summary", "text", "Περίληψη",
          "Μία-δύο προτάσεις, έως 300 χαρακτήρες· εμφανίζεται στις λίστες και στα μηνύματα.",
          limit=SUMMARY_MAX, multiline=True),
    Field("category", "category", "Κατηγορία"),
    Field("tags", "tags", "Ετικέτες", "Χωρισμένες με κόμμα, π.χ. Παραλία, Εθελοντισμός.", limit=60),
    Field("slug", "slug", "Διεύθυνση (slug)",
          "Λατινικά πεζά, ψηφία και '-'. Αν λείπει, βγαίνει από τον τίτλο (ΕΛΟΤ 743)."),
    Field("lang", "choice", "Γλώσσα", choices=(("el", "Ελληνικά"), ("en", "Αγγλικά"))),
    Field("updated", "when", "Τελευταία ενημέρωση", "Μόνο αν θέλετε να δείξετε ρητά ημερομηνία ενημέρωσης."),
    Field("image", "image", "Κύρια εικόνα", "JPEG, PNG ή WebP· χρειάζεται και περιγραφή."),
    Field("image_alt", "text", "Περιγραφή της κύριας εικόνας",
          "Τι δείχνει, για όσους δεν τη βλέπουν. Υποχρεωτική όταν υπάρχει κύρια εικόνα.", limit=ALT_MAX),
    Field("images", "records", "Φωτογραφίες για τον Τύπο", "Σε πλήρη ανάλυση, με περιγραφή, λεζάντα και πίστωση.",
          parts=(
              Field("file", "image", "Αρχείο", required=True),
              Field("alt", "text", "Περιγραφή (τι δείχνει)", limit=ALT_MAX, required=True),
              Field("caption", "text", "Λεζάντα", limit=1000),
              Field("credit", "text", "Πίστωση", "π.χ. Φωτογραφία: Μαρία Παπαδάκη· κενό: η πίστωση του Γραφείου"),
              Field("license", "text", "Άδεια χρήσης"),
          )),
    Field("attachments", "records", "Συνημμένα", "Έγγραφα (PDF κ.λπ.) με τον τίτλο τους.", parts=(
        Field("file", "file", "Αρχείο", required=True),
        Field("title", "text", "Τίτλος", required=True),
        Field("accessible", "boolean", "Προσβάσιμο",
              "true όταν κάποιος το έλεγξε με αναγνώστη οθόνης· false για να ζητείται πάντα προσβάσιμη μορφή"),
    )),
    Field("changes", "records", "Διορθώσεις", "Κάθε αλλαγή σε δημοσιευμένο κείμενο, με ημερομηνία και σημείωση.",
          parts=(
              Field("date", "when", "Ημερομηνία", required=True),
              Field("note", "text", "Σημείωση", limit=1000, required=True),
              Field("notify", "boolean", "Μήνυμα «Διόρθωση» στις λίστες"),
          )),
    Field("status", "choice", "Κατάσταση στον ιστότοπο", "Πρόχειρο: δεν δημοσιεύεται ποτέ.", choices=(
        ("published", "Δημοσιευμένο"), ("draft", "Πρόχειρο"), ("withdrawn", "Αποσυρμένο"), ("cancelled", "Ακυρωμένη"),
    ), synonyms=(("δημοσίευση", "published"), ("δημοσιευμένη", "published"), ("προσχέδιο", "draft"),
                 ("αποσύρθηκε", "withdrawn"), ("απόσυρση", "withdrawn"), ("αποσυρμένη", "withdrawn"),
                 ("ακυρώθηκε", "cancelled"), ("ακύρωση", "cancelled"), ("ακυρωμένο", "cancelled"))),
    Field("withdrawal_note", "text", "Λόγος απόσυρσης", "Εμφανίζεται πάνω από το κείμενο, έως 300 χαρακτήρες.",
          limit=WITHDRAWAL_MAX, multiline=True),
    Field("withdrawn", "when", "Ημερομηνία απόσυρσης"),
    Field("start", "when", "Έναρξη", types=("events",)),
    Field("end", "when", "Λήξη", types=("events",)),
    Field("repeat", "repeat", "Επανάληψη",
          "Για εκδήλωση που επαναλαμβάνεται, π.χ. {every: week, on: [Σάββατο], until: 2026-11-28} ή "
          "{every: month, on: πρώτη Δευτέρα, count: 6}. Η έναρξη και η λήξη είναι της πρώτης φοράς.",
          types=("events",)),
    Field("rrule", "rrule", "Κανόνας επανάληψης (RRULE)",
          "Για προχωρημένους, αντί για «Επανάληψη»: κανόνας iCalendar, π.χ. FREQ=WEEKLY;BYDAY=TU;COUNT=8.",
          types=("events",)),
    Field("except", "dates", "Ημερομηνίες που δεν γίνεται",
          "Ημερομηνίες της σειράς που παραλείπονται σιωπηρά, π.χ. αργίες.", types=("events",)),
    Field("also", "moments", "Επιπλέον ημερομηνίες",
          "Ημερομηνίες εκτός κανόνα (ίδια ώρα με την πρώτη, αν δεν γράψετε ώρα ή γράψετε 00:00).", types=("events",)),
    Field("cancelled_dates", "dates", "Ακυρωμένες ημερομηνίες",
          "Ημερομηνίες της σειράς που ακυρώνονται: φαίνονται ως ακυρωμένες και οι λίστες λαμβάνουν «Ακύρωση».",
          types=("events",)),
    Field("location", "text", "Τόπος", "Ο χώρος και η διεύθυνσή του, π.χ. Αίθουσα Δημοτικού Συμβουλίου, Δημαρχείο.",
          types=("events",)),
    Field("all_day", "boolean", "Ολοήμερη", types=("events",)),
    Field("online_url", "url", "Ζωντανή μετάδοση", "Πλήρης διεύθυνση https://", types=("events",)),
    Field("press_conference", "boolean", "Συνέντευξη Τύπου", types=("events",)),
    Field("accreditation", "text", "Διαπίστευση",
          "Για συνέντευξη Τύπου: πώς και έως πότε διαπιστεύονται οι δημοσιογράφοι, αν χρειάζεται.", limit=300,
          multiline=True, types=("events",)),
    Field("outlet", "text", "Μέσο", "π.χ. «Η Καθημερινή»", types=("coverage",)),
    Field("url", "url", "Διεύθυνση του δημοσιεύματος", types=("coverage",)),
    Field("kind", "choice", "Είδος μέσου", choices=COVERAGE_KINDS, synonyms=COVERAGE_WORDS, types=("coverage",)),
    Field("excerpt", "text", "Απόσπασμα", "Σύντομο, όσο μια παράθεση.", limit=EXCERPT_MAX, multiline=True,
          types=("coverage",)),
    Field("reply", "reply", "Η απάντησή μας", "Το δελτίο τύπου που απαντά, π.χ. press-releases/2026/apantisi.md",
          types=("coverage",)),
)


def fields_of(type_key: str) -> dict[str, Field]:
    """The fields a content type has, by name."""
    return {f.name: f for f in FIELDS if f.applies_to(type_key)}


def statuses(type_key: str) -> tuple[str, ...]:
    """The statuses a type allows (only events can be cancelled)."""
    status = next(f for f in FIELDS if f.name == "status")
    return tuple(v for v, _ in status.choices if v != "cancelled" or type_key == "events")
