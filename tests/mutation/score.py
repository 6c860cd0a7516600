"""Per-module mutation score from mutmut 3's results (mutants/<module path>.py.meta); run from the project root."""

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code  # exit code -> "killed", "survived", "timeout", "no tests", …

CAUGHT = {"killed", "timeout", "segfault", "caught by type check"}  # segfault: -9, the CPU limit's SIGKILL
UNCOUNTED = {"skipped", "not checked"}  # "no tests" and "survived" count against the score

total_caught = total_counted = 0
for meta in sorted(Path("mutants").rglob("*.py.meta")):
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    count = Counter(status_by_exit_code[code] for code in codes.values())
    caught = sum(n for status, n in count.items() if status in CAUGHT)
    counted = sum(n for status, n in count.items() if status not in UNCOUNTED)
    total_caught, total_counted = total_caught + caught, total_counted + counted
    module = meta.relative_to("mutants").as_posix().removesuffix(".py.meta").replace("/", ".")
    score = f"{100 * caught / counted:5.1f}%" if counted else "    –"
    print(f"{module:28} {score} {caught:4}/{counted:<4}", ", ".join(f"{s} {n}" for s, n in sorted(count.items())))
if not total_counted:
    sys.exit("no mutmut results: run `mutmut run` first")
print(f"{'all':28} {100 * total_caught / total_counted:5.1f}% {total_caught:4}/{total_counted}")
